package dev.vigil.ingest.cloud.aks;

import dev.vigil.ingest.config.SourcesProperties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.config.SaslConfigs;

import java.util.HashMap;
import java.util.Map;

/**
 * The Kafka consumer configuration for an event hub's Kafka endpoint, as Azure documents it: SASL PLAIN over TLS,
 * user name {@code $ConnectionString}, the connection string as the password, and the client timeouts Azure
 * recommends (its load balancers close connections idle for 240 s). Offsets are committed by the source, never
 * automatically.
 */
final class EventHubsConsumerConfig {

    /** Azure's recommended values for Kafka clients of Event Hubs. */
    static final int SESSION_TIMEOUT_MS = 30_000;
    static final int REQUEST_TIMEOUT_MS = 60_000;
    static final int METADATA_MAX_AGE_MS = 180_000;
    static final int CONNECTIONS_MAX_IDLE_MS = 180_000;

    private EventHubsConsumerConfig() {
    }

    static Map<String, Object> of(SourcesProperties.Aks source) {
        Map<String, Object> config = new HashMap<>();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, source.bootstrapServers());
        config.put(CommonClientConfigs.CLIENT_ID_CONFIG, "vigil-aks-" + source.name());
        config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, source.security().name());
        config.put(SaslConfigs.SASL_MECHANISM, "PLAIN");
        config.put(SaslConfigs.SASL_JAAS_CONFIG, jaas(source.connectionString()));
        config.put(ConsumerConfig.GROUP_ID_CONFIG, source.consumerGroup());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // A new consumer group starts at the oldest retained event: nothing the hub still holds is skipped.
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, SESSION_TIMEOUT_MS);
        config.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, REQUEST_TIMEOUT_MS);
        config.put(CommonClientConfigs.METADATA_MAX_AGE_CONFIG, METADATA_MAX_AGE_MS);
        config.put(CommonClientConfigs.CONNECTIONS_MAX_IDLE_MS_CONFIG, CONNECTIONS_MAX_IDLE_MS);
        config.putAll(source.properties());
        return config;
    }

    /** The JAAS line; the connection string is quoted (it holds {@code ;} and {@code =}). */
    static String jaas(String connectionString) {
        String quoted = connectionString.replace("\\", "\\\\").replace("\"", "\\\"");
        return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"$ConnectionString\" "
                + "password=\"" + quoted + "\";";
    }
}

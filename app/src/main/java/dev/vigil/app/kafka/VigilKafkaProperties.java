package dev.vigil.app.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import dev.vigil.model.kafka.KafkaClientSettings;
import dev.vigil.model.kafka.Topics;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How Vigil reaches Kafka and which topics it uses ({@code vigil.kafka.*}). Client properties may hold credentials
 * ({@code sasl.jaas.config}), so {@link #toString()} shows their keys only.
 *
 * @param bootstrapServers  Kafka bootstrap servers ({@code host:port,…}); when unset, {@code vigil run} starts the
 *                          embedded broker and uses it
 * @param properties        client properties shared by every producer, consumer, admin and streams client (security
 *                          protocol, SASL, TLS …), e.g. {@code vigil.kafka.properties[security.protocol]=SASL_SSL}
 * @param topics            the topic names; the defaults are the contract's
 * @param partitions        partitions of each topic Vigil creates; existing topics are left as they are
 * @param replicationFactor replication factor of each topic Vigil creates; unset for the broker's
 *                          {@code default.replication.factor}
 * @param createTopics      whether to create missing topics at start; turn off when an operator provisions them
 * @param startupTimeout    how long start-up waits for Kafka to answer and for every topic partition to have a leader
 */
@ConfigurationProperties("vigil.kafka")
@Validated
public record VigilKafkaProperties(
        String bootstrapServers,
        Map<String, String> properties,
        @DefaultValue @Valid @NotNull TopicNames topics,
        @DefaultValue("3") @Min(1) int partitions,
        @Min(1) Integer replicationFactor,
        @DefaultValue("true") boolean createTopics,
        @DefaultValue("60s") @NotNull Duration startupTimeout) {

    public VigilKafkaProperties {
        properties = properties == null ? Map.of() : Map.copyOf(properties);
    }

    /** The connection every stage shares; fails when no bootstrap servers are known. */
    public KafkaClientSettings clientSettings() {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalStateException("vigil.kafka.bootstrap-servers is not set and no embedded Kafka was started");
        }
        return new KafkaClientSettings(bootstrapServers, properties);
    }

    public Optional<Short> replicationFactorIfSet() {
        return Optional.ofNullable(replicationFactor).map(Integer::shortValue);
    }

    @Override
    public String toString() {
        return "VigilKafkaProperties[bootstrapServers=" + bootstrapServers
                + ", properties=" + new TreeMap<>(properties).keySet() + " (values hidden)"
                + ", topics=" + topics + ", partitions=" + partitions + ", replicationFactor=" + replicationFactor
                + ", createTopics=" + createTopics + ", startupTimeout=" + startupTimeout + "]";
    }

    /**
     * The topic names (design §3).
     *
     * @param audit    audit events as received, keyed by auditID
     * @param watch    Kubernetes watch events, keyed by cluster/kind/namespace/name
     * @param alerts   alert documents, keyed by alert id
     * @param evidence redacted evidence documents, keyed by auditID
     * @param dlq      records that could not be processed, with the reason
     */
    public record TopicNames(
            @DefaultValue(Topics.AUDIT) @NotBlank String audit,
            @DefaultValue(Topics.WATCH) @NotBlank String watch,
            @DefaultValue(Topics.ALERTS) @NotBlank String alerts,
            @DefaultValue(Topics.EVIDENCE) @NotBlank String evidence,
            @DefaultValue(Topics.DLQ) @NotBlank String dlq) {

        public Topics toTopics() {
            return new Topics(audit, watch, alerts, evidence, dlq);
        }
    }
}

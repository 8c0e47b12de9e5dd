package dev.vigil.model.kafka;

import java.util.HashMap;
import java.util.Map;

/**
 * How every Vigil stage reaches Kafka: the bootstrap servers plus client properties shared by all clients
 * (security protocol, SASL, TLS …). Each stage adds its own producer/consumer/streams settings on top.
 */
public record KafkaClientSettings(String bootstrapServers, Map<String, String> properties) {

    public KafkaClientSettings {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrapServers must be set");
        }
        properties = properties == null ? Map.of() : Map.copyOf(properties);
    }

    public static KafkaClientSettings of(String bootstrapServers) {
        return new KafkaClientSettings(bootstrapServers, Map.of());
    }

    /** Property names only: values may hold credentials ({@code sasl.jaas.config}, key store passwords). */
    @Override
    public String toString() {
        return "KafkaClientSettings[bootstrapServers=" + bootstrapServers + ", properties=" + properties.keySet() + "]";
    }

    /** A fresh, mutable client config with bootstrap servers and the shared properties. */
    public Map<String, Object> clientConfig() {
        Map<String, Object> config = new HashMap<>(properties);
        config.put("bootstrap.servers", bootstrapServers);
        return config;
    }
}

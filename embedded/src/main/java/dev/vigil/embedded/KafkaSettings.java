package dev.vigil.embedded;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How an {@link EmbeddedKafka} broker runs: address, ports, data directory and broker-level overrides.
 *
 * @param host              address both listeners bind to and the broker advertises
 * @param brokerPort        client listener port; {@code 0} picks a free one when the broker is created
 * @param controllerPort    KRaft controller listener port; {@code 0} picks a free one when the broker is created
 * @param dataDir           persistent log directory (formatted once, reused later); empty for a temporary one
 *                          that is deleted on {@link EmbeddedKafka#close()}
 * @param defaultPartitions partitions of topics created without an explicit count (and of auto-created topics)
 * @param brokerProperties  extra broker properties ({@code server.properties} keys); they win over the defaults
 * @param saslPlainUsers    users (name to password) of a second client listener, {@code SASL_PLAINTEXT} with
 *                          mechanism {@code PLAIN} (what Azure Event Hubs' Kafka endpoint speaks, without TLS); no
 *                          such listener when empty
 */
public record KafkaSettings(String host, int brokerPort, int controllerPort, Optional<Path> dataDir,
                            int defaultPartitions, Map<String, String> brokerProperties,
                            Map<String, String> saslPlainUsers) {

    /** The loopback address the local default binds to. */
    public static final String LOOPBACK = "127.0.0.1";

    public KafkaSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(dataDir, "dataDir");
        requirePort(brokerPort, "brokerPort");
        requirePort(controllerPort, "controllerPort");
        if (defaultPartitions < 1) {
            throw new IllegalArgumentException("defaultPartitions must be at least 1: " + defaultPartitions);
        }
        brokerProperties = Map.copyOf(brokerProperties);
        saslPlainUsers = saslPlainUsers == null ? Map.of() : Map.copyOf(saslPlainUsers);
    }

    /** The settings without a SASL listener (the form before it existed). */
    public KafkaSettings(String host, int brokerPort, int controllerPort, Optional<Path> dataDir,
                         int defaultPartitions, Map<String, String> brokerProperties) {
        this(host, brokerPort, controllerPort, dataDir, defaultPartitions, brokerProperties, Map.of());
    }

    /** Loopback, free ports, a temporary directory, one partition per topic. */
    public static KafkaSettings defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    static void requirePort(int port, String name) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException(name + " out of range: " + port);
        }
    }

    /** Builds {@link KafkaSettings}; every value has a default. */
    public static final class Builder {

        private String host = LOOPBACK;
        private int brokerPort;
        private int controllerPort;
        private Path dataDir;
        private int defaultPartitions = 1;
        private final Map<String, String> brokerProperties = new LinkedHashMap<>();
        private final Map<String, String> saslPlainUsers = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        public Builder brokerPort(int brokerPort) {
            this.brokerPort = brokerPort;
            return this;
        }

        public Builder controllerPort(int controllerPort) {
            this.controllerPort = controllerPort;
            return this;
        }

        /** A persistent log directory; without one the broker uses a temporary directory. */
        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        public Builder defaultPartitions(int defaultPartitions) {
            this.defaultPartitions = defaultPartitions;
            return this;
        }

        /** Sets one broker property ({@code server.properties} key), overriding Vigil's default for it. */
        public Builder brokerProperty(String key, String value) {
            brokerProperties.put(key, value);
            return this;
        }

        /** Adds a user of the SASL PLAIN listener, which exists once a user is added. */
        public Builder saslPlainUser(String name, String password) {
            saslPlainUsers.put(name, password);
            return this;
        }

        public KafkaSettings build() {
            return new KafkaSettings(host, brokerPort, controllerPort, Optional.ofNullable(dataDir),
                    defaultPartitions, brokerProperties, saslPlainUsers);
        }
    }
}

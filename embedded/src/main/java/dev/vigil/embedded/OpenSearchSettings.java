package dev.vigil.embedded;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How an {@link EmbeddedOpenSearch} node runs: address, HTTP port, data directory and node-level overrides.
 *
 * @param host          address the HTTP and transport layers bind to
 * @param httpPort      HTTP port; {@code 0} binds a free one on the first start and keeps it for restarts
 * @param dataDir       persistent home of the node ({@code data/} below it); empty for a temporary one that is
 *                      deleted on {@link EmbeddedOpenSearch#close()}
 * @param clusterName   the cluster (and node) name
 * @param nodeSettings  extra node settings ({@code opensearch.yml} keys); they win over the defaults
 */
public record OpenSearchSettings(String host, int httpPort, Optional<Path> dataDir, String clusterName,
                                 Map<String, String> nodeSettings) {

    public OpenSearchSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(clusterName, "clusterName");
        KafkaSettings.requirePort(httpPort, "httpPort");
        nodeSettings = Map.copyOf(nodeSettings);
    }

    /** Loopback, a free HTTP port, a temporary directory. */
    public static OpenSearchSettings defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link OpenSearchSettings}; every value has a default. */
    public static final class Builder {

        private String host = KafkaSettings.LOOPBACK;
        private int httpPort;
        private Path dataDir;
        private String clusterName = "vigil-embedded";
        private final Map<String, String> nodeSettings = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        public Builder httpPort(int httpPort) {
            this.httpPort = httpPort;
            return this;
        }

        /** A persistent node directory; without one the node uses a temporary directory. */
        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        public Builder clusterName(String clusterName) {
            this.clusterName = clusterName;
            return this;
        }

        /** Sets one node setting ({@code opensearch.yml} key), overriding Vigil's default for it. */
        public Builder nodeSetting(String key, String value) {
            nodeSettings.put(key, value);
            return this;
        }

        public OpenSearchSettings build() {
            return new OpenSearchSettings(host, httpPort, Optional.ofNullable(dataDir), clusterName, nodeSettings);
        }
    }
}

package dev.vigil.app.embedded;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import dev.vigil.embedded.EmbeddedKafka;
import dev.vigil.embedded.EmbeddedOpenSearch;

/**
 * The embedded servers one {@code vigil run} started. It is registered as the first disposable bean of the
 * application context, so it closes after every role has stopped.
 */
public final class EmbeddedStack implements AutoCloseable {

    static final String BEAN_NAME = "vigilEmbeddedStack";
    static final String PROMETHEUS_OPEN = "vigil.console.prometheus-open";
    static final String STREAMS_STATE_DIR = "vigil.streams.state-dir";

    private final Optional<EmbeddedKafka> kafka;
    private final Optional<EmbeddedOpenSearch> openSearch;
    private final Optional<Path> streamsStateDir;

    private EmbeddedStack(Optional<EmbeddedKafka> kafka, Optional<EmbeddedOpenSearch> openSearch,
                          Optional<Path> streamsStateDir) {
        this.kafka = kafka;
        this.openSearch = openSearch;
        this.streamsStateDir = streamsStateDir;
    }

    /** Starts what the plan asks for; when one server fails, the other one is stopped again. */
    static EmbeddedStack start(EmbeddedPlan plan) {
        plan.kafka().ifPresent(kafka -> requireFree(kafka.host(), kafka.brokerPort(), "Kafka",
                "vigil.kafka.bootstrap-servers", "vigil.embedded.kafka-port"));
        plan.openSearch().ifPresent(node -> requireFree(node.host(), node.httpPort(), "OpenSearch",
                "vigil.opensearch.url", "vigil.embedded.opensearch-port"));
        EmbeddedKafka kafka = plan.kafka().map(EmbeddedKafka::new).orElse(null);
        EmbeddedOpenSearch openSearch = plan.openSearch().map(EmbeddedOpenSearch::new).orElse(null);
        EmbeddedStack stack = new EmbeddedStack(Optional.ofNullable(kafka), Optional.ofNullable(openSearch),
                plan.streamsStateDir());
        try {
            stack.kafka.ifPresent(EmbeddedKafka::start);
            stack.openSearch.ifPresent(EmbeddedOpenSearch::start);
        } catch (RuntimeException e) {
            try {
                stack.close();
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        return stack;
    }

    /** Fails with advice instead of a bind error deep inside the server when something else holds the port. */
    private static void requireFree(String host, int port, String server, String connection, String portProperty) {
        if (port == 0) {
            return;
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new IllegalStateException(host + ":" + port + " is in use, so the embedded " + server
                    + " cannot start there. If a " + server + " already runs there, point Vigil at it with "
                    + connection + "; otherwise choose another port with " + portProperty + ".", e);
        }
    }

    public Optional<EmbeddedKafka> kafka() {
        return kafka;
    }

    public Optional<EmbeddedOpenSearch> openSearch() {
        return openSearch;
    }

    /**
     * The properties that point Vigil at the started servers. With the embedded broker this is the local default,
     * on which the Prometheus endpoint is open (design §4) unless configured otherwise, and Kafka Streams keeps its
     * state with the broker's data ({@link EmbeddedPlan#streamsStateDir()}).
     */
    Map<String, Object> properties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        kafka.ifPresent(broker -> {
            properties.put(EmbeddedPlan.KAFKA_BOOTSTRAP_SERVERS, broker.bootstrapServers());
            properties.put(PROMETHEUS_OPEN, true);
        });
        streamsStateDir.ifPresent(dir -> properties.put(STREAMS_STATE_DIR, dir.toString()));
        openSearch.ifPresent(node -> properties.put(EmbeddedPlan.OPENSEARCH_URL, node.url()));
        return properties;
    }

    /** Stops OpenSearch, then Kafka; their data directories are kept. */
    @Override
    public void close() {
        try {
            openSearch.ifPresent(EmbeddedOpenSearch::close);
        } finally {
            kafka.ifPresent(EmbeddedKafka::close);
        }
    }
}

package dev.vigil.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.opensearch.action.admin.cluster.health.ClusterHealthResponse;
import org.opensearch.common.settings.Settings;
import org.opensearch.common.unit.TimeValue;
import org.opensearch.node.NodeValidationException;

/**
 * A real OpenSearch node with its HTTP layer inside this JVM, for Vigil's local default and for integration tests.
 * It can be stopped and started again on the same port and data directory, which is how tests simulate an outage.
 */
public final class EmbeddedOpenSearch implements AutoCloseable {

    /** Netty must not be told the processor count twice; anything else in the JVM may have done it first. */
    static final String NETTY_PROCESSORS_PROPERTY = "opensearch.set.netty.runtime.available.processors";

    private static final Logger LOG = LogManager.getLogger(EmbeddedOpenSearch.class);
    private static final TimeValue HEALTH_TIMEOUT = TimeValue.timeValueSeconds(60);
    private static final long CLOSE_TIMEOUT_SECONDS = 30;

    private final OpenSearchSettings settings;
    private final DataDirectory home;
    private int httpPort;
    private OpenSearchNode node;
    private boolean startedBefore;
    private boolean closed;

    /** A node with {@link OpenSearchSettings#defaults()}: loopback, free HTTP port, temporary directory. */
    public EmbeddedOpenSearch() {
        this(OpenSearchSettings.defaults());
    }

    public EmbeddedOpenSearch(OpenSearchSettings settings) {
        this.settings = settings;
        this.httpPort = settings.httpPort();
        this.home = DataDirectory.of(settings.dataDir(), "vigil-opensearch-");
    }

    /**
     * Starts the node and returns once the cluster is at least yellow (all primaries allocated). When the very first
     * start fails, the node is closed (a temporary directory is deleted), so nothing is left behind.
     */
    public synchronized EmbeddedOpenSearch start() {
        requireOpen();
        if (node != null) {
            return this;
        }
        if (System.getProperty(NETTY_PROCESSORS_PROPERTY) == null) {
            System.setProperty(NETTY_PROCESSORS_PROPERTY, "false");
        }
        long started = System.nanoTime();
        OpenSearchNode candidate = null;
        try {
            candidate = new OpenSearchNode(nodeSettings());
            candidate.start();
            awaitYellow(candidate);
        } catch (NodeValidationException | RuntimeException | Error e) {
            IllegalStateException failure = new IllegalStateException("cannot start embedded OpenSearch in " + home.path(), e);
            abandon(candidate, failure);
            throw failure;
        }
        node = candidate;
        httpPort = candidate.httpPort();
        startedBefore = true;
        LOG.info("Embedded OpenSearch started at {} (data {}) in {} ms", url(), home.path(),
                (System.nanoTime() - started) / 1_000_000);
        return this;
    }

    private void abandon(OpenSearchNode candidate, Exception failure) {
        if (candidate != null) {
            try {
                close(candidate);
            } catch (RuntimeException cleanup) {
                failure.addSuppressed(cleanup);
            }
        }
        if (!startedBefore) {
            closed = true;
            home.deleteIfTemporary();
        }
    }

    /** The base URL of the HTTP API, e.g. {@code http://127.0.0.1:9200}. */
    public String url() {
        return "http://" + settings.host() + ":" + port();
    }

    /** The HTTP port; with a requested port 0 it is known once the node has been started. */
    public synchronized int port() {
        if (httpPort == 0) {
            throw new IllegalStateException("the HTTP port is bound on the first start");
        }
        return httpPort;
    }

    /** The node's home; indices live in its {@code data/} directory. */
    public Path dataDir() {
        return home.path();
    }

    public synchronized boolean isRunning() {
        return node != null;
    }

    /** Closes the node and keeps its data, so that {@link #start()} brings the same indices back on the same port. */
    public synchronized void stop() {
        if (node == null) {
            return;
        }
        OpenSearchNode stopping = node;
        node = null;
        close(stopping);
        LOG.info("Embedded OpenSearch at {} stopped", url());
    }

    /** Stops the node and deletes its directory when it is a temporary one. */
    @Override
    public synchronized void close() {
        closed = true;
        stop();
        home.deleteIfTemporary();
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the embedded node has been closed; stop() keeps it restartable");
        }
    }

    private Settings nodeSettings() {
        Settings.Builder builder = Settings.builder()
                .put("cluster.name", settings.clusterName())
                .put("node.name", settings.clusterName())
                .put("path.home", home.path().toString())
                .put("path.data", home.resolve("data").toString())
                .put("path.logs", home.resolve("logs").toString())
                .put("discovery.type", "single-node")
                .put("network.host", settings.host())
                .put("http.port", String.valueOf(httpPort))
                .put("transport.port", "0")
                .put("cluster.routing.allocation.disk.threshold_enabled", false);
        settings.nodeSettings().forEach(builder::put);
        return builder.build();
    }

    private static void awaitYellow(OpenSearchNode node) {
        ClusterHealthResponse health = node.client().admin().cluster().prepareHealth()
                .setWaitForYellowStatus()
                .setTimeout(HEALTH_TIMEOUT)
                .get();
        if (health.isTimedOut()) {
            throw new IllegalStateException("cluster health still " + health.getStatus() + " after " + HEALTH_TIMEOUT);
        }
    }

    private static void close(OpenSearchNode node) {
        try {
            node.close();
            if (!node.awaitClose(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("Embedded OpenSearch did not close within {} s", CLOSE_TIMEOUT_SECONDS);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close embedded OpenSearch", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while closing embedded OpenSearch", e);
        }
    }
}

package dev.vigil.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.utils.Time;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * A real single-node KRaft Kafka (combined controller and broker) run from Kafka's own server classes inside this
 * JVM, for Vigil's local default and for integration tests. It can be stopped and started again on the same ports
 * and log directory, which is how tests simulate a broker outage.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger LOG = LogManager.getLogger(EmbeddedKafka.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration TOPIC_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaSettings settings;
    private final int brokerPort;
    private final int controllerPort;
    private final int saslPort;
    private final DataDirectory dataDir;
    private KafkaRaftServer server;
    private String clusterId;
    private boolean startedBefore;
    private boolean closed;

    /** A broker with {@link KafkaSettings#defaults()}: loopback, free ports, temporary directory. */
    public EmbeddedKafka() {
        this(KafkaSettings.defaults());
    }

    /** A broker with the given settings; free ports are chosen here, so {@link #bootstrapServers()} works at once. */
    public EmbeddedKafka(KafkaSettings settings) {
        this.settings = settings;
        this.brokerPort = FreePorts.resolve(settings.host(), settings.brokerPort());
        this.controllerPort = FreePorts.resolve(settings.host(), settings.controllerPort());
        this.saslPort = settings.saslPlainUsers().isEmpty() ? -1 : FreePorts.resolve(settings.host(), 0);
        this.dataDir = DataDirectory.of(settings.dataDir(), "vigil-kafka-");
    }

    /**
     * Formats the log directory if needed and starts the broker; returns once it is unfenced and answers. When the
     * very first start fails, the broker is closed (a temporary directory is deleted), so nothing is left behind.
     */
    public synchronized EmbeddedKafka start() {
        requireOpen();
        if (server != null) {
            return this;
        }
        long started = System.nanoTime();
        try {
            server = launch();
            KafkaTopics.awaitBroker(bootstrapServers(), START_TIMEOUT);
        } catch (RuntimeException | Error e) {
            abandon(e);
            throw e;
        }
        startedBefore = true;
        LOG.info("Embedded Kafka {} started at {} (log dir {}) in {} ms", clusterId, bootstrapServers(),
                dataDir.path(), (System.nanoTime() - started) / 1_000_000);
        return this;
    }

    /** Waits until the broker answers a metadata request listing itself. */
    public EmbeddedKafka awaitReady(Duration timeout) {
        requireRunning();
        KafkaTopics.awaitBroker(bootstrapServers(), timeout);
        return this;
    }

    /** {@code host:port} of the client listener, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return settings.host() + ":" + brokerPort;
    }

    /**
     * {@code host:port} of the SASL_PLAINTEXT (PLAIN) listener, for clients that authenticate as one of
     * {@link KafkaSettings#saslPlainUsers()}; only when the settings name users.
     */
    public String saslBootstrapServers() {
        if (saslPort < 0) {
            throw new IllegalStateException("this broker has no SASL listener: add KafkaSettings.Builder#saslPlainUser");
        }
        return settings.host() + ":" + saslPort;
    }

    /** {@code bootstrap.servers} alone, as a map to start client configurations from. */
    public Map<String, Object> clientProperties() {
        return Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    }

    public int port() {
        return brokerPort;
    }

    /** The id of the KRaft cluster, kept in {@code meta.properties} of the log directory; known once started. */
    public synchronized String clusterId() {
        if (clusterId == null) {
            throw new IllegalStateException("the broker has not been started yet");
        }
        return clusterId;
    }

    public Path dataDir() {
        return dataDir.path();
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    /**
     * Creates the topics that do not exist yet (existing ones are left as they are) and waits until every partition
     * of each of them has a leader that answers.
     */
    public void createTopics(Map<String, Integer> nameToPartitions) {
        requireRunning();
        KafkaTopics.create(bootstrapServers(), nameToPartitions, TOPIC_TIMEOUT);
    }

    /** {@link #createTopics(Map)} with {@link KafkaSettings#defaultPartitions()} partitions each. */
    public void createTopics(String... names) {
        createTopics(Arrays.stream(names).distinct()
                .collect(Collectors.toMap(Function.identity(), name -> settings.defaultPartitions())));
    }

    /** Shuts the broker down and keeps its log directory, so that {@link #start()} brings the same data back. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        KafkaRaftServer stopping = server;
        server = null;
        shutdown(stopping);
        LOG.info("Embedded Kafka at {} stopped", bootstrapServers());
    }

    /** Stops the broker and deletes the log directory when it is a temporary one. */
    @Override
    public synchronized void close() {
        closed = true;
        stop();
        dataDir.deleteIfTemporary();
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the embedded broker has been closed; stop() keeps it restartable");
        }
    }

    private static void shutdown(KafkaRaftServer server) {
        server.shutdown();
        server.awaitShutdown();
    }

    private synchronized void requireRunning() {
        if (server == null) {
            throw new IllegalStateException("the embedded Kafka broker is not running");
        }
    }

    private KafkaRaftServer launch() {
        KafkaConfig config = KafkaConfig.fromProps(
                KafkaServerProperties.of(settings, brokerPort, controllerPort, saslPort, dataDir.path()), false);
        clusterId = KafkaStorage.formatOnce(config, dataDir.path());
        KafkaRaftServer candidate = new KafkaRaftServer(config, Time.SYSTEM);
        try {
            candidate.startup();
        } catch (RuntimeException e) {
            shutdownAfterFailure(candidate, e);
            throw e;
        }
        return candidate;
    }

    private void abandon(Throwable failure) {
        if (server != null) {
            shutdownAfterFailure(server, failure);
            server = null;
        }
        if (!startedBefore) {
            closed = true;
            dataDir.deleteIfTemporary();
        }
    }

    private static void shutdownAfterFailure(KafkaRaftServer server, Throwable failure) {
        try {
            shutdown(server);
        } catch (RuntimeException cleanup) {
            failure.addSuppressed(cleanup);
        }
    }
}

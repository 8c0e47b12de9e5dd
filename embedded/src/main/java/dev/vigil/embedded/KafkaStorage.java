package dev.vigil.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

import kafka.server.KafkaConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/** Formats a KRaft log directory once (what {@code kafka-storage.sh format} does) and reads its cluster id. */
final class KafkaStorage {

    private static final Logger LOG = LogManager.getLogger(KafkaStorage.class);
    private static final String META_PROPERTIES = "meta.properties";

    private KafkaStorage() {
    }

    /** Formats {@code logDir} unless it already is, and returns the cluster id stored in it. */
    static String formatOnce(KafkaConfig config, Path logDir) {
        Optional<String> existing = clusterId(logDir);
        if (existing.isPresent()) {
            LOG.info("Reusing Kafka log directory {} of cluster {}", logDir, existing.get());
            return existing.get();
        }
        String clusterId = Uuid.randomUuid().toString();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (PrintStream printStream = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            new Formatter()
                    .setPrintStream(printStream)
                    .setNodeId(config.nodeId())
                    .setClusterId(clusterId)
                    .setControllerListenerName(KafkaServerProperties.CONTROLLER_LISTENER)
                    .setMetadataLogDirectory(config.metadataLogDir())
                    .addDirectory(logDir.toString())
                    .setHasDynamicQuorum(false)
                    .setIgnoreFormatted(true)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("cannot format Kafka log directory " + logDir, e);
        }
        LOG.info("Formatted Kafka log directory {} for cluster {}: {}", logDir, clusterId,
                output.toString(StandardCharsets.UTF_8).strip());
        return clusterId;
    }

    static Optional<String> clusterId(Path logDir) {
        Path file = logDir.resolve(META_PROPERTIES);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties meta = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            meta.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return Optional.ofNullable(meta.getProperty("cluster.id"));
    }
}

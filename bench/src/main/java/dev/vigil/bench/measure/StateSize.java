package dev.vigil.bench.measure;

import dev.vigil.model.kafka.KafkaClientSettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.LogDirDescription;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Bytes a Kafka Streams store takes: its RocksDB files under the state directory, its topics in the broker. */
final class StateSize {

    private StateSize() {
    }

    /** Sum of the files under {@code appStateDir} whose path names {@code store} (after the store was closed). */
    static long storeFiles(Path appStateDir, String store) throws IOException {
        if (!Files.isDirectory(appStateDir)) {
            return 0;
        }
        try (Stream<Path> walk = Files.walk(appStateDir)) {
            return walk.filter(Files::isRegularFile).filter(p -> p.toString().contains(store))
                    .mapToLong(p -> p.toFile().length()).sum();
        }
    }

    /** Bytes in the broker's log directories of the topics {@code <applicationId>-<infix>…} (e.g. a changelog). */
    static long topicBytes(KafkaClientSettings kafka, String applicationId, String infix) throws Exception {
        try (Admin admin = Admin.create(kafka.clientConfig())) {
            int broker = admin.describeCluster().nodes().get().iterator().next().id();
            Map<String, LogDirDescription> dirs = admin.describeLogDirs(List.of(broker)).allDescriptions().get()
                    .get(broker);
            return dirs.values().stream().flatMap(dir -> dir.replicaInfos().entrySet().stream())
                    .filter(e -> e.getKey().topic().startsWith(applicationId + "-" + infix))
                    .mapToLong(e -> e.getValue().size()).sum();
        }
    }
}

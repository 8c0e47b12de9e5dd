package dev.vigil.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Brokers of their own (not the shared one): these tests stop and restart them. */
class EmbeddedKafkaRestartIT {

    private static final String TOPIC = "it.restart";
    private static final int RECORDS = 1_000;

    @Test
    void keepsRecordsAcrossARestartOnTheSamePort() {
        try (EmbeddedKafka kafka = new EmbeddedKafka().start()) {
            kafka.createTopics(Map.of(TOPIC, 2));
            KafkaRecords.produce(kafka.bootstrapServers(), TOPIC, RECORDS, i -> "key-" + i, i -> "before-" + i);
            String bootstrapServers = kafka.bootstrapServers();
            String clusterId = kafka.clusterId();

            kafka.stop();
            assertThat(kafka.isRunning()).isFalse();
            assertThatThrownBy(() -> kafka.createTopics("it.while-down")).isInstanceOf(IllegalStateException.class);
            kafka.start();

            assertThat(kafka.bootstrapServers()).isEqualTo(bootstrapServers);
            assertThat(kafka.clusterId()).isEqualTo(clusterId);
            KafkaRecords.produce(kafka.bootstrapServers(), TOPIC, RECORDS, i -> "key-" + (RECORDS + i), i -> "after-" + i);
            List<ConsumerRecord<String, String>> records = KafkaRecords.consume(kafka.bootstrapServers(), TOPIC, 2 * RECORDS);
            assertThat(records).extracting(ConsumerRecord::key).containsExactlyInAnyOrderElementsOf(keys(2 * RECORDS));
        }
    }

    @Test
    void reusesAFormattedDirectoryAndItsClusterId(@TempDir Path dir) {
        KafkaSettings settings = KafkaSettings.builder().dataDir(dir.resolve("kafka")).defaultPartitions(3).build();
        String clusterId;
        try (EmbeddedKafka first = new EmbeddedKafka(settings).start()) {
            first.createTopics(TOPIC);
            KafkaRecords.produce(first.bootstrapServers(), TOPIC, RECORDS, i -> "key-" + i, i -> "value-" + i);
            clusterId = first.clusterId();
        }
        assertThat(dir.resolve("kafka/meta.properties")).isRegularFile();

        try (EmbeddedKafka second = new EmbeddedKafka(settings).start()) {
            assertThat(second.clusterId()).isEqualTo(clusterId);
            List<ConsumerRecord<String, String>> records = KafkaRecords.consume(second.bootstrapServers(), TOPIC, RECORDS);
            assertThat(records).extracting(ConsumerRecord::key).containsExactlyInAnyOrderElementsOf(keys(RECORDS));
            assertThat(records).extracting(ConsumerRecord::partition).containsOnly(0, 1, 2);
        }
        assertThat(Files.exists(dir.resolve("kafka"))).as("a given data directory outlives close()").isTrue();
    }

    @Test
    void deletesItsTemporaryDirectoryOnCloseAndCannotStartAgain() {
        EmbeddedKafka kafka = new EmbeddedKafka().start();
        Path dataDir = kafka.dataDir();
        assertThat(dataDir.resolve("meta.properties")).isRegularFile();

        kafka.close();

        assertThat(dataDir).doesNotExist();
        assertThatThrownBy(kafka::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void failsCleanlyWhenItsPortIsTaken() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            EmbeddedKafka kafka = new EmbeddedKafka(KafkaSettings.builder().brokerPort(taken.getLocalPort()).build());

            assertThatThrownBy(kafka::start).hasStackTraceContaining("Address already in use");

            assertThat(kafka.isRunning()).isFalse();
            assertThat(kafka.dataDir()).doesNotExist();
        }
    }

    private static List<String> keys(int count) {
        return IntStream.range(0, count).mapToObj(i -> "key-" + i).toList();
    }
}

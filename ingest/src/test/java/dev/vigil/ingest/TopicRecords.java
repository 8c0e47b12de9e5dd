package dev.vigil.ingest;

import dev.vigil.ingest.kafka.IngestProducer;
import dev.vigil.model.json.VigilJson;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a whole topic from the beginning (no consumer group), for assertions on what ingest wrote. Tests share the
 * broker and the topics, so they tell their records apart by the {@code vigil.cluster} header: each test posts as
 * its own cluster.
 */
public final class TopicRecords {

    /** One record: key, parsed value, cluster header. */
    public record Entry(String key, JsonNode value, String cluster, String text) {
    }

    private TopicRecords() {
    }

    public static List<Entry> read(String bootstrapServers, String topic) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
            List<Entry> entries = new ArrayList<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p, Duration.ofSeconds(10)) < end.get(p))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    String text = new String(record.value(), StandardCharsets.UTF_8);
                    Header cluster = record.headers().lastHeader(IngestProducer.CLUSTER_HEADER);
                    entries.add(new Entry(record.key(), VigilJson.tolerantMapper().readTree(text),
                            cluster == null ? null : new String(cluster.value(), StandardCharsets.UTF_8), text));
                }
            }
            return entries;
        }
    }

    /** The records of one cluster (by header). */
    public static List<Entry> read(String bootstrapServers, String topic, String cluster) {
        return read(bootstrapServers, topic).stream().filter(e -> cluster.equals(e.cluster())).toList();
    }
}

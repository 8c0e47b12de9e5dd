package dev.vigil.embedded;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Reads a topic the way the integration tests of every module check what a stage wrote: only committed records
 * (the stages write in transactions), from the beginning, on any broker. Lives here because every module's tests
 * depend on this one.
 */
public final class TopicReader {

    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration READ_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration POLL = Duration.ofMillis(200);

    private TopicReader() {
    }

    /** Every committed record of {@code topic}, from the start to the end offsets at the time of the call. */
    public static List<ConsumerRecord<String, byte[]>> readToEnd(String bootstrapServers, String topic) {
        return readToEnd(bootstrap(bootstrapServers), topic, new ByteArrayDeserializer());
    }

    /** The same with the given client properties (security settings …). */
    public static List<ConsumerRecord<String, byte[]>> readToEnd(Map<String, Object> clientConfig, String topic) {
        return readToEnd(clientConfig, topic, new ByteArrayDeserializer());
    }

    /** The same with values read by {@code values}; no consumer group, nothing committed. */
    public static <V> List<ConsumerRecord<String, V>> readToEnd(Map<String, Object> clientConfig, String topic,
                                                               Deserializer<V> values) {
        List<ConsumerRecord<String, V>> records = new ArrayList<>();
        forEach(clientConfig, topic, values, records::add);
        return records;
    }

    /**
     * Hands every committed record of {@code topic}, up to the end offsets at the time of the call, to {@code action}
     * in offset order per partition without keeping them (topics too big to hold: the chaos runs' million events).
     */
    public static void forEach(Map<String, Object> clientConfig, String topic,
                               java.util.function.Consumer<ConsumerRecord<String, byte[]>> action) {
        forEach(clientConfig, topic, new ByteArrayDeserializer(), action);
    }

    private static <V> void forEach(Map<String, Object> clientConfig, String topic, Deserializer<V> values,
                                    java.util.function.Consumer<ConsumerRecord<String, V>> action) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(config, new StringDeserializer(), values)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, METADATA_TIMEOUT).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, METADATA_TIMEOUT);
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p, METADATA_TIMEOUT) < ends.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end " + ends);
                }
                consumer.poll(POLL).forEach(action);
            }
        }
    }

    /**
     * Reads {@code topic} from the beginning, in a consumer group of its own, until the records read so far satisfy
     * {@code done}; fails after {@code timeout} naming what it read. For topics still being written.
     */
    public static <V> List<ConsumerRecord<String, V>> readUntil(String bootstrapServers, String topic,
                                                               Deserializer<V> values,
                                                               Predicate<List<ConsumerRecord<String, V>>> done,
                                                               Duration timeout) {
        Map<String, Object> config = bootstrap(bootstrapServers);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "it-reader-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000);
        List<ConsumerRecord<String, V>> records = new ArrayList<>();
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(config, new StringDeserializer(), values)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!done.test(records)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("reading " + topic + " for " + timeout + " did not find what was"
                            + " expected; read " + records.size() + " records");
                }
                consumer.poll(POLL).forEach(records::add);
            }
        }
        return records;
    }

    /** {@link #readUntil} with byte values, until at least {@code expected} records arrived. */
    public static List<ConsumerRecord<String, byte[]>> readAtLeast(String bootstrapServers, String topic, int expected,
                                                                   Duration timeout) {
        return readUntil(bootstrapServers, topic, new ByteArrayDeserializer(), records -> records.size() >= expected,
                timeout);
    }

    private static Map<String, Object> bootstrap(String bootstrapServers) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return config;
    }
}

package dev.vigil.console.topics;

import dev.vigil.model.kafka.KafkaClientSettings;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Reads the recent records of a topic on demand, bounded: per partition at most the newest {@code maxPerPartition}
 * records, and only those written since a time ({@code offsetsForTimes}). For topics the console looks at rarely and
 * that are not indexed ({@code vigil.dlq}, {@code k8s.watch.events}): a short-lived consumer per read — assigned, no
 * group, nothing committed — is cheaper than another index.
 */
public final class RecentRecords {

    /** One record of the topic with where it was. */
    public record Raw(int partition, long offset, Instant timestamp, String key, byte[] value) {
    }

    /** What a read found; {@code truncated} when older records of the window were left out by the bound. */
    public record Batch(List<Raw> records, boolean truncated) {
    }

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(200);

    private final String topic;
    private final Supplier<KafkaConsumer<String, byte[]>> consumers;

    public RecentRecords(KafkaClientSettings kafka, String topic) {
        this.topic = topic;
        this.consumers = () -> {
            Map<String, Object> config = kafka.clientConfig();
            config.put(ConsumerConfig.CLIENT_ID_CONFIG, "vigil-console-" + topic);
            config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000);
            return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        };
    }

    public String topic() {
        return topic;
    }

    /** The records since {@code since} (all kept ones when null), at most {@code maxPerPartition} per partition. */
    public Batch read(Instant since, int maxPerPartition) {
        try (KafkaConsumer<String, byte[]> consumer = consumers.get()) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, READ_TIMEOUT);
            if (infos == null || infos.isEmpty()) {
                return new Batch(List.of(), false);
            }
            List<TopicPartition> partitions = infos.stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, READ_TIMEOUT);
            Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(partitions, READ_TIMEOUT);
            Map<TopicPartition, OffsetAndTimestamp> fromTime = since == null ? Map.of()
                    : timestamps(consumer, partitions, since);
            boolean truncated = false;
            Map<TopicPartition, Long> remaining = new HashMap<>();
            for (TopicPartition partition : partitions) {
                long end = ends.getOrDefault(partition, 0L);
                long first = beginnings.getOrDefault(partition, 0L);
                if (since != null) {
                    OffsetAndTimestamp atTime = fromTime.get(partition);
                    first = atTime == null ? end : Math.max(first, atTime.offset());
                }
                long start = Math.max(first, end - maxPerPartition);
                truncated |= start > first;
                consumer.seek(partition, start);
                if (start < end) {
                    remaining.put(partition, end);
                }
            }
            List<Raw> records = new ArrayList<>();
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (!remaining.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    Long end = remaining.get(partition);
                    if (end != null && record.offset() < end) {
                        records.add(new Raw(record.partition(), record.offset(),
                                Instant.ofEpochMilli(record.timestamp()), record.key(), record.value()));
                    }
                }
                remaining.entrySet().removeIf(entry -> consumer.position(entry.getKey()) >= entry.getValue());
            }
            return new Batch(records, truncated || !remaining.isEmpty());
        } catch (KafkaException e) {
            throw new TopicUnavailableException("Kafka did not answer for " + topic + ": " + e.getMessage(), e);
        }
    }

    private static Map<TopicPartition, OffsetAndTimestamp> timestamps(KafkaConsumer<String, byte[]> consumer,
                                                                     List<TopicPartition> partitions, Instant since) {
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(partition -> query.put(partition, since.toEpochMilli()));
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query, READ_TIMEOUT);
        Map<TopicPartition, OffsetAndTimestamp> result = new HashMap<>();
        found.forEach((partition, offset) -> {
            if (offset != null) {
                result.put(partition, offset);
            }
        });
        return result;
    }
}

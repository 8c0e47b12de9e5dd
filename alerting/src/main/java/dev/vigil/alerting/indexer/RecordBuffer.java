package dev.vigil.alerting.indexer;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Records polled but not yet in a bulk: ready at {@code bulkActions} records or {@code bulkSize} bytes, or when the
 * oldest has waited the flush interval.
 */
final class RecordBuffer {

    private final IndexerProperties properties;
    private final long flushNanos;
    private List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    private long bytes;
    private long since;

    RecordBuffer(IndexerProperties properties, Duration flushInterval) {
        this.properties = properties;
        this.flushNanos = flushInterval.toNanos();
    }

    void add(ConsumerRecords<String, byte[]> polled) {
        for (ConsumerRecord<String, byte[]> record : polled) {
            if (records.isEmpty()) {
                since = System.nanoTime();
            }
            records.add(record);
            bytes += Math.max(record.serializedValueSize(), 0);
        }
    }

    /** True when the records should go out as a bulk now. */
    boolean ready() {
        return !records.isEmpty() && (records.size() >= properties.bulkActions()
                || bytes >= properties.bulkSize().toBytes()
                || System.nanoTime() - since >= flushNanos);
    }

    /** How long the next poll may wait: until the oldest record is due, or a whole interval when empty. */
    Duration pollTimeout() {
        if (records.isEmpty()) {
            return properties.flushInterval(); // new records end an idle poll at once
        }
        long remaining = flushNanos - (System.nanoTime() - since);
        return Duration.ofNanos(Math.max(remaining, 1_000_000));
    }

    List<ConsumerRecord<String, byte[]>> drain() {
        List<ConsumerRecord<String, byte[]>> drained = records;
        records = new ArrayList<>();
        bytes = 0;
        return drained;
    }

    void forget(Collection<TopicPartition> partitions) {
        records.removeIf(record -> partitions.contains(new TopicPartition(record.topic(), record.partition())));
        bytes = records.stream().mapToLong(record -> Math.max(record.serializedValueSize(), 0)).sum();
    }

    void clear() {
        drain();
    }
}

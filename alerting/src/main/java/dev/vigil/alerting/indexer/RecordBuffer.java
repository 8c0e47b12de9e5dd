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
 * oldest has waited the flush interval. A bulk takes at most {@code bulkActions} records and {@code bulkSize} bytes
 * (at least one record): a poll may bring more than the bulk still has room for, and the rest waits for the next.
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

    /** The oldest records that fit one bulk; the rest stay, due when the buffer's oldest record was. */
    List<ConsumerRecord<String, byte[]>> drain() {
        int count = 0;
        long size = 0;
        long limit = properties.bulkSize().toBytes();
        while (count < records.size() && count < properties.bulkActions()) {
            long next = Math.max(records.get(count).serializedValueSize(), 0);
            if (count > 0 && size + next > limit) {
                break;
            }
            size += next;
            count++;
        }
        if (count == records.size()) {
            List<ConsumerRecord<String, byte[]>> drained = records;
            records = new ArrayList<>();
            bytes = 0;
            return drained;
        }
        List<ConsumerRecord<String, byte[]>> drained = new ArrayList<>(records.subList(0, count));
        records = new ArrayList<>(records.subList(count, records.size()));
        bytes -= size;
        return drained;
    }

    void forget(Collection<TopicPartition> partitions) {
        records.removeIf(record -> partitions.contains(new TopicPartition(record.topic(), record.partition())));
        bytes = records.stream().mapToLong(record -> Math.max(record.serializedValueSize(), 0)).sum();
    }

    void clear() {
        records = new ArrayList<>();
        bytes = 0;
    }
}

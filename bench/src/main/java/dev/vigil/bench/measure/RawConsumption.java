package dev.vigil.bench.measure;

import dev.vigil.bench.report.Figure;
import dev.vigil.model.audit.AuditRecordCodec;
import dev.vigil.model.kafka.KafkaClientSettings;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The physical limit: a plain consumer reading the audit topic from the start, with the topology's own serdes
 * (String key, byte[] value) and no processing. A second pass adds only the decoding every stage does
 * ({@link AuditRecordCodec#decode}), which shows how much of the gap to the topology is JSON.
 */
public final class RawConsumption {

    private static final Duration TIMEOUT = Duration.ofMinutes(10);
    public static final String RAW = "raw consumption (plain consumer, bytes)";

    private RawConsumption() {
    }

    /** One untimed pass, then {@code repeat} timed ones: the median with its spread. */
    public static Figure plain(KafkaClientSettings kafka, String topic, long expected, int repeat) {
        long[] bytes = new long[1];
        consume(kafka, topic, expected, value -> bytes[0] += value.length);
        List<Figure> runs = new ArrayList<>();
        for (int i = 0; i < Math.max(1, repeat); i++) {
            bytes[0] = 0;
            long cpu = ThreadCpu.currentThreadNanos();
            double rate = consume(kafka, topic, expected, value -> bytes[0] += value.length);
            cpu = ThreadCpu.currentThreadNanos() - cpu;
            runs.add(Figure.rate(RAW, rate, cpu / 1e3 / expected, ""));
        }
        return Figure.median(runs, String.format(Locale.ROOT, "%,d events, %.1f MiB of values, max.poll.records=1000,"
                + " after an untimed pass; CPU of the polling thread", expected, bytes[0] / 1048576.0));
    }

    public static Figure decoding(KafkaClientSettings kafka, String topic, long expected, int repeat) {
        long[] failed = new long[1];
        consume(kafka, topic, Math.min(expected, 20_000), value -> AuditRecordCodec.decode(value));
        List<Figure> runs = new ArrayList<>();
        for (int i = 0; i < Math.max(1, repeat); i++) {
            failed[0] = 0;
            long cpu = ThreadCpu.currentThreadNanos();
            double rate = consume(kafka, topic, expected,
                    value -> failed[0] += AuditRecordCodec.decode(value).isOk() ? 0 : 1);
            cpu = ThreadCpu.currentThreadNanos() - cpu;
            runs.add(Figure.rate("consumption + AuditRecordCodec.decode only", rate, cpu / 1e3 / expected, ""));
        }
        return Figure.median(runs, String.format(Locale.ROOT, "same consumer after a 20 000-event warm-up, JSON"
                + " decode of every value (%d undecodable)", failed[0]));
    }

    /** Reads {@code expected} records from the start of every partition; returns records per second. */
    static double consume(KafkaClientSettings kafka, String topic, long expected, Consumer<byte[]> perValue) {
        Map<String, Object> config = kafka.clientConfig();
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long started = System.nanoTime();
            long deadline = started + TIMEOUT.toNanos();
            long count = 0;
            while (count < expected) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("read only " + count + " of " + expected + " records of " + topic);
                }
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
                for (ConsumerRecord<String, byte[]> record : records) {
                    perValue.accept(record.value());
                    count++;
                }
            }
            return count / ((System.nanoTime() - started) / 1e9);
        }
    }
}

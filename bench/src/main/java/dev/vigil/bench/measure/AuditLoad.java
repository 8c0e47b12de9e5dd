package dev.vigil.bench.measure;

import dev.vigil.bench.workload.GeneratedEvent;
import dev.vigil.bench.workload.WorkloadGenerator;
import dev.vigil.ingest.kafka.IngestProducer;
import dev.vigil.ingest.kafka.ProducerTuning;
import dev.vigil.model.kafka.KafkaClientSettings;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Fills {@code k8s.audit.events} with generated events, enveloped as ingest does, so that the consumption and
 * topology measurements read the very same records. Returns what was written.
 *
 * @param events       records written
 * @param bytes        bytes of the record values (uncompressed)
 * @param hits         events a bundled rule is meant to fire on
 * @param elapsedNanos time to generate and write them all (acknowledged)
 * @param sizes        value sizes in bytes, sorted (for percentiles)
 */
public record AuditLoad(long events, long bytes, long hits, long elapsedNanos, int[] sizes) {

    public static final String CLUSTER = "bench";

    public static AuditLoad write(KafkaClientSettings kafka, String topic, WorkloadGenerator generator, long count) {
        long started = System.nanoTime();
        long bytes = 0;
        long hits = 0;
        int[] sizes = new int[(int) Math.min(count, Integer.MAX_VALUE - 8)];
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig(kafka),
                new StringSerializer(), new ByteArraySerializer())) {
            Instant receivedAt = Instant.now();
            for (long i = 0; i < count && failure.get() == null; i++) {
                GeneratedEvent event = generator.next();
                byte[] value = event.record(CLUSTER, receivedAt);
                bytes += value.length;
                if (i < sizes.length) {
                    sizes[(int) i] = value.length;
                }
                hits += event.kind().isRuleHit() ? 1 : 0;
                producer.send(new ProducerRecord<>(topic, event.auditID(), value), (metadata, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                });
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("loading " + topic + " failed", failure.get());
        }
        Arrays.sort(sizes);
        return new AuditLoad(count, bytes, hits, System.nanoTime() - started, sizes);
    }

    /** The ingest producer's own settings (acks=all, idempotent, zstd, 256 KB batches), larger requests for loading. */
    static Map<String, Object> producerConfig(KafkaClientSettings kafka) {
        Map<String, Object> config = IngestProducer.config(kafka, ProducerTuning.defaults(), "vigil-bench-load");
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 * 1024 * 1024);
        return config;
    }

    /** The size below which {@code percent} % of the values are. */
    public int sizePercentile(double percent) {
        return sizes.length == 0 ? 0 : sizes[(int) Math.min(sizes.length - 1, Math.floor(sizes.length * percent / 100))];
    }

    public double meanBytes() {
        return events == 0 ? 0 : (double) bytes / events;
    }
}

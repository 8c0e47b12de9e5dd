package dev.vigil.bench.measure;

import dev.vigil.bench.report.Figure;
import dev.vigil.ingest.kafka.IngestProducer;
import dev.vigil.ingest.kafka.ProducerTuning;
import dev.vigil.model.kafka.KafkaClientSettings;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the webhook is compared with: {@code clients} threads sharing one producer with the ingest producer's
 * settings, each sending a 400-record batch and waiting for every acknowledgement before the next — exactly the
 * work the webhook must do per request, minus HTTP, JSON splitting and the envelope.
 */
public final class ProducerBaseline {

    /** The sending threads and the producer's I/O thread are the application here; the broker is not. */
    private static final String[] CPU_GROUPS = {"senders", "^bench-producer-",
        "producer I/O", "kafka-producer-network-thread"};

    private ProducerBaseline() {
    }

    static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> new Thread(runnable, prefix + count.incrementAndGet());
    }

    /**
     * Measures for {@code duration} after {@code warmup} of the same load: like the webhook line, so that both
     * measure the steady state and not the JIT compiling.
     */
    public static Figure measure(KafkaClientSettings kafka, String topic, BatchPool pool, int clients,
                                 Duration warmup, Duration duration) throws Exception {
        AtomicLong sent = new AtomicLong();
        AtomicLong batchIndex = new AtomicLong();
        byte[] cluster = AuditLoad.CLUSTER.getBytes(StandardCharsets.UTF_8);
        ExecutorService threads = Executors.newFixedThreadPool(clients, named("bench-producer-"));
        // Exactly the ingest producer's configuration, and records as ingest writes them (with the cluster header).
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                IngestProducer.config(kafka, ProducerTuning.defaults(), "vigil-bench-producer"),
                new StringSerializer(), new ByteArraySerializer())) {
            long measureFrom = System.nanoTime() + warmup.toNanos();
            long deadline = measureFrom + duration.toNanos();
            List<Future<?>> workers = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                workers.add(threads.submit(() -> {
                    while (System.nanoTime() < deadline) {
                        BatchPool.Batch batch = pool.get(batchIndex.getAndIncrement());
                        List<Future<RecordMetadata>> acks = new ArrayList<>(batch.keys().size());
                        for (int i = 0; i < batch.keys().size(); i++) {
                            ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, batch.keys().get(i),
                                    batch.values().get(i));
                            record.headers().add(IngestProducer.CLUSTER_HEADER, cluster);
                            acks.add(producer.send(record));
                        }
                        for (Future<RecordMetadata> ack : acks) {
                            ack.get();
                        }
                        if (System.nanoTime() >= measureFrom) {
                            sent.addAndGet(acks.size());
                        }
                    }
                    return null;
                }));
            }
            CpuShares cpu = afterWarmup(measureFrom, CPU_GROUPS);
            for (Future<?> worker : workers) {
                worker.get();
            }
            double seconds = (System.nanoTime() - measureFrom) / 1e9;
            Map<String, Double> perEvent = cpu.perEvent(sent.get());
            return Figure.rate("plain Kafka producer, 400-record batches", sent.get() / seconds,
                    perEvent.get("senders") + perEvent.get("producer I/O"),
                    clients + " threads, one producer with the ingest producer's settings (acks=all, idempotent, zstd,"
                            + " linger 5 ms, 256 KB batches, 1 MB requests), wait for all acks per batch, after "
                            + warmup.toSeconds() + " s of warm-up; " + CpuShares.describe(perEvent)
                            + ProducerBatching.of("vigil-bench-producer"));
        } finally {
            threads.shutdownNow();
        }
    }

    /** Waits until {@code measureFrom} (the warm-up's end), then starts measuring CPU. */
    static CpuShares afterWarmup(long measureFrom, String... groups) throws InterruptedException {
        long left = measureFrom - System.nanoTime();
        if (left > 0) {
            Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
        }
        return CpuShares.start(groups);
    }
}

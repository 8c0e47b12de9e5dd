package dev.vigil.bench.measure;

import dev.vigil.bench.report.Figure;
import dev.vigil.model.kafka.KafkaClientSettings;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

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

    public static Figure measure(KafkaClientSettings kafka, String topic, BatchPool pool, int clients,
                                 Duration duration) throws Exception {
        AtomicLong sent = new AtomicLong();
        AtomicLong batchIndex = new AtomicLong();
        ExecutorService threads = Executors.newFixedThreadPool(clients, named("bench-producer-"));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(AuditLoad.producerConfig(kafka),
                new StringSerializer(), new ByteArraySerializer())) {
            CpuShares cpu = CpuShares.start(CPU_GROUPS);
            long started = System.nanoTime();
            long deadline = started + duration.toNanos();
            List<Future<?>> workers = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                workers.add(threads.submit(() -> {
                    while (System.nanoTime() < deadline) {
                        BatchPool.Batch batch = pool.get(batchIndex.getAndIncrement());
                        List<Future<RecordMetadata>> acks = new ArrayList<>(batch.keys().size());
                        for (int i = 0; i < batch.keys().size(); i++) {
                            acks.add(producer.send(new ProducerRecord<>(topic, batch.keys().get(i), batch.values().get(i))));
                        }
                        for (Future<RecordMetadata> ack : acks) {
                            ack.get();
                        }
                        sent.addAndGet(acks.size());
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            Map<String, Double> perEvent = cpu.perEvent(sent.get());
            return Figure.rate("plain Kafka producer, 400-record batches", sent.get() / seconds,
                    perEvent.get("senders") + perEvent.get("producer I/O"),
                    clients + " threads, one producer with the ingest producer's settings (acks=all, idempotent, zstd,"
                            + " linger 5 ms, 256 KB batches), wait for all acks per batch; "
                            + CpuShares.describe(perEvent));
        } finally {
            threads.shutdownNow();
        }
    }
}

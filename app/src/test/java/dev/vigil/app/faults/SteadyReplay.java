package dev.vigil.app.faults;

import dev.vigil.bench.workload.GeneratedEvent;
import dev.vigil.bench.workload.WorkloadGenerator;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A steady replay into {@code k8s.audit.events}, as {@code vigil replay} or the webhook would produce it: the
 * generated workload at a fixed rate, ten slices a second, through an idempotent acks=all producer that keeps
 * retrying while the broker is away (so every generated event is, in the end, an input event). Every
 * {@link #MARKER_EVERY}th event is a marker that makes an alert of its own, so small runs have alerts to compare;
 * as many again are repeats that raise the count of one of {@link #REPEATED_ALERTS} alerts, so that dedup state is
 * in use when the fault strikes and an alert's count must go on from where it was.
 */
final class SteadyReplay implements AutoCloseable {

    static final String CLUSTER = "faults";
    /** Every 50th event is an anonymous write with a target of its own: one certain, distinct alert each. */
    static final int MARKER_EVERY = 50;
    /** Every 50th event (half-way between markers) repeats one of these anonymous writes: same source, same target. */
    static final int REPEATED_ALERTS = 12;

    private final KafkaProducer<String, byte[]> producer;
    private final String topic;
    private final WorkloadGenerator generator;
    private final int total;
    private final int perSlice;
    private final Instant start;
    private final int rate;
    private final Set<String> evidenceIds = new HashSet<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "steady-replay");
        thread.setDaemon(true);
        return thread;
    });

    SteadyReplay(Map<String, Object> kafka, String topic, long seed, Instant start, int total, int rate) {
        Map<String, Object> config = new java.util.HashMap<>(kafka);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 600_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 600_000);
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        this.topic = topic;
        this.generator = new WorkloadGenerator(seed, start, Math.max(rate, 1));
        this.total = total;
        this.perSlice = Math.max(1, rate / 10);
        this.start = start;
        this.rate = Math.max(rate, 1);
    }

    SteadyReplay start() {
        pacer.scheduleAtFixedRate(this::slice, 0, 100, TimeUnit.MILLISECONDS);
        return this;
    }

    private void slice() {
        Instant receivedAt = Instant.now();
        for (int i = 0; i < perSlice && sent.get() < total; i++) {
            long n = sent.get();
            GeneratedEvent event = n % MARKER_EVERY == MARKER_EVERY - 1
                    ? generator.marker("fault-marker-" + n, start.plusMillis(n * 1000 / rate))
                    : n % MARKER_EVERY == MARKER_EVERY / 2 - 1 ? repeat(n) : generator.next();
            synchronized (evidenceIds) {
                evidenceIds.add(event.evidenceId());
            }
            producer.send(new ProducerRecord<>(topic, event.auditID(), event.record(CLUSTER, receivedAt)),
                    (metadata, e) -> {
                        if (e != null) {
                            failure.compareAndSet(null, e);
                        } else {
                            acknowledged.incrementAndGet();
                        }
                    });
            sent.incrementAndGet();
        }
        if (sent.get() >= total) {
            pacer.shutdown();
        }
    }

    /** An anonymous write whose dedup key (source IP, verb, target) is that of one of the repeated alerts. */
    private GeneratedEvent repeat(long n) {
        long alert = (n / MARKER_EVERY) % REPEATED_ALERTS;
        GeneratedEvent event = generator.marker("fault-repeat-" + alert, start.plusMillis(n * 1000 / rate));
        event.event().putArray("sourceIPs").add("198.51.100." + (1 + alert));
        return event;
    }

    long sent() {
        return sent.get();
    }

    long acknowledged() {
        return acknowledged.get();
    }

    int total() {
        return total;
    }

    Exception failure() {
        return failure.get();
    }

    boolean done() {
        return acknowledged.get() == total;
    }

    /** Evidence document ids ({@code auditID-stage}) of every event sent. */
    Set<String> evidenceIds() {
        synchronized (evidenceIds) {
            return Set.copyOf(evidenceIds);
        }
    }

    @Override
    public void close() {
        pacer.shutdownNow();
        producer.close();
    }
}

package dev.vigil.ingest.kafka;

import dev.vigil.model.kafka.KafkaClientSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * The one way ingest writes to Kafka: {@code acks=all}, idempotence on, compressed, with bounded timeouts, and
 * every send returned as a future so callers can answer only after Kafka acknowledged. Sends are timed
 * ({@code vigil.ingest.kafka.send}, tagged topic and outcome).
 */
public final class IngestProducer implements AutoCloseable {

    /** Kafka header carrying the cluster name on every record ingest writes. */
    public static final String CLUSTER_HEADER = "vigil.cluster";

    private final Producer<String, byte[]> producer;
    private final MeterRegistry registry;
    private final int maxRecordSize;
    private final Map<String, Timer> acknowledgedByTopic = new ConcurrentHashMap<>();

    public IngestProducer(KafkaClientSettings settings, ProducerTuning tuning, String clientId, MeterRegistry registry) {
        this(new KafkaProducer<>(config(settings, tuning, clientId), new StringSerializer(), new ByteArraySerializer()),
                registry, (int) tuning.maxRecordSize().toBytes());
    }

    IngestProducer(Producer<String, byte[]> producer, MeterRegistry registry, int maxRecordSize) {
        this.producer = producer;
        this.registry = registry == null ? new SimpleMeterRegistry() : registry;
        this.maxRecordSize = maxRecordSize;
    }

    /**
     * The largest record this producer sends ({@code max.request.size}); writers keep below it, so that a large event
     * is shrunk or dead-lettered rather than refused with {@code RecordTooLargeException} on every retry.
     */
    public int maxRecordSize() {
        return maxRecordSize;
    }

    /** Where this producer's writers count what they wrote. */
    public MeterRegistry registry() {
        return registry;
    }

    /** The producer configuration: the shared client settings, then the guarantees ingest relies on. */
    public static Map<String, Object> config(KafkaClientSettings settings, ProducerTuning tuning, String clientId) {
        Map<String, Object> config = settings.clientConfig();
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, tuning.compression().kafkaName());
        config.put(ProducerConfig.LINGER_MS_CONFIG, (int) tuning.linger().toMillis());
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) tuning.requestTimeout().toMillis());
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) tuning.deliveryTimeout().toMillis());
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, tuning.maxBlock().toMillis());
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, (int) tuning.batchSize().toBytes());
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, (int) tuning.maxRecordSize().toBytes());
        return config;
    }

    /**
     * Sends one record. The future completes when Kafka acknowledged it (all in-sync replicas), or exceptionally
     * when it could not be sent: synchronous failures (no metadata within max block, record too large) arrive
     * through the future as well, never as an exception from this method.
     */
    public CompletableFuture<RecordMetadata> send(ProducerRecord<String, byte[]> record) {
        CompletableFuture<RecordMetadata> result = new CompletableFuture<>();
        send(record, (metadata, failure) -> {
            if (failure == null) {
                result.complete(metadata);
            } else {
                result.completeExceptionally(failure);
            }
        });
        return result;
    }

    /**
     * {@link #send(ProducerRecord)} for a hot path: {@code done} is called exactly once, with the metadata or the
     * failure (on the producer's I/O thread, or on the caller's for a synchronous failure). It must be quick.
     */
    public void send(ProducerRecord<String, byte[]> record, BiConsumer<RecordMetadata, Exception> done) {
        Completion completion = new Completion(record.topic(), done);
        try {
            producer.send(record, completion);
        } catch (RuntimeException e) {
            completion.onCompletion(null, e);
        }
    }

    /** Times one send and reports its outcome once, however the producer delivers it (callback or exception). */
    private final class Completion implements Callback {
        private final long started = System.nanoTime();
        private final String topic;
        private final BiConsumer<RecordMetadata, Exception> done;
        private volatile boolean completed;

        Completion(String topic, BiConsumer<RecordMetadata, Exception> done) {
            this.topic = topic;
            this.done = done;
        }

        @Override
        public void onCompletion(RecordMetadata metadata, Exception failure) {
            if (completed) {
                return;
            }
            completed = true;
            (failure == null ? acknowledgedTimer(topic) : timer(topic, "failed"))
                    .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            done.accept(metadata, failure);
        }
    }

    /** Sends everything buffered and waits for the outcome (the futures say which records made it). */
    public void flush() {
        producer.flush();
    }

    /**
     * The acknowledged timer of one topic, looked up once: finding a tagged meter in the registry for every record
     * cost the I/O thread more than completing the record did. A producer writes to a handful of topics; failures
     * are rare and look their timer up each time (so that the series appears only once something failed).
     */
    private Timer acknowledgedTimer(String topic) {
        Timer timer = acknowledgedByTopic.get(topic);
        return timer != null ? timer : acknowledgedByTopic.computeIfAbsent(topic, t -> timer(t, "acknowledged"));
    }

    private Timer timer(String topic, String outcome) {
        return Timer.builder("vigil.ingest.kafka.send")
                .description("Time from send until Kafka acknowledged (or failed) a record")
                .tag("topic", topic)
                .tag("outcome", outcome)
                .register(registry);
    }

    /** Closes the producer, giving buffered records up to {@code timeout} to be delivered. */
    public void close(Duration timeout) {
        producer.close(timeout);
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }
}

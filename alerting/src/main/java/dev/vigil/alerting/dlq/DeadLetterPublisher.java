package dev.vigil.alerting.dlq;

import dev.vigil.model.dlq.DeadLetter;
import dev.vigil.model.dlq.DeadLetterCategory;
import dev.vigil.model.kafka.JsonSerde;
import dev.vigil.model.kafka.KafkaClientSettings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Writes dead letters to {@code vigil.dlq} and waits for the broker's acknowledgement, so that a consumer commits
 * its offset past a record only once the record is safe somewhere. Thread-safe; one for the alerting stage, shared
 * by its indexers and notifiers (ingest and streams route their dead letters with their own producers).
 */
public final class DeadLetterPublisher implements AutoCloseable {

    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

    private final String topic;
    private final KafkaProducer<String, DeadLetter> producer;

    public DeadLetterPublisher(KafkaClientSettings kafka, String topic, String clientId) {
        this.topic = topic;
        Map<String, Object> config = kafka.clientConfig();
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) ACK_TIMEOUT.toMillis());
        this.producer = new KafkaProducer<>(config, new StringSerializer(), JsonSerde.of(DeadLetter.class).serializer());
    }

    public String topic() {
        return topic;
    }

    /** Sends one dead letter keyed by its source and waits for the acknowledgement; fails naming the topic. */
    public void publish(DeadLetter letter) throws InterruptedException {
        try {
            producer.send(new ProducerRecord<>(topic, letter.source(), letter))
                    .get(ACK_TIMEOUT.toMillis() + 5_000, TimeUnit.MILLISECONDS);
            // Created by the auto-configuration without a registry: counted in the global one Spring Boot binds to.
            Counter.builder(DeadLetterCategory.METRIC)
                    .description(DeadLetterCategory.METRIC_DESCRIPTION)
                    .tag("reason", DeadLetterCategory.of(letter.reason()).tag())
                    .tag("source", DeadLetterCategory.sourceOf(letter.source()))
                    .register(Metrics.globalRegistry)
                    .increment();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot write to " + topic + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("no acknowledgement from " + topic + " within " + ACK_TIMEOUT, e);
        } catch (KafkaException e) {
            throw new IllegalStateException("cannot write to " + topic + ": " + e.getMessage(), e);
        }
    }

    /** Like {@link #publish} but answers false instead of failing (and keeps the interrupt flag). */
    public boolean tryPublish(DeadLetter letter) {
        try {
            publish(letter);
            return true;
        } catch (IllegalStateException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}

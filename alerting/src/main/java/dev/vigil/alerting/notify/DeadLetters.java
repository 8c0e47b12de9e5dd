package dev.vigil.alerting.notify;

import dev.vigil.model.dlq.DeadLetter;
import dev.vigil.model.kafka.JsonSerde;
import dev.vigil.model.kafka.KafkaClientSettings;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Writes alerts no notifier could deliver (and records that are not alerts) to {@code vigil.dlq}, waiting for the
 * broker's acknowledgement: a notifier commits its offset only after this returned, so nothing is lost.
 */
final class DeadLetters implements AutoCloseable {

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    private final Producer<String, DeadLetter> producer;
    private final String topic;

    DeadLetters(KafkaClientSettings kafka, String topic) {
        Map<String, Object> config = kafka.clientConfig();
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "vigil-notify-dlq");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) SEND_TIMEOUT.toMillis());
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) SEND_TIMEOUT.toMillis() / 2);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        this.producer = new KafkaProducer<>(config, new StringSerializer(), JsonSerde.of(DeadLetter.class).serializer());
        this.topic = topic;
    }

    /** Sends the dead letter, keyed by its source, and waits until Kafka acknowledged it. */
    void publish(DeadLetter letter) throws InterruptedException {
        try {
            producer.send(new ProducerRecord<>(topic, letter.source(), letter))
                    .get(SEND_TIMEOUT.toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot write to " + topic + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("no acknowledgement from " + topic + " within " + SEND_TIMEOUT, e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}

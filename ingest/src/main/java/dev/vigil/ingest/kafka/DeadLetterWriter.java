package dev.vigil.ingest.kafka;

import dev.vigil.model.dlq.DeadLetter;
import dev.vigil.model.json.VigilJson;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * Writes what ingest could not accept to {@code vigil.dlq}, keyed by the dead letter's source, so that bad input
 * is never dropped silently: the reason and the original text stay inspectable and replayable.
 */
public final class DeadLetterWriter {

    private final IngestProducer producer;
    private final String topic;

    public DeadLetterWriter(IngestProducer producer, String topic) {
        this.producer = producer;
        this.topic = topic;
    }

    /** Sends one dead letter; the future completes when Kafka acknowledged it. */
    public CompletableFuture<RecordMetadata> send(DeadLetter letter) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, letter.source(), VigilJson.writeBytes(letter));
        if (letter.cluster() != null) {
            record.headers().add(IngestProducer.CLUSTER_HEADER, letter.cluster().getBytes(StandardCharsets.UTF_8));
        }
        return producer.send(record);
    }
}

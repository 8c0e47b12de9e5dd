package dev.vigil.ingest.kafka;

import dev.vigil.model.audit.AuditRecordCodec;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * Writes audit events to {@code k8s.audit.events} in the contract's wire form: keyed by {@code auditID}, the
 * original event object unchanged plus the envelope fields {@code cluster} and {@code receivedAt}, and the
 * cluster also as the {@value IngestProducer#CLUSTER_HEADER} header.
 */
public final class AuditRecordWriter {

    private final IngestProducer producer;
    private final String topic;

    public AuditRecordWriter(IngestProducer producer, String topic) {
        this.producer = producer;
        this.topic = topic;
    }

    /** Sends one event as received; the future completes when Kafka acknowledged it. */
    public CompletableFuture<RecordMetadata> send(String cluster, String auditID, ObjectNode event, Instant receivedAt) {
        return send(cluster, auditID, event, null, receivedAt);
    }

    /**
     * Sends one event as received, in the very text it arrived in when {@code text} is given (the parsed
     * {@code event} is then only consulted for the envelope); the future completes when Kafka acknowledged it.
     */
    public CompletableFuture<RecordMetadata> send(String cluster, String auditID, ObjectNode event, String text,
                                                  Instant receivedAt) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, auditID,
                AuditRecordCodec.encode(text, event, cluster, receivedAt));
        record.headers().add(IngestProducer.CLUSTER_HEADER, cluster.getBytes(StandardCharsets.UTF_8));
        return producer.send(record);
    }
}

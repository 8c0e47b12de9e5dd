package dev.vigil.ingest.kafka;

import dev.vigil.model.audit.AuditRecordCodec;
import dev.vigil.model.audit.DroppedObjects;
import dev.vigil.model.dlq.DeadLetter;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.errors.RecordTooLargeException;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Writes audit events to {@code k8s.audit.events} in the contract's wire form: keyed by {@code auditID}, the
 * original event object unchanged plus the envelope fields {@code cluster} and {@code receivedAt}, and the
 * cluster also as the {@value IngestProducer#CLUSTER_HEADER} header.
 * <p>
 * An event too large for a Kafka record — over the producer's {@link IngestProducer#maxRecordSize()}, or refused by
 * the broker as larger than the topic's {@code max.message.bytes} — never blocks its batch: it is sent without its
 * request and response objects, marked {@link DroppedObjects droppedObjects} so that rules still run on its envelope,
 * and its original text goes to {@code vigil.dlq}; when even that does not fit, the whole event is dead-lettered.
 */
public final class AuditRecordWriter {

    /** How an event reached Kafka. */
    public enum Delivery {
        /** As received. */
        SENT,
        /** Without its request/response objects (too large); the original is in the dead-letter topic. */
        SHRUNK,
        /** Only to the dead-letter topic: too large even without its objects. */
        DEAD_LETTERED
    }

    /** Room for key, headers and record overhead next to the value. */
    private static final int RECORD_OVERHEAD = 1024;

    private final IngestProducer producer;
    private final String topic;
    private final DeadLetterWriter deadLetters;
    private volatile ClusterHeader lastCluster;

    public AuditRecordWriter(IngestProducer producer, String topic, DeadLetterWriter deadLetters) {
        this.producer = producer;
        this.topic = topic;
        this.deadLetters = deadLetters;
    }

    /**
     * Sends one event as received, in the very text it arrived in when {@code text} is given (the parsed
     * {@code event} is then only consulted for the envelope), shrunk or dead-lettered under {@code source} when it is
     * too large; the future completes when Kafka acknowledged every record this took. {@code event} may be null when
     * {@code text} is a non-empty event object without envelope fields (judged from its tokens): it is parsed only if
     * the event must be shrunk.
     */
    public CompletableFuture<Delivery> send(String cluster, String auditID, ObjectNode event, String text,
                                            Instant receivedAt, String source) {
        byte[] value = event == null ? EnvelopedText.encode(text, cluster, receivedAt)
                : AuditRecordCodec.encode(text, event, cluster, receivedAt);
        Oversize oversize = new Oversize(cluster, auditID, event, text, receivedAt, source, value.length);
        if (!fits(auditID, value)) {
            return oversize.shrink();
        }
        return producer.send(record(cluster, auditID, value))
                .thenApply(sent -> Delivery.SENT)
                .exceptionallyCompose(error -> tooLarge(error) ? oversize.shrink() : CompletableFuture.failedFuture(error));
    }

    /**
     * {@link #send} for an event a reader accepted from its bytes: {@code value} is its record value already (the
     * event's bytes with the envelope appended, see {@code Utf8ItemReader.Encoded}), whose first {@code eventLength}
     * bytes but the last are the event's text; that text is decoded, and {@code source} asked for, only if the event
     * must be shrunk (this runs for every event of every batch).
     */
    public CompletableFuture<Delivery> sendEncoded(String cluster, String auditID, byte[] value, int eventLength,
                                                   Instant receivedAt, Supplier<String> source) {
        CompletableFuture<Delivery> delivery = new CompletableFuture<>();
        sendEncoded(cluster, auditID, value, eventLength, receivedAt, source, (sent, failure) -> {
            if (failure == null) {
                delivery.complete(sent);
            } else {
                delivery.completeExceptionally(failure);
            }
        });
        return delivery;
    }

    /**
     * {@link #sendEncoded(String, String, byte[], int, Instant, Supplier)} without a future per event: {@code done}
     * is called exactly once, with the delivery or the failure, mostly on the producer's I/O thread (so it must be
     * quick).
     */
    public void sendEncoded(String cluster, String auditID, byte[] value, int eventLength, Instant receivedAt,
                            Supplier<String> source, BiConsumer<Delivery, Throwable> done) {
        if (!fits(auditID, value)) {
            shrink(cluster, auditID, value, eventLength, receivedAt, source, done);
            return;
        }
        producer.send(record(cluster, auditID, value), (metadata, error) -> {
            if (error == null) {
                done.accept(Delivery.SENT, null);
            } else if (tooLarge(error)) {
                shrink(cluster, auditID, value, eventLength, receivedAt, source, done);
            } else {
                done.accept(null, error);
            }
        });
    }

    private void shrink(String cluster, String auditID, byte[] value, int eventLength, Instant receivedAt,
                        Supplier<String> source, BiConsumer<Delivery, Throwable> done) {
        CompletableFuture<Delivery> shrunk;
        try {
            shrunk = encodedOversize(cluster, auditID, value, eventLength, receivedAt, source.get()).shrink();
        } catch (RuntimeException e) {
            done.accept(null, e);
            return;
        }
        shrunk.whenComplete(done);
    }

    private Oversize encodedOversize(String cluster, String auditID, byte[] value, int eventLength, Instant receivedAt,
                                     String source) {
        return new Oversize(cluster, auditID, null, null, receivedAt, source, value.length) {
            @Override
            String text() {
                return new String(value, 0, eventLength - 1, StandardCharsets.UTF_8) + "}";
            }
        };
    }

    /** An event too large as it is: first without its objects, then only as a dead letter. */
    private class Oversize {
        private final String cluster;
        private final String auditID;
        private final ObjectNode event;
        private final String text;
        private final Instant receivedAt;
        private final String source;
        private final int size;

        Oversize(String cluster, String auditID, ObjectNode event, String text, Instant receivedAt, String source,
                 int size) {
            this.cluster = cluster;
            this.auditID = auditID;
            this.event = event;
            this.text = text;
            this.receivedAt = receivedAt;
            this.source = source;
            this.size = size;
        }

        CompletableFuture<Delivery> shrink() {
            String reason = "too large: the event was " + size + " bytes, a Kafka record may be "
                    + producer.maxRecordSize();
            ObjectNode event = this.event != null ? this.event : EnvelopedText.tree(text());
            if (event == null) {
                return deadLetter(reason);
            }
            ObjectNode shrunk = DroppedObjects.dropAll(event, reason);
            byte[] value = AuditRecordCodec.encode(null, shrunk, cluster, receivedAt);
            if (dropped(event) > 0 && fits(auditID, value)) {
                return producer.send(record(cluster, auditID, value))
                        .thenCompose(sent -> deadLetters.send(letter("the event was sent without its request and "
                                + "response objects, " + reason)))
                        .thenApply(sent -> Delivery.SHRUNK)
                        .exceptionallyCompose(error -> tooLarge(error) ? deadLetter(reason)
                                : CompletableFuture.failedFuture(error));
            }
            return deadLetter(reason);
        }

        private CompletableFuture<Delivery> deadLetter(String reason) {
            return deadLetters.send(letter("the event is not in " + topic + ", even without its request and response "
                    + "objects it is " + reason)).thenApply(sent -> Delivery.DEAD_LETTERED);
        }

        private DeadLetter letter(String reason) {
            String text = text();
            return new DeadLetter(source, reason, text != null ? text : event.toString(), receivedAt, cluster);
        }

        /** The event's text as received, or null when only its tree is known. */
        String text() {
            return text;
        }
    }

    private static int dropped(ObjectNode event) {
        return (int) DroppedObjects.DROPPABLE.stream().filter(event::has).count();
    }

    private boolean fits(String auditID, byte[] value) {
        return value.length + (auditID == null ? 0 : auditID.length() * 4L) + RECORD_OVERHEAD
                <= producer.maxRecordSize();
    }

    /** Kafka refuses the record for its size, here (max.request.size) or at the broker (max.message.bytes). */
    private static boolean tooLarge(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause instanceof RecordTooLargeException;
    }

    private ProducerRecord<String, byte[]> record(String cluster, String auditID, byte[] value) {
        // The record copies the cluster's headers into a list of exactly one (no list grown per record).
        return new ProducerRecord<>(topic, null, auditID, value, clusterHeaders(cluster));
    }

    /**
     * The cluster header, made once per run of records of one cluster (a batch is one cluster's) rather than per
     * record; the producer copies the list and only reads header values, so records may share the header.
     */
    private RecordHeaders clusterHeaders(String cluster) {
        ClusterHeader last = lastCluster;
        if (last == null || !last.cluster().equals(cluster)) {
            last = new ClusterHeader(cluster, new RecordHeaders(new Header[] {
                new RecordHeader(IngestProducer.CLUSTER_HEADER, cluster.getBytes(StandardCharsets.UTF_8))}));
            lastCluster = last;
        }
        return last.headers();
    }

    private record ClusterHeader(String cluster, RecordHeaders headers) {
    }
}

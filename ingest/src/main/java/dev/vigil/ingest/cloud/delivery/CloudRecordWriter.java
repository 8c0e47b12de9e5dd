package dev.vigil.ingest.cloud.delivery;

import dev.vigil.ingest.cloud.CloudRecord;
import dev.vigil.ingest.audit.AuditItemCheck;
import dev.vigil.ingest.kafka.AckTracker;
import dev.vigil.ingest.kafka.AuditRecordWriter;
import dev.vigil.ingest.kafka.AuditRecordWriter.Delivery;
import dev.vigil.ingest.kafka.DeadLetterWriter;
import dev.vigil.ingest.kafka.KafkaUnavailableException;
import dev.vigil.model.audit.AuditFileReader;
import dev.vigil.model.dlq.DeadLetter;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.LongAdder;

/**
 * Writes the events recovered from a managed cloud's delivery the way the webhook writes its batch: every event
 * that {@link AuditItemCheck} accepts to {@code k8s.audit.events} through {@link AuditRecordWriter} (envelope
 * {@code cluster} and {@code receivedAt}, too-large events shrunk or dead-lettered), every bad record to
 * {@code vigil.dlq} with its reason and the cloud record's original text; {@link Batch#await} returns only after
 * Kafka acknowledged all of it. Events without {@code auditID} get the parser's derived id, as replayed files do.
 */
public final class CloudRecordWriter {

    private final AuditRecordWriter audit;
    private final DeadLetterWriter deadLetters;
    private final CloudMetrics metrics;

    public CloudRecordWriter(AuditRecordWriter audit, DeadLetterWriter deadLetters, CloudMetrics metrics) {
        this.audit = audit;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
    }

    /** A new delivery of {@code source} ({@code gke}, {@code aks:<name>}), received at {@code receivedAt}. */
    public Batch batch(String source, Instant receivedAt) {
        return new Batch(source, receivedAt);
    }

    /** What one delivery came to, once acknowledged. */
    public record Outcome(long accepted, long rejected) {
    }

    /** The records of one delivery, sent as they are added. Not thread-safe: one delivery, one thread. */
    public final class Batch {
        private final AckTracker acks = new AckTracker();
        private final LongAdder accepted = new LongAdder();
        private final LongAdder rejected = new LongAdder();
        private final String source;
        private final Instant receivedAt;
        private long items;

        private Batch(String source, Instant receivedAt) {
            this.source = source;
            this.receivedAt = receivedAt;
        }

        /**
         * Sends one record as {@code cluster} (an allowed cluster); {@code id} names it in the dead-letter source
         * ({@code ingest:<source>:<cluster>:<id>}).
         */
        public void add(CloudRecord record, String cluster, String id) {
            items++;
            metrics.events(source, cluster, "received", 1);
            String letterSource = "ingest:" + source + ":" + cluster + ":" + id;
            if (!record.isOk()) {
                deadLetter(letterSource, record.error(), record.original(), cluster);
                return;
            }
            AuditItemCheck.Verdict verdict = AuditItemCheck.check(
                    new AuditFileReader.Item(source, items, record.event(), null, null), AuditItemCheck.IdPolicy.DERIVE);
            if (verdict instanceof AuditItemCheck.Accepted event) {
                acks.track(audit.send(cluster, event.auditID(), event.event(), null, receivedAt, letterSource)
                        .thenAccept(delivery -> {
                            boolean sent = delivery != Delivery.DEAD_LETTERED;
                            (sent ? accepted : rejected).increment();
                            metrics.events(source, cluster, sent ? "accepted" : "rejected", 1);
                        }));
            } else if (verdict instanceof AuditItemCheck.Rejected bad) {
                deadLetter(letterSource, "not an audit event: " + bad.reason(), record.original(), cluster);
            }
        }

        /**
         * Dead-letters a record that must not enter as any cluster (e.g. its cluster is not allowed); metered under
         * {@link CloudMetrics#UNKNOWN}, {@code cluster} only goes into the dead letter.
         */
        public void refuse(CloudRecord record, String cluster, String reason, String id) {
            items++;
            metrics.events(source, CloudMetrics.UNKNOWN, "received", 1);
            acks.track(deadLetters.send(new DeadLetter("ingest:" + source + ":" + id, reason, record.original(),
                    receivedAt, cluster)).thenRun(() -> {
                        rejected.increment();
                        metrics.events(source, CloudMetrics.UNKNOWN, "rejected", 1);
                    }));
        }

        private void deadLetter(String letterSource, String reason, String original, String cluster) {
            acks.track(deadLetters.send(new DeadLetter(letterSource, reason, original, receivedAt, cluster))
                    .thenRun(() -> {
                        rejected.increment();
                        metrics.events(source, cluster, "rejected", 1);
                    }));
        }

        /** Waits until Kafka acknowledged every record of this delivery. */
        public Outcome await(Duration timeout) throws KafkaUnavailableException, InterruptedException {
            acks.awaitAll(timeout);
            return new Outcome(accepted.sum(), rejected.sum());
        }
    }
}

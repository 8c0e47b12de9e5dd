package dev.vigil.ingest.webhook;

import dev.vigil.ingest.audit.AuditItemCheck;
import dev.vigil.ingest.audit.AuditItemCheck.Accepted;
import dev.vigil.ingest.audit.AuditItemCheck.Rejected;
import dev.vigil.ingest.kafka.AckTracker;
import dev.vigil.ingest.kafka.AuditRecordWriter;
import dev.vigil.ingest.kafka.DeadLetterWriter;
import dev.vigil.ingest.kafka.KafkaUnavailableException;
import dev.vigil.model.audit.AuditFileReader;
import dev.vigil.model.dlq.DeadLetter;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;

/**
 * Turns one webhook body into Kafka records while it is being read: every good item to {@code k8s.audit.events},
 * every bad one to {@code vigil.dlq}, then waits until Kafka acknowledged all of them. Nothing of the body is held
 * beyond the item being read (the reader's own buffering aside), and nothing is reported as accepted before the
 * acknowledgement. A re-sent batch produces the same keys and identities again ({@code auditID} + {@code stage}),
 * which every consumer treats idempotently.
 */
final class BatchIngestor {

    private final AuditRecordWriter audit;
    private final DeadLetterWriter deadLetters;
    private final Duration ackTimeout;
    private final WebhookMetrics metrics;

    BatchIngestor(AuditRecordWriter audit, DeadLetterWriter deadLetters, Duration ackTimeout, WebhookMetrics metrics) {
        this.audit = audit;
        this.deadLetters = deadLetters;
        this.ackTimeout = ackTimeout;
        this.metrics = metrics;
    }

    BatchResult ingest(LimitedBody body, String cluster)
            throws IOException, NotJsonException, KafkaUnavailableException, InterruptedException {
        Instant receivedAt = Instant.now();
        InputStream in = rejectCompressed(body);
        AuditFileReader reader;
        try {
            reader = AuditFileReader.of(in, "webhook");
        } catch (UncheckedIOException e) {
            body.throwIfFailed();
            throw e.getCause();
        }
        AckTracker acks = new AckTracker();
        long items = 0;
        long accepted = 0;
        long rejected = 0;
        try (reader) {
            while (acks.failure() == null && reader.hasNext()) {
                AuditFileReader.Item item = reader.next();
                body.throwIfFailed();
                items++;
                if (items == 1 && item.node() == null) {
                    throw new NotJsonException("the body is not JSON: " + item.error());
                }
                AuditItemCheck.Verdict verdict = AuditItemCheck.check(item, AuditItemCheck.IdPolicy.REQUIRE);
                if (verdict instanceof Accepted event) {
                    acks.track(audit.send(cluster, event.auditID(), event.event(), event.text(), receivedAt));
                    accepted++;
                } else if (verdict instanceof Rejected bad) {
                    acks.track(deadLetters.send(new DeadLetter("ingest:webhook:" + cluster + ":item-" + items,
                            bad.reason(), bad.payload(), receivedAt, cluster)));
                    rejected++;
                }
            }
        }
        metrics.events(cluster, "received", items);
        metrics.batch(cluster, items);
        if (items == 0) {
            throw new NotJsonException("the body is empty");
        }
        acks.awaitAll(ackTimeout);
        metrics.events(cluster, "accepted", accepted);
        metrics.events(cluster, "rejected", rejected);
        return new BatchResult(accepted, rejected);
    }

    /** The API server never compresses its batches; a gzip body would bypass the size limit once inflated. */
    private static InputStream rejectCompressed(LimitedBody body) throws IOException, NotJsonException {
        BufferedInputStream in = new BufferedInputStream(body, 8192);
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        if (b1 == 0x1f && b2 == 0x8b) {
            throw new NotJsonException("gzip-compressed bodies are not accepted; send the JSON as it is");
        }
        return in;
    }
}

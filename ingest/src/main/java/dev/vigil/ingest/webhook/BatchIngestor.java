package dev.vigil.ingest.webhook;

import dev.vigil.ingest.audit.AuditItemCheck;
import dev.vigil.ingest.audit.EventBatch;
import dev.vigil.ingest.http.LimitedBody;
import dev.vigil.ingest.kafka.AuditRecordWriter;
import dev.vigil.ingest.kafka.DeadLetterWriter;
import dev.vigil.ingest.kafka.KafkaUnavailableException;
import dev.vigil.model.audit.AuditFileReader;
import dev.vigil.model.audit.AuditRecordCodec;
import dev.vigil.model.audit.ItemSummary;
import dev.vigil.model.audit.Utf8ItemReader;

import java.io.BufferedInputStream;
import java.io.Closeable;
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
 * <p>
 * Nothing one item contains stops the others (see {@link AuditFileReader}): an unreadable item is dead-lettered with
 * its text, an event whose request/response object was unreadable or too large for Kafka is sent without it and its
 * original dead-lettered, and when the body breaks off, the rest is dead-lettered as it is and the answer says so.
 */
final class BatchIngestor {

    /** How items are read and judged; all three give the same answers and records (TokenPathDifferentialTest). */
    enum Path {
        /** Every item parsed into a tree. */
        TREE,
        /** Items judged from their tokens over their decoded text ({@link ItemSummary}), the rest as trees. */
        TOKENS,
        /** Plain events checked and encoded from the body's bytes ({@link Utf8ItemReader}), the rest as TOKENS. */
        BYTES
    }

    private final AuditRecordWriter audit;
    private final DeadLetterWriter deadLetters;
    private final Duration ackTimeout;
    private final WebhookMetrics metrics;
    private final int maxItemChars;
    private final Path path;

    BatchIngestor(AuditRecordWriter audit, DeadLetterWriter deadLetters, Duration ackTimeout, WebhookMetrics metrics,
                  int maxItemChars) {
        this(audit, deadLetters, ackTimeout, metrics, maxItemChars, Path.BYTES);
    }

    /** {@code path} other than BYTES: the paths the differential test holds this one to. */
    BatchIngestor(AuditRecordWriter audit, DeadLetterWriter deadLetters, Duration ackTimeout, WebhookMetrics metrics,
                  int maxItemChars, Path path) {
        this.path = path;
        this.audit = audit;
        this.deadLetters = deadLetters;
        this.ackTimeout = ackTimeout;
        this.metrics = metrics;
        this.maxItemChars = maxItemChars;
    }

    BatchResult ingest(LimitedBody body, String cluster)
            throws IOException, NotJsonException, KafkaUnavailableException, InterruptedException {
        Instant receivedAt = Instant.now();
        InputStream in = rejectCompressed(body);
        Items reader;
        try {
            reader = switch (path) {
                case BYTES -> new Items(null, Utf8ItemReader.open(in, "webhook", maxItemChars,
                        AuditRecordCodec.envelope(cluster, receivedAt)));
                // Deferred: most items are judged from their tokens, without a tree (see AuditItemCheck).
                case TOKENS -> new Items(AuditFileReader.deferred(in, "webhook", maxItemChars), null);
                case TREE -> new Items(AuditFileReader.of(in, "webhook", maxItemChars), null);
            };
        } catch (UncheckedIOException e) {
            body.throwIfFailed();
            throw e.getCause();
        }
        EventBatch batch = new EventBatch(audit, deadLetters, AuditItemCheck.IdPolicy.REQUIRE, receivedAt);
        String sources = "ingest:webhook:" + cluster + ":item-";
        try (reader) {
            while (!batch.failed() && reader.hasNext()) {
                Utf8ItemReader.Next next = reader.next();
                body.throwIfFailed();
                long itemNumber = batch.items() + 1;
                if (next.event() != null) {
                    Utf8ItemReader.Encoded event = next.event();
                    // Named only if it is dead-lettered: no string per event on the hot path.
                    batch.addEncoded(event.auditID(), event.value(), event.eventLength(), cluster,
                            () -> sources + itemNumber);
                    continue;
                }
                String source = sources + itemNumber;
                AuditFileReader.Item item = next.item();
                if (batch.items() == 0 && item.isDeferred() && ItemSummary.read(item.text()) == null) {
                    item = item.read(); // whether the body is JSON at all is decided on the first item, as before
                }
                if (batch.items() == 0 && !item.isOk() && (!item.text().stripLeading().startsWith("{") || !reader.hasNext())) {
                    // Not JSON at all (or one unreadable value): 400. An unreadable first item of a list is
                    // dead-lettered like any other, so that it cannot cost the items after it.
                    body.throwIfFailed();
                    throw new NotJsonException("the body is not JSON: " + item.error());
                }
                batch.add(item, cluster, source);
            }
        }
        metrics.received(batch);
        metrics.batch(cluster, batch.items());
        if (batch.items() == 0) {
            throw new NotJsonException("the body is empty");
        }
        batch.awaitAll(ackTimeout);
        metrics.outcomes(batch);
        EventBatch.Tally tally = batch.total();
        EventBatch.Unread unread = batch.unread();
        return new BatchResult(tally.accepted(), tally.rejected(), tally.altered(),
                unread == null ? null : new BatchResult.Unread(unread.reason(), unread.characters()));
    }

    /** The items of one body, from whichever reader the path uses. */
    private record Items(AuditFileReader items, Utf8ItemReader bytes) implements Closeable {

        boolean hasNext() {
            return bytes != null ? bytes.hasNext() : items.hasNext();
        }

        Utf8ItemReader.Next next() {
            return bytes != null ? bytes.next() : new Utf8ItemReader.Next(items.next(), null);
        }

        @Override
        public void close() throws IOException {
            if (bytes != null) {
                bytes.close();
            } else {
                items.close();
            }
        }
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

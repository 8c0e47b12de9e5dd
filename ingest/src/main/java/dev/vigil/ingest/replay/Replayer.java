package dev.vigil.ingest.replay;

import dev.vigil.ingest.audit.AuditItemCheck;
import dev.vigil.ingest.audit.AuditItemCheck.Accepted;
import dev.vigil.ingest.audit.AuditItemCheck.Rejected;
import dev.vigil.ingest.kafka.AuditRecordWriter;
import dev.vigil.ingest.kafka.DeadLetterWriter;
import dev.vigil.model.audit.AuditFileReader;
import dev.vigil.model.audit.DroppedObjects;
import dev.vigil.model.dlq.DeadLetter;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Sends the items of audit files to Kafka with a bounded number of records in flight, so that memory stays flat
 * whatever the file size: good events to {@code k8s.audit.events} (events without {@code auditID} under their
 * derived id — file logs from shippers often lack it), bad items to {@code vigil.dlq} as
 * {@code replay:<file>:<line>}. Stops at the first record Kafka refuses, since the rest would fail the same way.
 */
final class Replayer {

    private final AuditRecordWriter audit;
    private final DeadLetterWriter deadLetters;
    private final String cluster;
    private final ReplayStats stats;
    private final int maxInFlight;
    private final Semaphore inFlight;

    Replayer(AuditRecordWriter audit, DeadLetterWriter deadLetters, String cluster, ReplayStats stats,
             int maxInFlight) {
        this.audit = audit;
        this.deadLetters = deadLetters;
        this.cluster = cluster;
        this.stats = stats;
        this.maxInFlight = maxInFlight;
        this.inFlight = new Semaphore(maxInFlight);
    }

    /**
     * Sends every item of {@code reader}; {@code afterItem} runs after each (progress).
     *
     * @return false when Kafka failed and replaying should stop
     */
    boolean replay(AuditFileReader reader, String file, Runnable afterItem) throws InterruptedException {
        long lastLine = 0;
        long itemOfLine = 0;
        while (stats.kafkaFailure() == null && reader.hasNext()) {
            AuditFileReader.Item item = reader.next();
            itemOfLine = item.line() == lastLine ? itemOfLine + 1 : 1;
            if (item.line() > lastLine) {
                stats.linesRead(item.line() - lastLine);
                lastLine = item.line();
            }
            AuditItemCheck.Verdict verdict = AuditItemCheck.check(item, AuditItemCheck.IdPolicy.DERIVE);
            Instant receivedAt = Instant.now();
            String source = "replay:" + file + ":" + item.line() + (itemOfLine > 1 ? "#" + itemOfLine : "");
            if (verdict instanceof Accepted event) {
                track(() -> audit.send(cluster, event.auditID(), event.event(), event.text(), receivedAt, source)
                        .thenApply(delivery -> {
                            if (delivery == AuditRecordWriter.Delivery.DEAD_LETTERED) {
                                stats.rejected(file, item.line(), "too large for a Kafka record");
                            }
                            return delivery;
                        }), true);
                if (event.droppedFrom() != null) {
                    String reason = "the event was sent without its unreadable objects "
                            + DroppedObjects.of(event.event());
                    stats.rejected(file, item.line(), reason);
                    track(() -> deadLetters.send(new DeadLetter(source, reason, event.droppedFrom(), receivedAt,
                            cluster)), false);
                }
            } else if (verdict instanceof Rejected bad) {
                stats.rejected(file, item.line(), bad.reason());
                track(() -> deadLetters.send(new DeadLetter(source, bad.reason(), bad.payload(), receivedAt,
                        cluster)), false);
            }
            afterItem.run();
        }
        return stats.kafkaFailure() == null;
    }

    private void track(Supplier<CompletableFuture<?>> send, boolean event) throws InterruptedException {
        inFlight.acquire();
        send.get().whenComplete((result, error) -> {
            inFlight.release();
            if (error != null) {
                stats.failed(error);
            } else if (event && result != AuditRecordWriter.Delivery.DEAD_LETTERED) {
                stats.sent();
            } else {
                stats.deadLettered();
            }
        });
    }

    /** Waits until every record sent so far was acknowledged or failed; false on timeout. */
    boolean awaitInFlight(Duration timeout) throws InterruptedException {
        if (!inFlight.tryAcquire(maxInFlight, timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return false;
        }
        inFlight.release(maxInFlight);
        return true;
    }
}

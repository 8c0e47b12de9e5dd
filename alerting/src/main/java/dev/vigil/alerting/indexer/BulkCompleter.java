package dev.vigil.alerting.indexer;

import dev.vigil.alerting.dlq.DeadLetterPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;

/**
 * One attempt at finishing a {@link PendingBulk}: index what is left, inspect every item, write the dead letters.
 * Logs name documents by id and Kafka position with the error type only — never a body, nor OpenSearch's reason,
 * which can quote a field value (the reason goes into the dead letter, next to the payload it describes).
 * Several bulks of one topic may be attempted at once, on different threads, each bulk by one thread at a time.
 */
final class BulkCompleter {

    private static final Logger LOG = LoggerFactory.getLogger(BulkCompleter.class);

    private final String topic;
    private final DocumentKind kind;
    /** Sends one bulk: {@link BulkWriter#write}, or in a test a stand-in around it. */
    @FunctionalInterface
    interface Send {
        List<BulkWriter.ItemResult> write(List<IndexItem> items) throws OpenSearchUnavailableException;
    }

    private final Send writer;
    private final DeadLetterPublisher deadLetters;
    private final IndexerMetrics metrics;
    private final Clock clock = Clock.systemUTC();
    private long outageSince = -1;

    BulkCompleter(String topic, DocumentKind kind, Send writer, DeadLetterPublisher deadLetters,
                  IndexerMetrics metrics) {
        this.topic = topic;
        this.kind = kind;
        this.writer = writer;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
    }

    /** True when every record of the bulk is indexed or dead-lettered; false means: wait, then call again. */
    boolean attempt(PendingBulk bulk) {
        List<PendingBulk.Entry> toIndex = bulk.toIndex();
        if (!toIndex.isEmpty()) {
            List<BulkWriter.ItemResult> results;
            try {
                results = writer.write(toIndex.stream().map(PendingBulk.Entry::item).toList());
            } catch (OpenSearchUnavailableException e) {
                unavailable(e, toIndex.size());
                return false;
            }
            available();
            for (int i = 0; i < results.size(); i++) {
                apply(bulk, toIndex.get(i), results.get(i));
            }
        }
        for (PendingBulk.Entry entry : bulk.toDeadLetter()) {
            if (!deadLetters.tryPublish(entry.deadLetter(clock))) {
                LOG.warn("Cannot write the dead letter of {} to {}; retrying", entry.source(), deadLetters.topic());
                return false;
            }
            LOG.warn("Record {} sent to {}", entry.source(), deadLetters.topic());
            bulk.deadLettered(entry);
            metrics.deadLettered();
        }
        return bulk.complete();
    }

    private void apply(PendingBulk bulk, PendingBulk.Entry entry, BulkWriter.ItemResult result) {
        IndexItem item = entry.item();
        switch (result.outcome()) {
            case INDEXED -> {
                bulk.indexed(entry);
                metrics.indexed();
            }
            case SUPERSEDED -> {
                bulk.indexed(entry);
                metrics.superseded();
            }
            case RETRY -> {
                metrics.retried();
                LOG.debug("Document {} of {} answered {} {}; retrying", item.id(), entry.source(), result.status(),
                        result.errorType());
            }
            case REJECTED -> {
                String reason = "OpenSearch rejected the " + kind.noun() + " document " + item.id() + " for index "
                        + item.index() + ": " + result.status() + " " + result.errorType() + ": " + result.reason();
                boolean again = bulk.rejected(entry, reason);
                LOG.warn("OpenSearch rejected document {} of {} for {}: {} {}{}", item.id(), entry.source(),
                        item.index(), result.status(), result.errorType(),
                        again ? "; sending it again with its free-form fields stored unindexed" : "");
                if (again) {
                    metrics.freeFormUnindexed();
                }
            }
        }
    }

    private synchronized void unavailable(OpenSearchUnavailableException e, int documents) {
        if (outageSince < 0) {
            outageSince = System.nanoTime();
            LOG.warn("OpenSearch unavailable ({}); consumption of {} paused with {} documents pending, retrying with "
                    + "backoff", e.getMessage(), topic, documents);
        } else {
            LOG.debug("OpenSearch still unavailable for {}: {}", topic, e.getMessage());
        }
    }

    private synchronized void available() {
        if (outageSince >= 0) {
            LOG.info("OpenSearch answers again after {} s; resuming {}",
                    (System.nanoTime() - outageSince) / 1_000_000_000, topic);
            outageSince = -1;
        }
    }
}

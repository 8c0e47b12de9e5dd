package dev.vigil.ingest.audit;

import dev.vigil.ingest.audit.AuditItemCheck.Accepted;
import dev.vigil.ingest.audit.AuditItemCheck.Rejected;
import dev.vigil.ingest.cloud.CloudRecord;
import dev.vigil.ingest.kafka.AckTracker;
import dev.vigil.ingest.kafka.AuditRecordWriter;
import dev.vigil.ingest.kafka.AuditRecordWriter.Delivery;
import dev.vigil.ingest.kafka.DeadLetterWriter;
import dev.vigil.ingest.kafka.KafkaUnavailableException;
import dev.vigil.model.audit.AuditFileReader;
import dev.vigil.model.audit.DroppedObjects;
import dev.vigil.model.dlq.DeadLetter;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The per-item path every intake shares (the audit webhook, the Firehose endpoint, the Pub/Sub push endpoint, the AKS
 * event hubs, {@code vigil replay}): each item is judged by {@link AuditItemCheck}, a good event goes to
 * {@code k8s.audit.events} (shrunk or dead-lettered when too large, see {@link AuditRecordWriter}), a bad item to
 * {@code vigil.dlq} with its reason and original text; then the caller waits until Kafka acknowledged every send.
 * Outcomes are counted per cluster, as Kafka acknowledges them, in constant memory; each intake meters them under its
 * own names. Not thread-safe: one batch, one thread.
 */
public final class EventBatch {

    /** The cluster under which {@link #refuse} counts what it dead-letters: no cluster the configuration allowed. */
    public static final String UNATTRIBUTED = "-";

    /** What became of the items of one cluster. */
    public record Tally(long received, long accepted, long rejected, long altered) {
    }

    /** The part of a body that could not be split into items (all of it dead-lettered). */
    public record Unread(String reason, long characters) {
    }

    private static final class Counts {
        final LongAdder received = new LongAdder();
        final LongAdder accepted = new LongAdder();
        final LongAdder rejected = new LongAdder();
        final LongAdder altered = new LongAdder();

        Tally tally() {
            return new Tally(received.sum(), accepted.sum(), rejected.sum(), altered.sum());
        }
    }

    private final AckTracker acks = new AckTracker();
    private final Map<String, Counts> byCluster = new ConcurrentHashMap<>();
    private final AuditRecordWriter audit;
    private final DeadLetterWriter deadLetters;
    private final AuditItemCheck.IdPolicy policy;
    private final Instant receivedAt;
    private long items;
    private String unreadReason;
    private long unreadCharacters;

    public EventBatch(AuditRecordWriter audit, DeadLetterWriter deadLetters, AuditItemCheck.IdPolicy policy,
                      Instant receivedAt) {
        this.audit = audit;
        this.deadLetters = deadLetters;
        this.policy = policy;
        this.receivedAt = receivedAt;
    }

    /** One item read from a body, recorded for {@code cluster}; {@code source} names it in dead letters. */
    public void add(AuditFileReader.Item item, String cluster, String source) {
        AuditItemCheck.Verdict verdict = AuditItemCheck.check(item, policy);
        if (verdict instanceof Rejected bad && item.flaw() == AuditFileReader.Item.Flaw.UNREAD_REST) {
            unreadReason = unreadReason == null ? bad.reason() : unreadReason;
            unreadCharacters += bad.payload().length();
        }
        add(verdict, cluster, source);
    }

    /**
     * One event a reader accepted and encoded from its bytes ({@code Utf8ItemReader.Encoded}): {@code value} is its
     * record value, its first {@code eventLength} bytes but the last the event's; recorded for {@code cluster}.
     * {@code source} names it in dead letters, asked for only if it becomes one.
     */
    public void addEncoded(String auditID, byte[] value, int eventLength, String cluster, Supplier<String> source) {
        items++;
        Counts counts = counts(cluster);
        // Counted and settled straight from the producer's callback: no future per event.
        acks.expect();
        audit.sendEncoded(cluster, auditID, value, eventLength, receivedAt, source, (delivery, error) -> {
            if (error == null) {
                (delivery == Delivery.DEAD_LETTERED ? counts.rejected : counts.accepted).increment();
                if (delivery == Delivery.SHRUNK) {
                    counts.altered.increment();
                }
            }
            acks.settle(error);
        });
    }

    /** One event (or failure) recovered from a managed cloud's envelope, recorded for {@code cluster}. */
    public void add(CloudRecord record, String cluster, String source) {
        add(AuditItemCheck.check(record, policy), cluster, source);
    }

    /** Something that never became an item (an undecodable cloud record): straight to the dead-letter topic. */
    public void reject(String cluster, String source, String reason, String payload) {
        add(new Rejected(reason, payload), cluster, source);
    }

    /**
     * Something that must not enter as any cluster (its cluster is not one the credentials allow, or it names none):
     * dead-lettered with {@code claimedCluster} (may be null), counted under {@link #UNATTRIBUTED}, so that a sender
     * cannot create new metric series.
     */
    public void refuse(String claimedCluster, String source, String reason, String payload) {
        items++;
        Counts counts = counts(UNATTRIBUTED);
        acks.track(deadLetters.send(new DeadLetter(source, reason, payload, receivedAt, claimedCluster))
                .thenRun(counts.rejected::increment));
    }

    private Counts counts(String cluster) {
        Counts counts = byCluster.computeIfAbsent(cluster, c -> new Counts());
        counts.received.increment();
        return counts;
    }

    private void add(AuditItemCheck.Verdict verdict, String cluster, String source) {
        items++;
        Counts counts = counts(cluster);
        if (verdict instanceof Accepted event) {
            acks.track(audit.send(cluster, event.auditID(), event.event(), event.text(), receivedAt, source)
                    .thenAccept(delivery -> {
                        (delivery == Delivery.DEAD_LETTERED ? counts.rejected : counts.accepted).increment();
                        if (delivery == Delivery.SHRUNK || event.droppedFrom() != null) {
                            counts.altered.increment();
                        }
                    }));
            if (event.droppedFrom() != null) {
                acks.track(deadLetters.send(new DeadLetter(source, "the event was sent without its unreadable "
                        + "objects " + DroppedObjects.of(event.event()), event.droppedFrom(), receivedAt, cluster)));
            }
        } else if (verdict instanceof Rejected bad) {
            acks.track(deadLetters.send(new DeadLetter(source, bad.reason(), bad.payload(), receivedAt, cluster))
                    .thenRun(counts.rejected::increment));
        }
    }

    /** Whether a send already failed: the caller may stop adding, the batch will not be acknowledged anyway. */
    public boolean failed() {
        return acks.failure() != null;
    }

    /** Waits until Kafka acknowledged every send; see {@link AckTracker#awaitAll(Duration)}. */
    public void awaitAll(Duration timeout) throws KafkaUnavailableException, InterruptedException {
        acks.awaitAll(timeout);
    }

    /** Items added so far, good and bad. */
    public long items() {
        return items;
    }

    /** The outcomes per cluster, in cluster order (complete once {@link #awaitAll} returned). */
    public Map<String, Tally> tallies() {
        Map<String, Tally> tallies = new TreeMap<>();
        byCluster.forEach((cluster, counts) -> tallies.put(cluster, counts.tally()));
        return tallies;
    }

    /** The outcomes over all clusters. */
    public Tally total() {
        long received = 0;
        long accepted = 0;
        long rejected = 0;
        long altered = 0;
        for (Counts counts : byCluster.values()) {
            received += counts.received.sum();
            accepted += counts.accepted.sum();
            rejected += counts.rejected.sum();
            altered += counts.altered.sum();
        }
        return new Tally(received, accepted, rejected, altered);
    }

    /** The part of the body that broke off, or null when every character was read as items. */
    public Unread unread() {
        return unreadReason == null ? null : new Unread(unreadReason, unreadCharacters);
    }
}

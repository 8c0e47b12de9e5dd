package dev.vigil.alerting.indexer;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The bulks of one topic cut from the consumer and not yet committed, oldest first. Up to {@code capacity} are with
 * OpenSearch at once, so that the node indexes one while the next is read and sent; but offsets are committed only up
 * to the oldest bulk that is not complete. A later bulk acknowledged first waits for the earlier ones, so a stop in
 * between reads the earlier records again instead of skipping them (their documents are overwritten, never lost).
 * <p>
 * Used from the consumer's thread only; the attempts run on {@code sender}, one at a time per bulk, and a failed
 * attempt is started again after the backoff by {@link #collect}.
 */
final class InFlightBulks {

    /** One bulk with the offsets it will let the consumer commit and its current attempt. */
    private static final class Sent {
        private PendingBulk bulk;
        private final Map<TopicPartition, Long> nextOffsets = new HashMap<>();
        private final Set<TopicPartition> forgotten = new HashSet<>();
        private CompletableFuture<Boolean> attempt;
        private long retryAt;
        private boolean failed;
        private boolean complete;

        private Sent(PendingBulk bulk) {
            this.bulk = bulk;
            bulk.offsets().forEach((partition, offset) -> nextOffsets.put(partition, offset.offset()));
        }
    }

    private final int capacity;
    private final BulkCompleter completer;
    private final Executor sender;
    private final Backoff backoff;
    private final Deque<Sent> sent = new ArrayDeque<>();

    InFlightBulks(int capacity, BulkCompleter completer, Executor sender, Backoff backoff) {
        this.capacity = capacity;
        this.completer = completer;
        this.sender = sender;
        this.backoff = backoff;
    }

    /** True when no further bulk may be cut before the oldest is committed. */
    boolean full() {
        return sent.size() >= capacity;
    }

    boolean isEmpty() {
        return sent.isEmpty();
    }

    /** True while a bulk waits for OpenSearch (an attempt failed and the bulk is not complete yet). */
    boolean waiting() {
        return sent.stream().anyMatch(bulk -> bulk.failed && !bulk.complete);
    }

    void send(PendingBulk bulk) {
        Sent added = new Sent(bulk);
        sent.addLast(added);
        start(added);
    }

    private void start(Sent bulk) {
        if (!bulk.forgotten.isEmpty()) { // partitions lost since the last attempt: their new owner indexes them
            bulk.bulk = bulk.bulk.without(bulk.forgotten);
            bulk.forgotten.clear();
            if (bulk.bulk.isEmpty()) {
                bulk.complete = true;
                return;
            }
        }
        PendingBulk pending = bulk.bulk;
        bulk.attempt = CompletableFuture.supplyAsync(() -> completer.attempt(pending), sender);
    }

    /** True while an attempt of some bulk is under way. */
    boolean attempting() {
        return sent.stream().anyMatch(bulk -> bulk.attempt != null && !bulk.attempt.isDone());
    }

    /**
     * Takes the outcome of every finished attempt and, with {@code retry}, starts the retries that are due. An
     * unexpected error of an attempt is thrown here, on the consumer's thread, as if the attempt had run on it.
     */
    void collect(boolean retry) {
        long now = System.nanoTime();
        for (Sent bulk : sent) {
            if (bulk.complete) {
                continue;
            }
            if (bulk.attempt == null) {
                if (retry && now - bulk.retryAt >= 0) {
                    start(bulk);
                }
                continue;
            }
            if (!bulk.attempt.isDone()) {
                continue;
            }
            boolean done = outcome(bulk.attempt);
            bulk.attempt = null;
            if (done) {
                bulk.complete = true;
                backoff.reset();
            } else {
                bulk.failed = true;
                bulk.retryAt = now + backoff.next().toNanos();
            }
        }
    }

    private static boolean outcome(CompletableFuture<Boolean> attempt) {
        try {
            return attempt.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /**
     * Removes the complete bulks at the head and answers the offsets they allow to commit: for each partition, the
     * offset after its last record in them. Empty while the oldest bulk is not complete.
     */
    Map<TopicPartition, OffsetAndMetadata> takeCommittable() {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        while (!sent.isEmpty() && sent.peekFirst().complete) {
            sent.pollFirst().nextOffsets.forEach((partition, next) -> offsets.merge(partition,
                    new OffsetAndMetadata(next), (a, b) -> a.offset() >= b.offset() ? a : b));
        }
        return offsets;
    }

    /**
     * Waits up to {@code max} for an attempt to finish or a retry to fall due, whichever comes first; returns at once
     * when neither is pending.
     */
    void awaitProgress(Duration max) throws InterruptedException {
        long wait = max.toNanos();
        List<CompletableFuture<Boolean>> running = new ArrayList<>();
        long now = System.nanoTime();
        for (Sent bulk : sent) {
            if (bulk.complete) {
                continue;
            }
            if (bulk.attempt == null) {
                wait = Math.min(wait, Math.max(bulk.retryAt - now, 0));
            } else if (bulk.attempt.isDone()) {
                return;
            } else {
                running.add(bulk.attempt);
            }
        }
        if (wait <= 0) {
            return;
        }
        if (running.isEmpty()) {
            TimeUnit.NANOSECONDS.sleep(wait);
            return;
        }
        try {
            CompletableFuture.anyOf(running.toArray(CompletableFuture[]::new)).get(wait, TimeUnit.NANOSECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // a failed attempt is read by collect(); a timeout only ends the wait
        }
    }

    /** Forgets the records of partitions this consumer lost: never committed here, and not sent again. */
    void forget(Collection<TopicPartition> partitions) {
        for (Sent bulk : sent) {
            bulk.nextOffsets.keySet().removeAll(partitions);
            if (bulk.attempt == null && !bulk.complete) {
                bulk.bulk = bulk.bulk.without(partitions);
                if (bulk.bulk.isEmpty()) {
                    bulk.complete = true;
                }
            } else {
                bulk.forgotten.addAll(partitions); // its attempt runs: it is cut down before the next one
            }
        }
    }

    /** Forgets every bulk; attempts still running finish on their own and nothing is committed for them. */
    void clear() {
        sent.clear();
    }
}

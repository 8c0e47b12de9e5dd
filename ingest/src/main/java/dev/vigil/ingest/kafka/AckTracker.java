package dev.vigil.ingest.kafka;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Counts the outstanding sends of one batch and waits until Kafka acknowledged all of them, in constant memory
 * (no list of futures): a batch may hold tens of thousands of small events. The first failure is kept so that a
 * caller can stop reading early and report it.
 */
public final class AckTracker {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition settled = lock.newCondition();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final AtomicLong outstanding = new AtomicLong();

    /** Tracks one send. */
    public void track(CompletableFuture<?> send) {
        track(send, null);
    }

    /**
     * Tracks one send, and calls {@code onSuccess} with its result once it succeeded (before the send counts as
     * settled, so that {@link #awaitAll} returns only after it ran). One stage instead of two per record.
     */
    public <T> void track(CompletableFuture<T> send, Consumer<? super T> onSuccess) {
        outstanding.incrementAndGet();
        send.whenComplete((result, error) -> {
            Throwable failed = error;
            if (failed == null && onSuccess != null) {
                try {
                    onSuccess.accept(result);
                } catch (RuntimeException e) {
                    failed = e;
                }
            }
            settle(failed);
        });
    }

    /**
     * Counts one send whose outcome the caller reports itself, exactly once, through {@link #settle}: for a hot
     * path that completes sends from a producer callback, without a future per record.
     */
    public void expect() {
        outstanding.incrementAndGet();
    }

    /**
     * One send settled ({@code error} null when it succeeded). The waiting thread is woken only when it has
     * something to do (the last send settled, or one failed), not once per record: a 400-event batch would wake it
     * 400 times.
     */
    public void settle(Throwable error) {
        boolean first = error != null && failure.compareAndSet(null, error);
        if (outstanding.decrementAndGet() == 0 || first) {
            lock.lock();
            try {
                settled.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /** The first send that failed, or null. */
    public Throwable failure() {
        return failure.get();
    }

    /**
     * Waits until every tracked send was acknowledged; fails as soon as one send failed or when {@code timeout}
     * passes with sends still outstanding.
     */
    public void awaitAll(Duration timeout) throws KafkaUnavailableException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (outstanding.get() > 0 && failure.get() == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new KafkaUnavailableException("Kafka did not acknowledge " + outstanding.get()
                            + " record(s) within " + timeout.toMillis() + " ms", null);
                }
                settled.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
        Throwable error = failure.get();
        if (error != null) {
            throw new KafkaUnavailableException("Kafka did not accept a record: " + describe(error), error);
        }
    }

    private static String describe(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getMessage() == null) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }
}

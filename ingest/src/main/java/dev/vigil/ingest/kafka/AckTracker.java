package dev.vigil.ingest.kafka;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Counts the outstanding sends of one batch and waits until Kafka acknowledged all of them, in constant memory
 * (no list of futures): a batch may hold tens of thousands of small events. The first failure is kept so that a
 * caller can stop reading early and report it.
 */
public final class AckTracker {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition settled = lock.newCondition();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private long outstanding;

    /** Tracks one send. */
    public void track(CompletableFuture<?> send) {
        lock.lock();
        try {
            outstanding++;
        } finally {
            lock.unlock();
        }
        send.whenComplete((ignored, error) -> {
            if (error != null) {
                failure.compareAndSet(null, error);
            }
            lock.lock();
            try {
                outstanding--;
                settled.signalAll();
            } finally {
                lock.unlock();
            }
        });
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
            while (outstanding > 0 && failure.get() == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new KafkaUnavailableException("Kafka did not acknowledge " + outstanding
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

package dev.vigil.alerting.notify;

import dev.vigil.alerting.notify.target.DeliveryException;
import dev.vigil.alerting.notify.target.TargetProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs one delivery with exponential backoff: retryable failures are tried again up to {@code maxAttempts} in all,
 * waiting {@code initialBackoff · 2^(n-1)} (or the target's Retry-After), capped at {@code maxBackoff}; a
 * permanent failure ends at once.
 */
final class RetryPolicy {

    private static final Logger LOG = LoggerFactory.getLogger(RetryPolicy.class);

    /** One delivery attempt. */
    @FunctionalInterface
    interface Attempt {
        void run() throws DeliveryException, InterruptedException;
    }

    /** How a delivery ended: {@code failure} is {@code null} when it succeeded. */
    record Result(int attempts, DeliveryException failure) {
        boolean succeeded() {
            return failure == null;
        }
    }

    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;

    RetryPolicy(TargetProperties.Retry retry) {
        this.maxAttempts = retry.getMaxAttempts();
        this.initialBackoff = retry.getInitialBackoff();
        this.maxBackoff = retry.getMaxBackoff();
    }

    /**
     * Runs the attempt until it succeeds, fails permanently or runs out of attempts. A count-down of {@code stop}
     * ends a backoff at once with {@link InterruptedException}: the notifier is stopping.
     */
    Result run(Attempt attempt, CountDownLatch stop) throws InterruptedException {
        for (int number = 1; ; number++) {
            try {
                attempt.run();
                return new Result(number, null);
            } catch (DeliveryException e) {
                if (!e.retryable() || number >= maxAttempts) {
                    return new Result(number, e);
                }
                if (stop.await(backoff(number, e).toNanos(), TimeUnit.NANOSECONDS)) {
                    throw new InterruptedException("stopping during the backoff before attempt " + (number + 1));
                }
            } catch (RuntimeException e) {
                // A bug or an unexpected library error: retrying the same input would fail the same way.
                LOG.error("Delivery attempt {} failed unexpectedly", number, e);
                return new Result(number, DeliveryException.permanent("unexpected error: " + e.getClass().getName()));
            }
        }
    }

    /** The wait after failed attempt {@code number} (1-based). */
    Duration backoff(int number, DeliveryException failure) {
        Duration exponential = exponential(number);
        Duration wanted = failure.retryAfter().filter(after -> after.compareTo(exponential) > 0).orElse(exponential);
        return wanted.compareTo(maxBackoff) > 0 ? maxBackoff : wanted;
    }

    /** An upper bound of the time one delivery can take with these settings and the given per-attempt time. */
    Duration worstCase(Duration perAttempt) {
        return perAttempt.multipliedBy(maxAttempts).plus(maxBackoff.multipliedBy(maxAttempts - 1L));
    }

    private Duration exponential(int number) {
        Duration exponential = initialBackoff.multipliedBy(1L << Math.min(number - 1, 20));
        return exponential.compareTo(maxBackoff) > 0 ? maxBackoff : exponential;
    }
}

package dev.vigil.alerting.notify.target;

import java.time.Duration;
import java.util.Optional;

/**
 * A failed delivery attempt. {@link #retryable()} tells transient failures (connection errors, timeouts, HTTP 5xx,
 * 408, 425, 429) from permanent ones (other 4xx: retrying the same request cannot succeed). The message never contains
 * a secret: senders build it from status codes and masked destinations only.
 */
public final class DeliveryException extends Exception {

    private final boolean retryable;
    private final Duration retryAfter;

    private DeliveryException(String reason, boolean retryable, Duration retryAfter) {
        super(reason, null, false, false);
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    public static DeliveryException retryable(String reason) {
        return new DeliveryException(reason, true, null);
    }

    /** A transient failure where the target asked to wait (HTTP {@code Retry-After}). */
    public static DeliveryException retryable(String reason, Duration retryAfter) {
        return new DeliveryException(reason, true, retryAfter);
    }

    public static DeliveryException permanent(String reason) {
        return new DeliveryException(reason, false, null);
    }

    public boolean retryable() {
        return retryable;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}

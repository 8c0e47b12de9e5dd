package dev.vigil.alerting.notify;

import dev.vigil.alerting.notify.target.DeliveryException;
import dev.vigil.alerting.notify.target.TargetProperties;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryPolicyTest {

    private static final CountDownLatch NEVER = new CountDownLatch(1);

    private static RetryPolicy policy(int attempts, Duration initial, Duration max) {
        TargetProperties.Retry retry = new TargetProperties.Retry();
        retry.setMaxAttempts(attempts);
        retry.setInitialBackoff(initial);
        retry.setMaxBackoff(max);
        return new RetryPolicy(retry);
    }

    @Test
    void backsOffExponentiallyUpToTheMaximum() {
        RetryPolicy policy = policy(10, Duration.ofSeconds(1), Duration.ofSeconds(30));
        DeliveryException failure = DeliveryException.retryable("HTTP 503");

        assertThat(java.util.stream.IntStream.rangeClosed(1, 7).mapToObj(n -> policy.backoff(n, failure).toSeconds()))
                .containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L);
    }

    @Test
    void honoursRetryAfterWithinTheMaximum() {
        RetryPolicy policy = policy(5, Duration.ofSeconds(1), Duration.ofSeconds(30));

        assertThat(policy.backoff(1, DeliveryException.retryable("429", Duration.ofSeconds(12)))).hasSeconds(12);
        assertThat(policy.backoff(1, DeliveryException.retryable("429", Duration.ofHours(1)))).hasSeconds(30);
    }

    @Test
    void retriesRetryableFailuresUntilSuccess() throws InterruptedException {
        AtomicInteger calls = new AtomicInteger();
        RetryPolicy.Result result = policy(5, Duration.ofMillis(1), Duration.ofMillis(5)).run(() -> {
            if (calls.incrementAndGet() < 3) {
                throw DeliveryException.retryable("HTTP 500");
            }
        }, NEVER);

        assertThat(result.succeeded()).isTrue();
        assertThat(result.attempts()).isEqualTo(3);
        assertThat(calls).hasValue(3);
    }

    @Test
    void stopsAtOnceOnAPermanentFailureAndAfterMaxAttemptsOtherwise() throws InterruptedException {
        AtomicInteger calls = new AtomicInteger();
        RetryPolicy policy = policy(3, Duration.ofMillis(1), Duration.ofMillis(5));

        RetryPolicy.Result permanent = policy.run(() -> {
            calls.incrementAndGet();
            throw DeliveryException.permanent("HTTP 400");
        }, NEVER);
        RetryPolicy.Result exhausted = policy.run(() -> {
            throw DeliveryException.retryable("HTTP 502");
        }, NEVER);
        RetryPolicy.Result crashed = policy.run(() -> {
            throw new IllegalStateException("bug");
        }, NEVER);

        assertThat(permanent.attempts()).isEqualTo(1);
        assertThat(calls).hasValue(1);
        assertThat(permanent.failure().getMessage()).isEqualTo("HTTP 400");
        assertThat(exhausted.attempts()).isEqualTo(3);
        assertThat(exhausted.failure().retryable()).isTrue();
        assertThat(crashed.attempts()).isEqualTo(1);
        assertThat(crashed.failure().getMessage()).contains("IllegalStateException");
    }

    @Test
    void aStopEndsTheBackoffAtOnce() {
        CountDownLatch stop = new CountDownLatch(1);
        stop.countDown();
        AtomicInteger calls = new AtomicInteger();
        RetryPolicy policy = policy(5, Duration.ofHours(1), Duration.ofHours(1));

        assertThatThrownBy(() -> policy.run(() -> {
            calls.incrementAndGet();
            throw DeliveryException.retryable("HTTP 503");
        }, stop)).isInstanceOf(InterruptedException.class).hasMessageContaining("before attempt 2");
        assertThat(calls).hasValue(1);
    }

    @Test
    void boundsTheWorstCaseOfOneDelivery() {
        RetryPolicy policy = policy(5, Duration.ofSeconds(1), Duration.ofSeconds(30));

        assertThat(policy.worstCase(Duration.ofSeconds(15))).isEqualTo(Duration.ofSeconds(5 * 15 + 4 * 30));
    }
}

package dev.vigil.alerting.notify;

import dev.vigil.alerting.notify.target.HeldBackSummary;
import dev.vigil.alerting.notify.target.TargetProperties;
import dev.vigil.model.alert.Severity;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimiterTest {

    private final MutableClock clock = new MutableClock(TestAlerts.AT);

    private RateLimiter limiter(int max, Duration period) {
        TargetProperties.RateLimit limit = new TargetProperties.RateLimit();
        limit.setMax(max);
        limit.setPeriod(period);
        return new RateLimiter("soc", limit, clock);
    }

    @Test
    void letsABurstUpToTheMaximumThroughAndHoldsBackTheRest() {
        RateLimiter limiter = limiter(3, Duration.ofMinutes(1));

        var admitted = IntStream.range(0, 5)
                .mapToObj(i -> limiter.tryAcquire(TestAlerts.anonymousAdmin("a" + i))).toList();

        assertThat(admitted).containsExactly(true, true, true, false, false);
    }

    @Test
    void refillsEvenlyOverThePeriod() {
        RateLimiter limiter = limiter(6, Duration.ofMinutes(1));
        IntStream.range(0, 6).forEach(i -> limiter.tryAcquire(TestAlerts.anonymousAdmin("a" + i)));
        assertThat(limiter.tryAcquire(TestAlerts.anonymousAdmin("over"))).isFalse();

        clock.advance(Duration.ofSeconds(10));

        assertThat(limiter.tryAcquire(TestAlerts.anonymousAdmin("refilled"))).isTrue();
        assertThat(limiter.tryAcquire(TestAlerts.anonymousAdmin("again-over"))).isFalse();
    }

    @Test
    void summarisesHeldBackAlertsOnceAPeriodHasPassed() {
        RateLimiter limiter = limiter(1, Duration.ofMinutes(1));
        limiter.tryAcquire(TestAlerts.anonymousAdmin("sent"));
        limiter.tryAcquire(TestAlerts.alert("h1", "privileged-pod", "p", Severity.HIGH));
        clock.advance(Duration.ofSeconds(1));
        limiter.tryAcquire(TestAlerts.alert("h2", "privileged-pod", "p", Severity.MEDIUM));
        limiter.tryAcquire(TestAlerts.alert("h3", "cni-change", "c", Severity.LOW));

        assertThat(limiter.summaryIfDue()).isEmpty();
        clock.advance(Duration.ofSeconds(59));
        HeldBackSummary summary = limiter.summaryIfDue().orElseThrow();

        assertThat(summary.notifier()).isEqualTo("soc");
        assertThat(summary.heldBack()).isEqualTo(3);
        assertThat(summary.byRule()).containsExactly(
                java.util.Map.entry("cni-change", 1L), java.util.Map.entry("privileged-pod", 2L));
        assertThat(summary.highest()).isEqualTo(Severity.HIGH);
        assertThat(summary.alertIds()).containsExactly("h1", "h2", "h3");
        assertThat(summary.from()).isEqualTo(TestAlerts.AT);
        assertThat(summary.until()).isEqualTo(TestAlerts.AT.plusSeconds(60));
        assertThat(summary.describe()).startsWith("3 alerts held back by rate limit 1/PT1M");
        assertThat(limiter.summaryIfDue()).as("the tally starts afresh").isEmpty();
    }

    @Test
    void zeroMeansUnlimited() {
        RateLimiter limiter = limiter(0, Duration.ofMinutes(1));

        assertThat(IntStream.range(0, 1000).allMatch(i -> limiter.tryAcquire(TestAlerts.anonymousAdmin("u" + i)))).isTrue();
        assertThat(limiter.drain()).isEmpty();
    }
}

package dev.vigil.console.security;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class LoginThrottleTest {

    private final MovableClock clock = new MovableClock();
    private final LoginThrottle throttle = new LoginThrottle(
            new LoginThrottleProperties(3, 5, Duration.ofMinutes(15), Duration.ofSeconds(30), Duration.ofMinutes(4), 16),
            clock);

    @Test
    void aUserIsLockedOutAfterTheAllowedFailuresAndTheLockoutDoublesWithEachFurtherOne() {
        throttle.failed("vera", "10.0.0.1");
        throttle.failed("vera", "10.0.0.2");
        assertThat(throttle.retryAfter("vera", "10.0.0.3")).isEmpty();
        throttle.failed("vera", "10.0.0.3");

        assertThat(throttle.retryAfter("vera", "10.0.0.9")).hasValue(Duration.ofSeconds(30));
        clock.advance(Duration.ofSeconds(30));
        assertThat(throttle.retryAfter("vera", "10.0.0.9")).isEmpty();
        throttle.failed("vera", "10.0.0.9");
        assertThat(throttle.retryAfter("vera", "10.0.0.9")).hasValue(Duration.ofSeconds(60));
        for (int i = 0; i < 10; i++) {
            throttle.failed("vera", "10.0.1." + i);
        }
        assertThat(throttle.retryAfter("vera", "10.0.0.9")).as("capped").hasValue(Duration.ofMinutes(4));
    }

    @Test
    void anAddressIsLockedOutForEveryUserName() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("user-" + i, "10.0.0.1");
        }
        assertThat(throttle.retryAfter("ada", "10.0.0.1")).isPresent();
        assertThat(throttle.retryAfter("ada", "10.0.0.2")).isEmpty();
    }

    @Test
    void successForgetsTheUsersFailuresAndFailuresExpireAfterTheWindow() {
        throttle.failed("vera", "10.0.0.1");
        throttle.failed("vera", "10.0.0.1");
        throttle.succeeded("vera");
        throttle.failed("vera", "10.0.0.1");
        assertThat(throttle.retryAfter("vera", "10.0.0.7")).isEmpty();

        throttle.failed("ada", "10.0.0.2");
        throttle.failed("ada", "10.0.0.2");
        clock.advance(Duration.ofMinutes(16));
        throttle.failed("ada", "10.0.0.2");
        assertThat(throttle.retryAfter("ada", "10.0.0.8")).isEmpty();
    }

    @Test
    void guessingWithEverNewUserNamesDoesNotGrowTheMemory() {
        for (int i = 0; i < 10_000; i++) {
            throttle.failed("guess-" + i, "10.0." + (i / 250) + "." + (i % 250));
        }
        assertThat(throttle.size()).isLessThanOrEqualTo(16);
    }

    /** A clock that moves only when told. */
    static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2025-01-01T00:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}

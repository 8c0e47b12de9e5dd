package dev.vigil.alerting.notify;

import dev.vigil.alerting.notify.target.HeldBackSummary;
import dev.vigil.alerting.notify.target.TargetProperties;
import dev.vigil.model.alert.Alert;
import dev.vigil.model.alert.Severity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Token bucket per notifier: at most {@code max} notifications at once, refilled evenly to {@code max} per period.
 * Alerts over the limit are not lost silently: they are tallied, and once a period has passed since the first of
 * them, {@link #summaryIfDue()} hands out one {@link HeldBackSummary} for the notifier to send, log and count.
 */
final class RateLimiter {

    private final String notifier;
    private final int max;
    private final Duration period;
    private final Clock clock;
    private double tokens;
    private Instant refilledAt;
    private HeldBack heldBack;

    RateLimiter(String notifier, TargetProperties.RateLimit limit, Clock clock) {
        this.notifier = notifier;
        this.max = limit.getMax();
        this.period = limit.getPeriod();
        this.clock = clock;
        this.tokens = max;
        this.refilledAt = clock.instant();
    }

    /** Takes a token for the alert, or holds the alert back (tallied for the next summary) and returns false. */
    boolean tryAcquire(Alert alert) {
        if (max == 0) {
            return true;
        }
        refill();
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        if (heldBack == null) {
            heldBack = new HeldBack(clock.instant());
        }
        heldBack.add(alert);
        return false;
    }

    /** The summary of held-back alerts once a period has passed since the first one; it then starts afresh. */
    Optional<HeldBackSummary> summaryIfDue() {
        if (heldBack == null || clock.instant().isBefore(heldBack.since.plus(period))) {
            return Optional.empty();
        }
        return drain();
    }

    /** The summary of whatever is held back now, due or not (used when the notifier stops). */
    Optional<HeldBackSummary> drain() {
        if (heldBack == null) {
            return Optional.empty();
        }
        HeldBack held = heldBack;
        heldBack = null;
        return Optional.of(new HeldBackSummary(notifier, held.count, held.since, clock.instant(), max, period,
                Collections.unmodifiableMap(held.byRule), held.highest, List.copyOf(held.ids)));
    }

    private void refill() {
        Instant now = clock.instant();
        long elapsedNanos = Duration.between(refilledAt, now).toNanos();
        if (elapsedNanos > 0) {
            tokens = Math.min(max, tokens + (double) elapsedNanos * max / period.toNanos());
            refilledAt = now;
        }
    }

    /** Running tally of the alerts held back since {@code since}. */
    private static final class HeldBack {
        private final Instant since;
        private final Map<String, Long> byRule = new TreeMap<>();
        private final List<String> ids = new ArrayList<>();
        private long count;
        private Severity highest = Severity.INFO;

        HeldBack(Instant since) {
            this.since = since;
        }

        void add(Alert alert) {
            count++;
            byRule.merge(alert.rule() == null ? "unknown" : alert.rule().id(), 1L, Long::sum);
            Severity severity = NotificationPolicy.severityOf(alert);
            if (severity.atLeast(highest)) {
                highest = severity;
            }
            if (ids.size() < HeldBackSummary.MAX_IDS) {
                ids.add(alert.id());
            }
        }
    }
}

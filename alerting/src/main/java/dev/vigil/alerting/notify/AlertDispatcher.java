package dev.vigil.alerting.notify;

import dev.vigil.alerting.notify.target.AlertSender;
import dev.vigil.alerting.notify.target.HeldBackSummary;
import dev.vigil.alerting.notify.target.TargetProperties;
import dev.vigil.alerting.notify.NotificationPolicy.Verdict;
import dev.vigil.model.alert.Alert;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One notifier's decision and delivery path for a single alert, free of Kafka: filter → rate limit → send with
 * retries. It counts every outcome; what happens to the Kafka record afterwards (commit, DLQ) is the caller's job.
 */
final class AlertDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(AlertDispatcher.class);

    /** How the alert was handled. */
    sealed interface Outcome {
        /** Delivered, after {@code attempts} attempts. */
        record Sent(int attempts) implements Outcome {
        }

        /** Not wanted by this notifier (severity, rule filter, dedup repeat). */
        record Skipped(Verdict verdict) implements Outcome {
        }

        /** Over the rate limit: tallied for the next summary. */
        record HeldBack() implements Outcome {
        }

        /** Not delivered after {@code attempts} attempts; the alert belongs in the DLQ with this reason. */
        record GaveUp(String reason, int attempts) implements Outcome {
        }
    }

    private final TargetProperties target;
    private final AlertSender sender;
    private final NotificationPolicy policy;
    private final RateLimiter limiter;
    private final RetryPolicy retry;
    private final NotifierMetrics metrics;
    private final CountDownLatch stopping = new CountDownLatch(1);

    AlertDispatcher(TargetProperties target, AlertSender sender, NotificationPolicy policy, RateLimiter limiter,
                    RetryPolicy retry, NotifierMetrics metrics) {
        this.target = target;
        this.sender = sender;
        this.policy = policy;
        this.limiter = limiter;
        this.retry = retry;
        this.metrics = metrics;
    }

    String name() {
        return target.getName();
    }

    /** Ends a retry backoff or pause in progress, and any later one, at once: the notifier is stopping. */
    void stop() {
        stopping.countDown();
    }

    /** Waits, unless the notifier is stopping: then throws {@link InterruptedException} at once. */
    void pause(Duration duration) throws InterruptedException {
        if (stopping.await(duration.toNanos(), TimeUnit.NANOSECONDS)) {
            throw new InterruptedException("stopping");
        }
    }

    /** Filters, rate-limits and delivers one alert; throws only when interrupted (the notifier is stopping). */
    Outcome dispatch(Alert alert) throws InterruptedException {
        Verdict verdict = policy.decide(alert);
        if (verdict != Verdict.NOTIFY) {
            LOG.debug("Notifier {} skips alert {}: {}", name(), alert.id(), verdict);
            return new Outcome.Skipped(verdict);
        }
        if (!limiter.tryAcquire(alert)) {
            metrics.rateLimited();
            LOG.debug("Notifier {} holds back alert {} (rate limit {})", name(), alert.id(), target.getRateLimit());
            return new Outcome.HeldBack();
        }
        RetryPolicy.Result result = retry.run(() -> sender.send(alert), stopping);
        if (result.succeeded()) {
            metrics.sent();
            LOG.debug("Notifier {} sent alert {} in {} attempt(s)", name(), alert.id(), result.attempts());
            return new Outcome.Sent(result.attempts());
        }
        metrics.failed();
        String reason = target.type() + " notifier " + name() + " (" + target.destination() + ") gave up after "
                + result.attempts() + " attempt(s): " + result.failure().getMessage();
        LOG.warn("Alert {} not delivered: {}", alert.id(), reason);
        return new Outcome.GaveUp(reason, result.attempts());
    }

    /** Sends (and logs) the summary of held-back alerts once one is due; a failed summary is logged, not retried later. */
    void flushHeldBack() throws InterruptedException {
        var due = limiter.summaryIfDue();
        if (due.isEmpty()) {
            return;
        }
        HeldBackSummary summary = due.get();
        LOG.warn("Notifier {}: {}", name(), summary.describe());
        RetryPolicy.Result result = retry.run(() -> sender.sendSummary(summary), stopping);
        if (!result.succeeded()) {
            metrics.summaryFailed();
            LOG.error("Notifier {} could not deliver its rate-limit summary after {} attempt(s): {}", name(),
                    result.attempts(), result.failure().getMessage());
        }
    }

    /** On stop: logs what is still held back (there is no time left to send it). */
    void logHeldBack() {
        limiter.drain().ifPresent(summary -> LOG.warn("Notifier {} stopping: {}", name(), summary.describe()));
    }
}

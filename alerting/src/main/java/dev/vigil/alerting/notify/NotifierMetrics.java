package dev.vigil.alerting.notify;

import dev.vigil.alerting.notify.target.TargetProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The counters of one notifier, tagged {@code notifier} and {@code type}: {@code vigil.notify.sent},
 * {@code vigil.notify.failed} (given up, sent to the DLQ) and {@code vigil.notify.rate.limited} (held back); and
 * {@code vigil.notifier.failures}, tagged {@code target} (the notifier's name) and {@code type}: every notification
 * its target did not take after the retries, an alert or a rate-limit summary.
 */
final class NotifierMetrics {

    private final Counter sent;
    private final Counter failed;
    private final Counter rateLimited;
    private final Counter failures;

    NotifierMetrics(MeterRegistry registry, TargetProperties target) {
        this.sent = counter(registry, "vigil.notify.sent", "Notifications delivered", target);
        this.failed = counter(registry, "vigil.notify.failed", "Notifications given up after retries (sent to the DLQ)", target);
        this.rateLimited = counter(registry, "vigil.notify.rate.limited", "Alerts held back by the rate limit and summarised", target);
        this.failures = Counter.builder("vigil.notifier.failures")
                .description("Notifications (alerts and rate-limit summaries) a notifier's target did not take after "
                        + "the retries")
                .tag("target", target.getName()).tag("type", target.type())
                .register(registry);
    }

    private static Counter counter(MeterRegistry registry, String name, String description, TargetProperties target) {
        return Counter.builder(name).description(description)
                .tag("notifier", target.getName()).tag("type", target.type())
                .register(registry);
    }

    void sent() {
        sent.increment();
    }

    void failed() {
        failed.increment();
        failures.increment();
    }

    void summaryFailed() {
        failures.increment();
    }

    void rateLimited() {
        rateLimited.increment();
    }
}

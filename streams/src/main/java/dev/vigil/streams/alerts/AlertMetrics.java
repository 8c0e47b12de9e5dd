package dev.vigil.streams.alerts;

import dev.vigil.model.alert.Alert;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.time.Instant;

/**
 * What a SOC alerts on about detection itself: {@code vigil.alerts.raised} (new alerts, by rule and severity) and
 * {@code vigil.detection.latency} (from ingest receiving the event to the stream producing its alert, new or
 * updated; a histogram, so that p99 and "slower than 5 s" can be graphed and alerted on).
 */
public class AlertMetrics {

    /** Records nothing: topologies built without a meter registry (tests, the offline CLI). */
    public static final AlertMetrics NONE = new AlertMetrics();

    private final MeterRegistry registry;
    private final Timer latency;

    private AlertMetrics() {
        this.registry = null;
        this.latency = null;
    }

    private AlertMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.latency = Timer.builder("vigil.detection.latency")
                .description("Time from ingest receiving an audit event to the stream producing its alert (new or "
                        + "updated)")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(10))
                .maximumExpectedValue(Duration.ofMinutes(10))
                .register(registry);
    }

    public static AlertMetrics of(MeterRegistry registry) {
        return registry == null ? NONE : new AlertMetrics(registry);
    }

    /** One alert produced at {@code now}: {@code raised} when it is new, not a repeat that updated its count. */
    void produced(Alert alert, boolean raised, Instant receivedAt, Instant now) {
        if (registry == null) {
            return;
        }
        if (raised) {
            Counter.builder("vigil.alerts.raised")
                    .description("Alerts raised (the first hit of an alert id; repeats only update it), by rule and "
                            + "severity")
                    .tag("rule", alert.rule() == null ? "unknown" : alert.rule().id())
                    .tag("severity", alert.severity() == null ? "unknown" : alert.severity().word())
                    .register(registry)
                    .increment();
        }
        if (receivedAt != null && !now.isBefore(receivedAt)) {
            latency.record(Duration.between(receivedAt, now));
        }
    }
}

package dev.vigil.streams.topology;

import dev.vigil.streams.alerts.AlertMetrics;
import dev.vigil.streams.alerts.DedupSettings;
import dev.vigil.streams.pods.PodSettings;
import dev.vigil.streams.redact.Redactor;

import java.time.Clock;
import java.util.Objects;

/** Everything the Vigil topology is built from besides topics and rules; {@code alertMetrics} where alerts are counted. */
public record TopologySettings(Redactor redactor, DedupSettings dedup, PodSettings pods, Clock clock,
                               AlertMetrics alertMetrics) {

    public TopologySettings {
        Objects.requireNonNull(redactor, "redactor");
        Objects.requireNonNull(dedup, "dedup");
        Objects.requireNonNull(pods, "pods");
        Objects.requireNonNull(clock, "clock");
        alertMetrics = alertMetrics == null ? AlertMetrics.NONE : alertMetrics;
    }

    public TopologySettings(Redactor redactor, DedupSettings dedup, PodSettings pods, Clock clock) {
        this(redactor, dedup, pods, clock, AlertMetrics.NONE);
    }

    public TopologySettings withAlertMetrics(AlertMetrics metrics) {
        return new TopologySettings(redactor, dedup, pods, clock, metrics);
    }

    public static TopologySettings defaults() {
        return new TopologySettings(Redactor.withDefaults(), DedupSettings.defaults(), PodSettings.defaults(),
                Clock.systemUTC());
    }
}

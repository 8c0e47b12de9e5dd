package dev.vigil.streams.topology;

import dev.vigil.streams.alerts.DedupSettings;
import dev.vigil.streams.pods.PodSettings;
import dev.vigil.streams.redact.Redactor;

import java.time.Clock;
import java.util.Objects;

/** Everything the Vigil topology is built from besides topics and rules. */
public record TopologySettings(Redactor redactor, DedupSettings dedup, PodSettings pods, Clock clock) {

    public TopologySettings {
        Objects.requireNonNull(redactor, "redactor");
        Objects.requireNonNull(dedup, "dedup");
        Objects.requireNonNull(pods, "pods");
        Objects.requireNonNull(clock, "clock");
    }

    public static TopologySettings defaults() {
        return new TopologySettings(Redactor.withDefaults(), DedupSettings.defaults(), PodSettings.defaults(),
                Clock.systemUTC());
    }
}

package dev.vigil.streams.alerts;

import java.time.Duration;
import java.util.Objects;

/**
 * How alerts are deduplicated.
 *
 * @param defaultWindow window of rules that do not set one
 * @param grace         how long an alert's dedup state is kept after its last hit beyond the window, so that
 *                      late repeats still update it
 * @param purgeInterval how often (wall clock) expired dedup state is removed
 */
public record DedupSettings(Duration defaultWindow, Duration grace, Duration purgeInterval) {

    public DedupSettings {
        Objects.requireNonNull(defaultWindow, "defaultWindow");
        Objects.requireNonNull(grace, "grace");
        Objects.requireNonNull(purgeInterval, "purgeInterval");
        if (purgeInterval.isZero() || purgeInterval.isNegative()) {
            throw new IllegalArgumentException("purgeInterval must be positive: " + purgeInterval);
        }
    }

    public static DedupSettings defaults() {
        return new DedupSettings(Duration.ofHours(1), Duration.ofMinutes(10), Duration.ofMinutes(1));
    }
}

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
 * @param exactCountLimit distinct events an alert counts exactly (8 bytes of state each); beyond, its count is a
 *                      HyperLogLog estimate in 16 KiB (see {@link SeenEvents}). Redelivery never counts either way
 */
public record DedupSettings(Duration defaultWindow, Duration grace, Duration purgeInterval, int exactCountLimit) {

    /** Default of {@link #exactCountLimit()}: 16 KiB of hashes, the size of the sketch that follows. */
    public static final int DEFAULT_EXACT_COUNT_LIMIT = 2048;

    public DedupSettings(Duration defaultWindow, Duration grace, Duration purgeInterval) {
        this(defaultWindow, grace, purgeInterval, DEFAULT_EXACT_COUNT_LIMIT);
    }

    public DedupSettings {
        if (exactCountLimit < 0) {
            throw new IllegalArgumentException("exactCountLimit must not be negative: " + exactCountLimit);
        }
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

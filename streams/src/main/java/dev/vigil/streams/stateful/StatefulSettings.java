package dev.vigil.streams.stateful;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits of the stateful rules' state besides the rules' own parameters.
 *
 * @param purgeInterval how often (wall clock) new-terms baselines drop the combinations older than their history
 * @param maxDistinct   distinct values (or events) a threshold window remembers exactly; past it every hit counts,
 *                      so a flood can only be over-counted, never missed
 * @param maxPaired     second-step events a sequence alert remembers to count each once
 */
public record StatefulSettings(Duration purgeInterval, int maxDistinct, int maxPaired) {

    public StatefulSettings {
        Objects.requireNonNull(purgeInterval, "purgeInterval");
        if (purgeInterval.isZero() || purgeInterval.isNegative() || maxDistinct < 1 || maxPaired < 1) {
            throw new IllegalArgumentException("purgeInterval, maxDistinct and maxPaired must be positive");
        }
    }

    public static StatefulSettings defaults() {
        return new StatefulSettings(Duration.ofHours(1), 2048, 1000);
    }
}

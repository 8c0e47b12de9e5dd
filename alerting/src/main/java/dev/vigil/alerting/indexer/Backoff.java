package dev.vigil.alerting.indexer;

import java.time.Duration;

/** Exponential backoff between attempts: doubles from the initial wait up to the maximum, reset after a success. */
final class Backoff {

    private final Duration initial;
    private final Duration max;
    private Duration current;

    Backoff(Duration initial, Duration max) {
        this.initial = initial;
        this.max = max;
        this.current = initial;
    }

    /** The wait before the next attempt; each call doubles the following one. */
    Duration next() {
        Duration wait = current;
        Duration doubled = current.multipliedBy(2);
        current = doubled.compareTo(max) > 0 ? max : doubled;
        return wait;
    }

    void reset() {
        current = initial;
    }
}

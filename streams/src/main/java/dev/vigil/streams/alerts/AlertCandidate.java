package dev.vigil.streams.alerts;

import dev.vigil.model.alert.Alert;

import java.time.Instant;

/**
 * An alert for one detection before dedup, travelling to the dedup task of its id; {@code windowMillis} is the
 * rule's dedup window (0: every request is its own alert); {@code receivedAt} when ingest received the event (for the
 * detection latency; null in records written before it was added).
 */
public record AlertCandidate(Alert alert, long windowMillis, Instant receivedAt) {

    public AlertCandidate(Alert alert, long windowMillis) {
        this(alert, windowMillis, null);
    }
}

package dev.vigil.streams.alerts;

import dev.vigil.model.alert.Alert;

/**
 * An alert for one detection before dedup, travelling to the dedup task of its id; {@code windowMillis} is the
 * rule's dedup window (0: every request is its own alert).
 */
public record AlertCandidate(Alert alert, long windowMillis) {
}

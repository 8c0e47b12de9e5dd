package dev.vigil.streams.alerts;

import dev.vigil.model.alert.Alert;

/**
 * The dedup state of one alert id: the alert as last emitted, when (wall clock) the state may be purged, and the
 * events the alert has counted (bounded, see {@link SeenEvents}). Stored with {@link DedupEntrySerde}.
 */
record DedupEntry(Alert alert, long expiresAtMillis, SeenEvents seen) {
}

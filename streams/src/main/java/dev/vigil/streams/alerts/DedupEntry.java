package dev.vigil.streams.alerts;

import dev.vigil.model.alert.Alert;

/** The dedup state of one alert id: the alert as last emitted, and when (wall clock) the state may be purged. */
record DedupEntry(Alert alert, long expiresAtMillis) {
}

package dev.vigil.streams.stateful;

import dev.vigil.model.alert.Alert;

/** One event of one step of a sequence rule, kept for its partner: its audit id, event time and alert prototype. */
record SequenceStep(String auditId, long time, Alert alert) {
}

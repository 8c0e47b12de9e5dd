package dev.vigil.streams.posture;

import dev.vigil.model.alert.Alert;

/**
 * A posture finding as last sent to {@code vigil.alerts}, kept until its subject is gone: the alert (open or
 * resolved) and the store key of the object it is about.
 */
record FindingState(Alert alert, String subjectKey) {
}

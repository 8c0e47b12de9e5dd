package dev.vigil.streams.rules.file;

import dev.vigil.model.alert.Severity;

/** Raises or lowers a rule's severity for the events where {@code when} (CEL) is true, e.g. deletes → high. */
public record SeverityOverride(String when, Severity severity) {
}

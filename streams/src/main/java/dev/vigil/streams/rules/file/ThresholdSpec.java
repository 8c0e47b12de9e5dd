package dev.vigil.streams.rules.file;

import java.util.List;

/**
 * The {@code threshold} block of a {@code kind: threshold} rule: events that pass the rule's match, condition and
 * exceptions are counted per key (the cluster plus the values of the CEL expressions in {@code key}) in tumbling
 * event-time windows of {@code params.window}; the rule fires when the count reaches {@code params.threshold}.
 *
 * @param key      CEL value expressions the count is kept per, e.g. {@code user.username}
 * @param distinct a CEL value expression: count distinct values of it (e.g. {@code objectRef.name}) instead of
 *                 events; unset: count distinct events (audit ids), so the stages of one request count once
 */
public record ThresholdSpec(List<String> key, String distinct) {

    public ThresholdSpec {
        key = key == null ? List.of() : List.copyOf(key);
    }
}

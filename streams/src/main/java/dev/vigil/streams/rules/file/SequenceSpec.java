package dev.vigil.streams.rules.file;

import java.util.List;

/**
 * The {@code sequence} block of a {@code kind: sequence} rule: exactly two steps, the first then the second with
 * the same join key within {@code params.within} (event time). Either step may arrive first on the wire (late by
 * up to {@code params.grace}); order is judged by the events' own times.
 */
public record SequenceSpec(List<StepSpec> steps) {

    public SequenceSpec {
        steps = steps == null ? List.of() : List.copyOf(steps);
    }
}

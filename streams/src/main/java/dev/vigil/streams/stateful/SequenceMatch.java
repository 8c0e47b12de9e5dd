package dev.vigil.streams.stateful;

import dev.vigil.model.alert.Alert;

import java.util.List;

/**
 * The alert of one first-step event of a sequence rule and the second-step events it counted (audit ids, bounded by
 * {@link StatefulSettings#maxPaired()}), so a restart or a late first step never counts one twice.
 */
record SequenceMatch(Alert alert, List<String> paired) {

    SequenceMatch {
        paired = paired == null ? List.of() : List.copyOf(paired);
    }
}

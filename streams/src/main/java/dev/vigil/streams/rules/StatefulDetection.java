package dev.vigil.streams.rules;

import java.util.List;

/**
 * One audit event that passed one step of a stateful rule (match, condition, exceptions), before state: the
 * stateful topology counts, joins or remembers it.
 *
 * @param step      0, or for a sequence the index of the step (0 first, 1 second)
 * @param keys      state keys (the cluster and the key values, joined by {@code |}); a sequence step may have several
 *                  join values, e.g. every subject of a binding
 * @param value     the distinct value (threshold with {@code distinct}) or the combination of terms (new_terms);
 *                  null otherwise
 * @param detection the rule's message, details and severity for this event
 */
public record StatefulDetection(StatefulRule rule, int step, List<String> keys, String value, Detection detection) {

    public StatefulDetection {
        keys = List.copyOf(keys);
    }
}

package dev.vigil.streams.rules;

import dev.vigil.model.rule.RuleMeta;

import java.time.Duration;
import java.util.List;

/**
 * A stateful rule's metadata and parameters as the stateful topology needs them (its CEL lives in the engine).
 * Parameters come from the rule file's {@code params}, replaced by {@code vigil.rules.params.<rule-id>.<param>}.
 *
 * @param threshold threshold: the count that fires
 * @param window    threshold: size of the tumbling event-time windows
 * @param within    sequence: the longest time from the first step to the second
 * @param history   new_terms: how long a seen combination stays known without being seen again
 * @param learning  new_terms: time after the first event (per task) during which new terms are learned silently
 * @param grace     how late (event time behind the newest event seen) an event may arrive and still count
 * @param maxTerms  new_terms: combinations kept per key; past it the least recently seen is forgotten
 * @param distinct  threshold: counts distinct values of an expression rather than events
 * @param steps     sequence: the names of its two steps
 */
public record StatefulRule(RuleMeta meta, StatefulKind kind, long threshold, Duration window, Duration within,
                           Duration history, Duration learning, Duration grace, int maxTerms, boolean distinct,
                           List<String> steps) {

    public StatefulRule {
        steps = steps == null ? List.of() : List.copyOf(steps);
    }

    public String id() {
        return meta.id();
    }

    /** How long the state of one event can matter: what a store's retention must cover for this rule. */
    public Duration retention() {
        return switch (kind) {
            case THRESHOLD -> window.plus(grace);
            case SEQUENCE -> within.plus(grace);
            case NEW_TERMS -> history;
        };
    }
}

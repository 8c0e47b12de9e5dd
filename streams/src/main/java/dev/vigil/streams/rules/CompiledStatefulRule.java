package dev.vigil.streams.rules;

import dev.cel.runtime.CelEvaluationException;
import dev.vigil.streams.rules.cel.CelValues;
import dev.vigil.streams.rules.cel.CompiledExpression;
import dev.vigil.streams.rules.cel.EventActivation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A stateful rule ready to run: its parameters and one compiled audit rule per step (a threshold or new-terms rule
 * has one step, a sequence two). {@link #detect} is the stateless half: which state keys and value this event
 * contributes; the stateful topology does the rest.
 */
final class CompiledStatefulRule {

    /**
     * One step: the audit rule (match, condition, exceptions, message, details; its dedup key is the state key of a
     * threshold or new-terms rule), the sequence join key, and the distinct value or terms.
     */
    record Step(int index, CompiledRule rule, CompiledExpression joinKey, List<CompiledExpression> values,
                boolean each) {
    }

    private final StatefulRule rule;
    private final List<Step> steps;

    CompiledStatefulRule(StatefulRule rule, List<Step> steps) {
        this.rule = rule;
        this.steps = List.copyOf(steps);
    }

    StatefulRule rule() {
        return rule;
    }

    List<Step> steps() {
        return steps;
    }

    /**
     * The step's contributions for this event: none when the step does not apply (condition, exceptions), one per
     * term for a new-terms rule judging each term on its own (state key suffixed with the term's index), else one.
     */
    List<StatefulDetection> detect(Step step, EventActivation event) throws CelEvaluationException {
        Detection detection = step.rule().detect(event);
        if (detection == null) {
            return List.of();
        }
        if (step.each()) {
            List<StatefulDetection> each = new ArrayList<>(step.values().size());
            for (int i = 0; i < step.values().size(); i++) {
                String value = CelValues.toText(step.values().get(i).eval(event));
                each.add(new StatefulDetection(rule, step.index(), List.of(detection.dedupKey() + "|" + i), value,
                        detection));
            }
            return each;
        }
        List<String> keys;
        if (step.joinKey() != null) {
            String cluster = event.record().cluster() == null ? "" : event.record().cluster();
            keys = new ArrayList<>();
            for (String value : texts(step.joinKey().eval(event))) {
                keys.add(cluster + "|" + value);
            }
            if (keys.isEmpty()) {
                return List.of();
            }
        } else {
            keys = List.of(detection.dedupKey());
        }
        String value = null;
        if (!step.values().isEmpty()) {
            StringBuilder joined = new StringBuilder();
            for (CompiledExpression part : step.values()) {
                if (!joined.isEmpty()) {
                    joined.append('|');
                }
                joined.append(CelValues.toText(part.eval(event)));
            }
            value = joined.toString();
        }
        return List.of(new StatefulDetection(rule, step.index(), keys, value, detection));
    }

    /** A join key's values: a string, or each non-empty string of a list. */
    private static Set<String> texts(Object value) {
        Set<String> texts = new LinkedHashSet<>();
        if (value instanceof Collection<?> values) {
            for (Object item : values) {
                String text = CelValues.toText(item);
                if (!text.isEmpty()) {
                    texts.add(text);
                }
            }
        } else if (value != null) {
            String text = CelValues.toText(value);
            if (!text.isEmpty()) {
                texts.add(text);
            }
        }
        return texts;
    }
}

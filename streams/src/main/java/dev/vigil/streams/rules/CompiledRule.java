package dev.vigil.streams.rules;

import dev.vigil.model.rule.RuleMeta;
import dev.cel.runtime.CelEvaluationException;
import dev.vigil.model.alert.Severity;
import dev.vigil.model.json.VigilJson;
import dev.vigil.streams.rules.cel.CelValues;
import dev.vigil.streams.rules.cel.CompiledExpression;
import dev.vigil.streams.rules.cel.EventActivation;
import dev.vigil.streams.rules.cel.MessageTemplate;
import dev.vigil.streams.rules.cel.SummaryVariables;
import dev.vigil.streams.rules.file.RuleSpec;
import tools.jackson.databind.node.ObjectNode;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * An audit rule ready to run: match sets for the index, the condition and every other expression compiled once.
 * {@link #detect} is the whole per-event path of one rule.
 */
final class CompiledRule {

    record Override(CompiledExpression when, Severity severity) {
    }

    private final RuleMeta meta;
    private final RuleSpec spec;
    private final String file;
    private final RuleMatcher matcher;
    private final CompiledExpression condition;
    private final List<ExceptionMatcher> exceptions;
    private final List<Override> overrides;
    private final List<CompiledExpression> dedupKey;
    private final MessageTemplate message;
    private final Map<String, CompiledExpression> details;
    private final LongAdder errors = new LongAdder();

    CompiledRule(RuleMeta meta, RuleSpec spec, String file, RuleMatcher matcher, CompiledExpression condition,
                 List<ExceptionMatcher> exceptions, List<Override> overrides, List<CompiledExpression> dedupKey,
                 MessageTemplate message, Map<String, CompiledExpression> details) {
        this.meta = meta;
        this.spec = spec;
        this.file = file;
        this.matcher = matcher;
        this.condition = condition;
        this.exceptions = List.copyOf(exceptions);
        this.overrides = List.copyOf(overrides);
        this.dedupKey = List.copyOf(dedupKey);
        this.message = message;
        this.details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    RuleMeta meta() {
        return meta;
    }

    RuleSpec spec() {
        return spec;
    }

    String file() {
        return file;
    }

    RuleMatcher matcher() {
        return matcher;
    }

    long errors() {
        return errors.sum();
    }

    void countError() {
        errors.increment();
    }

    /**
     * False only when the condition cannot hold on any event with these request attributes, so that {@link #detect}
     * returns null for each (exceptions only ever suppress, so they need not be looked at).
     */
    boolean mayFire(SummaryVariables request) {
        return condition.mayHold(request);
    }

    /** What {@link #mayFire} reads of the request. */
    Set<String> screenReads() {
        return condition.screenReads();
    }

    /** The detection for this event, or null when the rule does not fire (condition false or an exception). */
    Detection detect(EventActivation event) throws CelEvaluationException {
        if (!condition.test(event)) {
            return null;
        }
        for (ExceptionMatcher exception : exceptions) {
            if (exception.matches(event)) {
                return null;
            }
        }
        return new Detection(meta, severity(event), dedupKey(event), message.render(event), details(event),
                event.record());
    }

    /** The first override whose condition holds; one that fails on this event is skipped, not fatal. */
    private Severity severity(EventActivation event) {
        for (Override override : overrides) {
            try {
                if (override.when().test(event)) {
                    return override.severity();
                }
            } catch (CelEvaluationException | RuntimeException e) {
                errors.increment();
            }
        }
        return meta.severity();
    }

    /** The cluster, then each key expression's value, joined by {@code |}. */
    private String dedupKey(EventActivation event) throws CelEvaluationException {
        StringBuilder key = new StringBuilder(64);
        String cluster = event.record().cluster();
        key.append(cluster == null ? "" : cluster);
        for (CompiledExpression part : dedupKey) {
            key.append('|').append(CelValues.toText(part.eval(event)));
        }
        return key.toString();
    }

    private ObjectNode details(EventActivation event) {
        ObjectNode node = VigilJson.mapper().createObjectNode();
        for (Map.Entry<String, CompiledExpression> entry : details.entrySet()) {
            try {
                node.set(entry.getKey(), CelValues.toJson(entry.getValue().eval(event)));
            } catch (CelEvaluationException | RuntimeException e) {
                node.put(entry.getKey(), "?");
            }
        }
        return node;
    }
}

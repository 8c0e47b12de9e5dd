package dev.vigil.streams.rules;

import dev.cel.runtime.CelEvaluationException;
import dev.vigil.model.audit.AuditRecord;
import dev.vigil.streams.rules.cel.EventActivation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The stateless half of the stateful rules: the steps indexed like audit rules, so an event is only tested against
 * steps whose match can apply. Errors are contained per rule as in {@link RuleEngine#evaluate}.
 */
final class StatefulRules {

    private static final Logger LOG = LoggerFactory.getLogger(StatefulRules.class);

    private final List<CompiledStatefulRule> rules;
    private final Map<CompiledRule, Target> targets = new IdentityHashMap<>();
    private final RuleIndex index;

    private record Target(CompiledStatefulRule rule, CompiledStatefulRule.Step step) {
    }

    StatefulRules(List<CompiledStatefulRule> rules, Set<String> disabled) {
        this.rules = List.copyOf(rules);
        List<CompiledRule> steps = new ArrayList<>();
        for (CompiledStatefulRule rule : rules) {
            if (disabled.contains(rule.rule().id())) {
                continue;
            }
            for (CompiledStatefulRule.Step step : rule.steps()) {
                targets.put(step.rule(), new Target(rule, step));
                steps.add(step.rule());
            }
        }
        this.index = new RuleIndex(steps);
    }

    /** The enabled stateful rules' parameters. */
    List<StatefulRule> enabled() {
        return rules.stream().filter(rule -> rule.steps().stream().anyMatch(s -> targets.containsKey(s.rule())))
                .map(CompiledStatefulRule::rule).toList();
    }

    List<CompiledStatefulRule> all() {
        return rules;
    }

    /** The steps of enabled stateful rules whose match can apply to an event of this key. */
    List<CompiledRule> candidates(EventKey key) {
        return targets.isEmpty() ? List.of() : index.candidates(key);
    }

    /** The index of a step among its rule's steps. */
    int stepOf(CompiledRule step) {
        Target target = targets.get(step);
        return target == null ? -1 : target.step().index();
    }

    List<StatefulDetection> evaluate(AuditRecord record, Function<AuditRecord, EventActivation> activations) {
        if (targets.isEmpty() || record == null || record.event() == null) {
            return List.of();
        }
        List<CompiledRule> candidates = index.candidates(EventKey.of(record.event()));
        if (candidates.isEmpty()) {
            return List.of();
        }
        EventActivation activation = activations.apply(record);
        List<StatefulDetection> found = new ArrayList<>(2);
        for (CompiledRule candidate : candidates) {
            Target target = targets.get(candidate);
            try {
                found.addAll(target.rule().detect(target.step(), activation));
            } catch (CelEvaluationException | RuntimeException e) {
                candidate.countError();
                if (LOG.isDebugEnabled()) {
                    LOG.debug("Rule {} failed on audit event {}: {}", candidate.meta().id(),
                            record.event().auditID(), e.getMessage());
                }
            }
        }
        return found;
    }
}

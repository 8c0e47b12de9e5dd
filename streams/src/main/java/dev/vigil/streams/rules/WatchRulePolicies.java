package dev.vigil.streams.rules;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The {@link WatchRulePolicy} of every {@code source: watch} rule; a duration parameter that does not parse is a problem. */
final class WatchRulePolicies {

    /** Parameters read as durations by the watch-state topologies. */
    private static final Set<String> DURATIONS = Set.of("grace", "limit");

    private WatchRulePolicies() {
    }

    static Map<String, WatchRulePolicy> of(RuleSet set, List<RuleProblem> problems) {
        Map<String, WatchRulePolicy> policies = new HashMap<>();
        for (RuleSet.SourcedRule rule : set.rules()) {
            if (!rule.spec().isWatch()) {
                continue;
            }
            Map<String, String> params = new LinkedHashMap<>();
            rule.spec().params().forEach((name, value) -> params.put(name, String.valueOf(value)));
            params.forEach((name, value) -> {
                if (DURATIONS.contains(name)) {
                    try {
                        Durations.parse(value);
                    } catch (IllegalArgumentException e) {
                        problems.add(new RuleProblem(rule.location().name(), rule.spec().id(), "params." + name,
                                e.getMessage()));
                    }
                }
            });
            Set<String> namespaces = new HashSet<>();
            rule.spec().exceptions().values().forEach(exception -> namespaces.addAll(exception.namespaces()));
            policies.put(rule.spec().id(), new WatchRulePolicy(rule.spec().id(), params, namespaces));
        }
        return policies;
    }
}

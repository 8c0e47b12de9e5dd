package dev.vigil.streams.rules;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Combines the {@code long-lived-pod} rule's params and exceptions with {@code vigil.rules.long-lived-pod.*}. */
final class LongLivedPodPolicies {

    private LongLivedPodPolicies() {
    }

    static LongLivedPodPolicy of(RuleSet set, RulesProperties properties, List<RuleProblem> problems) {
        RulesProperties.LongLivedPod configured = properties.longLivedPod();
        Duration limit = LongLivedPodPolicy.DEFAULT_LIMIT;
        Set<String> namespaces = new HashSet<>(configured.exemptNamespaces());
        for (RuleSet.SourcedRule rule : set.rules()) {
            if (!rule.spec().id().equals(LongLivedPodPolicy.RULE_ID)) {
                continue;
            }
            Object param = rule.spec().params().get("limit");
            if (param != null) {
                try {
                    limit = Durations.parse(String.valueOf(param));
                } catch (IllegalArgumentException e) {
                    problems.add(new RuleProblem(rule.location().name(), rule.spec().id(), "params.limit",
                            e.getMessage()));
                }
            }
            rule.spec().exceptions().values().forEach(exception -> namespaces.addAll(exception.namespaces()));
        }
        if (configured.limit() != null) {
            limit = configured.limit();
        }
        return new LongLivedPodPolicy(limit, namespaces, configured.exemptLabels());
    }
}

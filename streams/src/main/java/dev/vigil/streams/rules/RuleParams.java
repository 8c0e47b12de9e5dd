package dev.vigil.streams.rules;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies {@code vigil.rules.params.<rule-id>.<param>} to the rules' {@code params}: a configured value replaces the
 * file's. Only parameters the rule file declares can be set ({@code -} in a name stands for {@code _}), so a typo
 * is an error at start-up rather than a silently ignored setting.
 */
final class RuleParams {

    private RuleParams() {
    }

    static void apply(Map<String, RuleSet.SourcedRule> rules, RulesProperties properties, List<RuleProblem> problems) {
        properties.params().forEach((ruleId, configured) -> {
            String where = "vigil.rules.params." + ruleId;
            RuleSet.SourcedRule rule = rules.get(ruleId);
            if (rule == null) {
                problems.add(new RuleProblem(where, ruleId, "", "no such rule"));
                return;
            }
            Map<String, Object> params = new LinkedHashMap<>(rule.spec().params());
            configured.forEach((name, value) -> {
                String param = name.replace('-', '_');
                if (!params.containsKey(param)) {
                    problems.add(new RuleProblem(where + "." + name, ruleId, "", "rule " + ruleId
                            + " has no parameter " + param + " (params: " + rule.spec().params().keySet() + ")"));
                } else {
                    params.put(param, value);
                }
            });
            rules.put(ruleId, new RuleSet.SourcedRule(rule.spec().withParams(params), rule.ruleset(), rule.version(),
                    rule.location()));
        });
    }
}

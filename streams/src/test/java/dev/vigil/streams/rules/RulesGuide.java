package dev.vigil.streams.rules;

import dev.vigil.model.rule.RuleMeta;
import dev.vigil.model.rule.RuleTuning;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders the rule catalogue of {@code docs/rules.md} from the loaded bundled rules: per rule its id, severity, what
 * fires it (the description), BSI and MITRE ids, how to tune it and what it waits for. The same data
 * {@code GET /v1/rules} serves to the console.
 */
final class RulesGuide {

    static final String BEGIN = "<!-- BEGIN GENERATED: rule catalogue (RulesGuideTest) -->";
    static final String END = "<!-- END GENERATED: rule catalogue -->";

    private RulesGuide() {
    }

    static String render(RuleEngine engine) {
        List<RuleMeta> rules = engine.rules();
        StringBuilder out = new StringBuilder();
        RuleMeta first = rules.get(0);
        out.append("Rule pack `").append(first.ruleset()).append("` version ").append(first.version()).append(": ")
                .append(rules.size()).append(" rules.\n\n");
        out.append("| Rule | Severity | BSI | MITRE ATT&CK |\n|---|---|---|---|\n");
        for (RuleMeta rule : rules) {
            out.append("| [`").append(rule.id()).append("`](#").append(rule.id()).append(") | ")
                    .append(rule.severity().word()).append(" | ").append(String.join(", ", rule.bsi())).append(" | ")
                    .append(String.join(", ", rule.mitre())).append(" |\n");
        }
        for (RuleMeta rule : rules) {
            out.append("\n### ").append(rule.id()).append("\n\n");
            out.append("**").append(rule.name()).append("** — severity ").append(rule.severity().word())
                    .append("; BSI ").append(String.join(", ", rule.bsi()))
                    .append("; MITRE ATT&CK ").append(String.join(", ", rule.mitre()));
            if (!rule.category().isEmpty()) {
                out.append("; category ").append(String.join(", ", rule.category()));
            }
            if (engine.watchRule(rule.id()).isPresent() && !rule.id().equals(LongLivedPodPolicy.RULE_ID)) {
                out.append("; one finding per object, opened and resolved (`vigil.status`) as the watch state")
                        .append(" changes.\n\n");
            } else {
                out.append("; alerts deduplicated per ").append(rule.dedupWindow()).append(".\n\n");
            }
            out.append(rule.description().strip()).append("\n\n");
            engine.tuning(rule.id()).ifPresent(tuning -> tuning(out, rule.id(), tuning));
        }
        return out.toString().strip();
    }

    private static void tuning(StringBuilder out, String id, RuleTuning tuning) {
        out.append("Tuning:\n");
        if (!tuning.inactiveUntil().isEmpty()) {
            out.append("- Inactive until one of these is set: ").append(properties(tuning.inactiveUntil())).append('\n');
        }
        if (!tuning.lists().isEmpty()) {
            out.append("- Lists: ").append(properties(tuning.lists())).append('\n');
        }
        if (!tuning.exceptions().isEmpty()) {
            out.append("- Exceptions: ").append(tuning.exceptions().stream().map(e -> "`" + e + "`")
                    .collect(Collectors.joining(", "))).append(" (extend or add with `vigil.rules.exceptions.")
                    .append(id).append(".<entry>.*`)\n");
        } else {
            out.append("- Exceptions: add with `vigil.rules.exceptions.").append(id).append(".<entry>.*`\n");
        }
        if (!tuning.exceptionSets().isEmpty()) {
            out.append("- Exception sets: ").append(tuning.exceptionSets().stream()
                    .map(s -> "`" + s + "` (`vigil.rules.exceptions." + s.replace('_', '-') + ".<entry>.*`)")
                    .collect(Collectors.joining(", "))).append('\n');
        }
        if (!tuning.params().isEmpty()) { // by name: RuleTuning's map has no order
            out.append("- Parameters: ").append(tuning.params().entrySet().stream()
                    .sorted(Map.Entry.comparingByKey()).map(Map.Entry::toString)
                    .map(p -> "`" + p + "`").collect(Collectors.joining(", "))).append('\n');
        }
        out.append("- Disable: `vigil.rules.disabled=").append(id).append("`\n");
    }

    private static String properties(List<String> lists) {
        return lists.stream().map(list -> "`" + list + "` (`" + RuleTuning.listProperty(list) + "`)")
                .collect(Collectors.joining(", "));
    }
}

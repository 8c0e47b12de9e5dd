package dev.vigil.console.rules;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.vigil.model.rule.RuleMeta;
import dev.vigil.model.rule.RuleStatus;

import java.util.List;

/**
 * One loaded rule as {@code GET /v1/rules} shows it: the rule's metadata with severity as its contract word and
 * the dedup window in ISO-8601 ({@code PT10M}), and whether the engine evaluates it ({@code state}: enabled,
 * disabled, inactive) with the reason and the file it came from.
 */
record RuleView(String id, String name, String description, String version, String ruleset, String severity,
                List<String> bsi, List<String> mitre, List<String> category,
                @JsonProperty("dedup_window") String dedupWindow,
                String state, String reason, @JsonProperty("activated_by") List<String> activatedBy, String source) {

    static RuleView of(RuleMeta rule, RuleStatus status) {
        return new RuleView(rule.id(), rule.name(), rule.description(), rule.version(), rule.ruleset(),
                rule.severity() == null ? null : rule.severity().word(), rule.bsi(), rule.mitre(), rule.category(),
                rule.dedupWindow() == null ? null : rule.dedupWindow().toString(),
                status.state(), status.reason(), status.activatedBy(), status.source());
    }
}

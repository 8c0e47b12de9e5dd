package dev.vigil.console.rules;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.vigil.model.rule.RuleMeta;

import java.util.List;

/**
 * One loaded rule as {@code GET /v1/rules} shows it: the rule's metadata with severity as its contract word and
 * the dedup window in ISO-8601 ({@code PT10M}).
 */
record RuleView(String id, String name, String description, String version, String ruleset, String severity,
                List<String> bsi, List<String> mitre, List<String> category,
                @JsonProperty("dedup_window") String dedupWindow) {

    static RuleView of(RuleMeta rule) {
        return new RuleView(rule.id(), rule.name(), rule.description(), rule.version(), rule.ruleset(),
                rule.severity() == null ? null : rule.severity().word(), rule.bsi(), rule.mitre(), rule.category(),
                rule.dedupWindow() == null ? null : rule.dedupWindow().toString());
    }
}

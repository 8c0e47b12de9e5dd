package dev.vigil.model.rule;

import dev.vigil.model.alert.Severity;

import java.time.Duration;
import java.util.List;

/**
 * What an alert says about the rule that raised it: identity, documentation, default severity, the BSI
 * requirements and MITRE ATT&CK techniques it maps to, and its dedup window.
 */
public record RuleMeta(String id, String name, String description, String version, String ruleset,
                       Severity severity, List<String> bsi, List<String> mitre, List<String> category,
                       Duration dedupWindow) {

    public RuleMeta {
        bsi = bsi == null ? List.of() : List.copyOf(bsi);
        mitre = mitre == null ? List.of() : List.copyOf(mitre);
        category = category == null ? List.of() : List.copyOf(category);
    }
}

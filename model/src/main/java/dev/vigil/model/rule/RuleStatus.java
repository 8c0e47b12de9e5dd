package dev.vigil.model.rule;

import java.util.List;

/**
 * Whether a loaded rule is evaluated, and why not: the engine knows, the read side shows it.
 *
 * @param state       {@code enabled}, {@code disabled} (by {@code vigil.rules.disabled}) or {@code inactive} (until
 *                    a list it needs has entries)
 * @param reason      a sentence for people, null when enabled
 * @param activatedBy for an inactive rule, the properties that would activate it
 *                    ({@code vigil.rules.lists.trusted-registries})
 * @param source      the rule file it was loaded from (a user file when it replaced a bundled rule), when known
 */
public record RuleStatus(String state, String reason, List<String> activatedBy, String source) {

    public static final String ENABLED = "enabled";
    public static final String DISABLED = "disabled";
    public static final String INACTIVE = "inactive";

    public RuleStatus {
        activatedBy = activatedBy == null ? List.of() : List.copyOf(activatedBy);
    }

    /** Enabled, nothing more known. */
    public static RuleStatus enabled(String source) {
        return new RuleStatus(ENABLED, null, List.of(), source);
    }
}

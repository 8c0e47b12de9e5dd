package dev.vigil.console.compliance;

import com.fasterxml.jackson.annotation.JsonValue;

/** The status of one requirement per cluster, with the meanings of {@code bsi-app44.md}. */
public enum ComplianceStatus {
    /** An alert naming the requirement in the status window. */
    VIOLATED("violated"),
    /** Its rules are loaded, relevant events were observed in the window, and none fired. */
    CLEAN("clean"),
    /** No relevant events seen (or no rule for it loaded yet), so nothing can be said. */
    NOT_OBSERVED("not observed"),
    /** Organisational: audit data cannot show it either way. */
    NOT_OBSERVABLE("not observable");

    private final String word;

    ComplianceStatus(String word) {
        this.word = word;
    }

    @JsonValue
    public String word() {
        return word;
    }

    static ComplianceStatus of(BsiRequirement requirement, int loadedRules, long alertsInWindow, long relevantEvents) {
        return of(requirement, loadedRules, alertsInWindow, relevantEvents, true);
    }

    /**
     * @param sourcesSeen whether the data sources the requirement's rules need beyond the audit log
     *                    ({@link BsiRequirement#requires()}) delivered anything in the window: without them its
     *                    rules cannot fire, so silence is no evidence of compliance
     */
    static ComplianceStatus of(BsiRequirement requirement, int loadedRules, long alertsInWindow, long relevantEvents,
                               boolean sourcesSeen) {
        if (!requirement.observableAtAll()) {
            return NOT_OBSERVABLE;
        }
        if (alertsInWindow > 0) {
            return VIOLATED;
        }
        return loadedRules > 0 && relevantEvents > 0 && sourcesSeen ? CLEAN : NOT_OBSERVED;
    }
}

package dev.vigil.streams.rules.file;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.vigil.model.alert.Severity;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One rule as written in a rule file, keys in their fixed order. {@code source: watch} rules (fed by watch state,
 * like {@code long-lived-pod}) carry metadata, {@code params} and tests only; their logic lives in the topology.
 *
 * @param source            {@code audit} (default) or {@code watch}
 * @param inactiveUntil     names of lists of which at least one must have entries (from the file or
 *                          {@code vigil.rules.lists.*}) for the rule to run; until then it is loaded, listed and
 *                          inactive, and start-up says which property to set
 * @param severityOverrides first matching {@code when} condition replaces the default severity
 * @param exceptions        named allow-list entries of this rule (an event matching one does not fire it)
 * @param exceptionSets     names of shared exception sets ({@code exception_sets} of {@code core.yaml} or this
 *                          file) whose entries apply too, e.g. {@code [system_controllers]}
 * @param details           evidence details: name → CEL value expression
 * @param params            parameters of a watch rule (e.g. {@code limit: 24h})
 */
public record RuleSpec(String id,
                       String name,
                       String description,
                       String source,
                       MatchSpec match,
                       @JsonProperty("inactive_until") List<String> inactiveUntil,
                       String condition,
                       Severity severity,
                       @JsonProperty("severity_overrides") List<SeverityOverride> severityOverrides,
                       List<String> bsi,
                       List<String> mitre,
                       List<String> category,
                       Map<String, RuleException> exceptions,
                       @JsonProperty("exception_sets") List<String> exceptionSets,
                       DedupSpec dedup,
                       String message,
                       Map<String, String> details,
                       Map<String, Object> params,
                       TestsSpec tests) {

    public static final String AUDIT = "audit";
    public static final String WATCH = "watch";

    public RuleSpec {
        source = source == null ? AUDIT : source;
        inactiveUntil = inactiveUntil == null ? List.of() : List.copyOf(inactiveUntil);
        severityOverrides = severityOverrides == null ? List.of() : List.copyOf(severityOverrides);
        bsi = bsi == null ? List.of() : List.copyOf(bsi);
        mitre = mitre == null ? List.of() : List.copyOf(mitre);
        category = category == null ? List.of() : List.copyOf(category);
        exceptions = exceptions == null ? Map.of() : new LinkedHashMap<>(exceptions);
        exceptionSets = exceptionSets == null ? List.of() : List.copyOf(exceptionSets);
        details = details == null ? Map.of() : new LinkedHashMap<>(details);
        params = params == null ? Map.of() : new LinkedHashMap<>(params);
        tests = tests == null ? new TestsSpec(null, null) : tests;
    }

    public boolean isWatch() {
        return WATCH.equals(source);
    }

    /** The same rule with more exceptions (from configuration): same-named entries are extended. */
    public RuleSpec withExceptions(Map<String, RuleException> extra) {
        Map<String, RuleException> merged = new LinkedHashMap<>(exceptions);
        extra.forEach((key, value) -> merged.merge(key, value, RuleException::plus));
        return new RuleSpec(id, name, description, source, match, inactiveUntil, condition, severity, severityOverrides, bsi, mitre,
                category, merged, exceptionSets, dedup, message, details, params, tests);
    }
}

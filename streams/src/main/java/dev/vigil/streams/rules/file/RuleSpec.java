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
 * @param params            parameters of a watch or stateful rule (e.g. {@code limit: 24h}, {@code window: 5m}),
 *                          each overridable by {@code vigil.rules.params.<rule-id>.<param>}
 * @param kind              {@code threshold}, {@code sequence} or {@code new_terms} for a stateful audit rule (its
 *                          block of the same name says how); unset: one event at a time
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
                       TestsSpec tests,
                       String kind,
                       ThresholdSpec threshold,
                       SequenceSpec sequence,
                       @JsonProperty("new_terms") NewTermsSpec newTerms) {

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

    /** A {@code kind: threshold|sequence|new_terms} rule, evaluated with state by the stateful topology. */
    public boolean isStateful() {
        return kind != null;
    }

    /**
     * One step of a sequence rule as an audit rule of its own (match, condition, message, details; this rule's
     * exceptions and metadata), so it compiles like any other.
     */
    public RuleSpec step(StepSpec step) {
        return new RuleSpec(id, name, description, source, step.match(), inactiveUntil, step.condition(), severity,
                List.of(), bsi, mitre, category, exceptions, exceptionSets, null, step.message(), step.details(),
                params, null, null, null, null, null);
    }

    /** The same rule with its threshold or new-terms key as dedup key (the compiled key is the state key). */
    public RuleSpec keyedBy(List<String> key) {
        return new RuleSpec(id, name, description, source, match, inactiveUntil, condition, severity,
                severityOverrides, bsi, mitre, category, exceptions, exceptionSets, new DedupSpec(key, null), message,
                details, params, tests, null, null, null, null);
    }

    /** The same rule with these parameters (from {@code vigil.rules.params.<rule-id>.*}). */
    public RuleSpec withParams(Map<String, Object> replaced) {
        return new RuleSpec(id, name, description, source, match, inactiveUntil, condition, severity, severityOverrides,
                bsi, mitre, category, exceptions, exceptionSets, dedup, message, details, replaced, tests, kind, threshold,
                sequence, newTerms);
    }

    public boolean isWatch() {
        return WATCH.equals(source);
    }

    /** The same rule with more exceptions (from configuration): same-named entries are extended. */
    public RuleSpec withExceptions(Map<String, RuleException> extra) {
        Map<String, RuleException> merged = new LinkedHashMap<>(exceptions);
        extra.forEach((key, value) -> merged.merge(key, value, RuleException::plus));
        return new RuleSpec(id, name, description, source, match, inactiveUntil, condition, severity, severityOverrides, bsi, mitre,
                category, merged, exceptionSets, dedup, message, details, params, tests, kind, threshold, sequence,
                newTerms);
    }
}

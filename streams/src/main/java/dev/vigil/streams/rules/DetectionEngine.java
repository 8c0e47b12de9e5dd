package dev.vigil.streams.rules;

import dev.vigil.model.audit.AuditRecord;
import dev.vigil.model.audit.RequestSummary;
import dev.vigil.model.rule.RuleCatalog;
import dev.vigil.model.rule.RuleMeta;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Evaluates the loaded audit rules against one event; never throws for bad event data. */
public interface DetectionEngine extends RuleCatalog {

    List<Detection> evaluate(AuditRecord record);

    /**
     * The steps of stateful rules ({@code kind: threshold|sequence|new_terms}) this event passes, for the stateful
     * topology to count, join or remember; never throws for bad event data.
     */
    default List<StatefulDetection> evaluateStateful(AuditRecord record) {
        return List.of();
    }

    /**
     * False only when neither an audit rule nor a stateful rule's step can match this event: then {@link #evaluate}
     * and {@link #evaluateStateful} return nothing and the detection application need not pass the record on. True
     * when unsure. Decided like {@link #mayMatch(RequestSummary)}, knowing in addition the few request attributes
     * of the decoded event that the summary does not carry (impersonation, user agent), so false more often.
     */
    default boolean mayMatch(AuditRecord record) {
        return true;
    }

    /**
     * The detection screen: false only when no audit rule can fire and no stateful rule's step can apply on any
     * event with these request attributes (decided from the summary alone, so the detection application can drop
     * such a record before decoding the rest of it). True when unsure.
     */
    default boolean mayMatch(RequestSummary summary) {
        return true;
    }

    /** The enabled stateful rules with their parameters; empty: the stateful topology is left out. */
    default List<StatefulRule> statefulRules() {
        return List.of();
    }

    /** Metadata of any loaded rule, including rules fed by watch state such as {@code long-lived-pod}. */
    Optional<RuleMeta> rule(String id);

    @Override
    List<RuleMeta> rules();

    /** False when configuration disabled the rule; a disabled rule is loaded but never raises alerts. */
    default boolean isDisabled(String id) {
        return false;
    }

    /** Parameters of the watch-fed {@code long-lived-pod} rule, when this engine carries them. */
    default Optional<LongLivedPodPolicy> longLivedPodPolicy() {
        return Optional.empty();
    }

    /** Parameters and exempt namespaces of a watch-fed rule (the posture rules), when this engine carries them. */
    default Optional<WatchRulePolicy> watchRule(String id) {
        return Optional.empty();
    }

    /** The named lists of the rule files as configured (e.g. {@code system_namespaces}); empty when unknown. */
    default Map<String, List<String>> lists() {
        return Map.of();
    }
}

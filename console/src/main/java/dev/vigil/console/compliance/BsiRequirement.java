package dev.vigil.console.compliance;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.List;
import java.util.Locale;

/**
 * One BSI requirement of {@code compliance/bsi-app44.yaml}: identity, level, whether audit data can show a
 * violation at all, which evidence documents count as "observed relevant events" for it, and which data sources
 * beyond the audit log its rules need ({@code watch}: the cluster watch, {@code k8s.watch.events}).
 */
public record BsiRequirement(String id, String title, String titleEn, String level, Observability observable,
                             String observedFrom, String plannedRules, RelevantEvents relevantEvents,
                             List<String> requires) {

    /** The data source of rules that judge watch state (pod ages): the cluster watch of role ingest. */
    public static final String WATCH = "watch";

    /** {@code yes}, {@code partly}, or {@code no} for organisational requirements that are never shown as clean. */
    public enum Observability {
        YES, PARTLY, NO;

        @JsonValue
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Evidence documents of these resources (any when {@code *}) and verbs (any when empty) are what the
     * requirement's rules look at.
     */
    public record RelevantEvents(List<String> resources, List<String> verbs) {
        public RelevantEvents {
            resources = resources == null ? List.of() : List.copyOf(resources);
            verbs = verbs == null ? List.of() : List.copyOf(verbs);
        }

        boolean anyEvent() {
            return resources.contains("*");
        }
    }

    public BsiRequirement {
        relevantEvents = relevantEvents == null ? new RelevantEvents(List.of(), List.of()) : relevantEvents;
        requires = requires == null ? List.of() : List.copyOf(requires);
    }

    boolean needsWatch() {
        return requires.contains(WATCH);
    }

    public boolean observableAtAll() {
        return observable != Observability.NO;
    }

    boolean hasRelevantEvents() {
        return !relevantEvents.resources().isEmpty();
    }
}

package dev.vigil.streams.rules;

import dev.vigil.model.audit.RequestSummary;
import dev.vigil.streams.rules.cel.SummaryVariables;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides from a {@link RequestSummary} alone whether any audit rule or stateful rule step can fire on an event: the
 * rules the index offers for the request's key, each condition's screen (its partial evaluation over the summary's
 * attributes, and whether the event impersonates someone, see {@code FastExpression.screenOf}) definitely false for
 * all of them means no rule fires and no step
 * counts, learns or joins anything, whatever else the event holds. Exceptions are not looked at: they only ever
 * suppress a detection. Most events of a cluster (controllers' and kubelets' reads, lease renewals, status updates)
 * are decided so and need not be decoded. A cluster has a few thousand distinct summaries; decisions are cached up
 * to {@link #MAX_CACHED} of them, beyond which each further summary is simply decided again. Thread-safe.
 */
final class DetectionScreen {

    static final int MAX_CACHED = RuleIndex.MAX_CACHED;

    private final RuleIndex audit;
    private final StatefulRules stateful;
    private final Map<String, List<String>> lists;
    /** Decisions for events known to impersonate no one, and for those that do or may. */
    private final Map<RequestSummary, Boolean> direct = new ConcurrentHashMap<>();
    private final Map<RequestSummary, Boolean> impersonating = new ConcurrentHashMap<>();

    DetectionScreen(RuleIndex audit, StatefulRules stateful, Map<String, List<String>> lists) {
        this.audit = audit;
        this.stateful = stateful;
        this.lists = lists;
    }

    /**
     * False only when no rule can fire and no stateful step can apply on any event with this summary and, unless
     * {@code impersonated}, without an {@code impersonatedUser}.
     */
    boolean mayMatch(RequestSummary summary, boolean impersonated) {
        Map<RequestSummary, Boolean> cache = impersonated ? impersonating : direct;
        Boolean cached = cache.get(summary);
        if (cached != null) {
            return cached;
        }
        boolean may = !keptBy(summary, impersonated, true).isEmpty();
        if (cache.size() < MAX_CACHED) {
            cache.put(summary, may);
        }
        return may;
    }

    /**
     * The candidate rules (stateful ones as {@code id#step}) whose condition may hold for this summary: what keeps
     * such events from being screened out. All of them, or only the first when {@code first}.
     */
    List<String> keptBy(RequestSummary summary, boolean impersonated, boolean first) {
        EventKey key = EventKey.of(summary);
        SummaryVariables request = new SummaryVariables(summary, lists, impersonated);
        List<String> kept = new ArrayList<>(1);
        for (CompiledRule rule : audit.candidates(key)) {
            if (rule.mayFire(request)) {
                kept.add(rule.meta().id());
                if (first) {
                    return kept;
                }
            }
        }
        for (CompiledRule step : stateful.candidates(key)) {
            if (step.mayFire(request)) {
                kept.add(step.meta().id() + "#" + stateful.stepOf(step));
                if (first) {
                    return kept;
                }
            }
        }
        return kept;
    }
}

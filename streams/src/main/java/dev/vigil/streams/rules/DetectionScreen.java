package dev.vigil.streams.rules;

import dev.vigil.model.audit.AuditEvent;
import dev.vigil.model.audit.RequestSummary;
import dev.vigil.streams.rules.cel.SummaryVariables;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides from a {@link RequestSummary} alone whether any audit rule or stateful rule step can fire on an event: the
 * rules the index offers for the request's key, each condition's screen (its partial evaluation over the summary's
 * attributes, and what else of the event the caller knows, see {@code FastExpression.screenOf}) definitely false for
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
    private final Map<Request, Boolean> cache = new ConcurrentHashMap<>();

    /**
     * What the screen knows of an event: its summary and, beyond it, whether it impersonates someone (true when
     * unsure) and its user agent (null when unknown), which the rules read but the summary does not carry.
     */
    record Request(RequestSummary summary, boolean impersonated, String userAgent) {

        /** Only the summary: impersonation and user agent unknown. */
        static Request of(RequestSummary summary) {
            return new Request(summary, true, null);
        }

        /** Everything the screen can use of a decoded event. */
        static Request of(AuditEvent event) {
            return new Request(RequestSummary.of(event), event.impersonatedUser() != null,
                    event.userAgent() == null ? "" : event.userAgent());
        }
    }

    DetectionScreen(RuleIndex audit, StatefulRules stateful, Map<String, List<String>> lists) {
        this.audit = audit;
        this.stateful = stateful;
        this.lists = lists;
    }

    /** False only when no rule can fire and no stateful step can apply on any event of this request. */
    boolean mayMatch(Request request) {
        Boolean cached = cache.get(request);
        if (cached != null) {
            return cached;
        }
        boolean may = !keptBy(request, true).isEmpty();
        if (cache.size() < MAX_CACHED) {
            cache.put(request, may);
        }
        return may;
    }

    /**
     * The candidate rules (stateful ones as {@code id#step}) whose condition may hold for this summary: what keeps
     * such events from being screened out. All of them, or only the first when {@code first}.
     */
    List<String> keptBy(Request known, boolean first) {
        EventKey key = EventKey.of(known.summary());
        SummaryVariables request = new SummaryVariables(known.summary(), lists, known.impersonated(),
                known.userAgent());
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

package dev.vigil.streams.rules;

import dev.vigil.model.audit.AuditEvent;
import dev.vigil.model.audit.RequestSummary;
import dev.vigil.streams.rules.cel.SummaryVariables;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Decides from a {@link RequestSummary} alone whether any audit rule or stateful rule step can fire on an event: the
 * rules the index offers for the request's key, each condition's screen (its partial evaluation over the summary's
 * attributes, and what else of the event the caller knows, see {@code FastExpression.screenOf}) definitely false for
 * all of them means no rule fires and no step counts, learns or joins anything, whatever else the event holds.
 * Exceptions are not looked at: they only ever suppress a detection. Most events of a cluster (controllers' and
 * kubelets' reads, lease renewals, status updates) are decided so and need not be decoded; where the summary says
 * the event's objects hold no pod, so are the rules about pods that would match them (a lease is no pod).
 * <p>
 * Decisions are cached per index key and, within it, per value of the attributes its candidates' screens read (the
 * namespace, say, only where some candidate asks for it), so a cluster needs a few thousand of them; the caches stop
 * growing at {@link #MAX_CACHED} entries, beyond which each further request is simply decided again. Thread-safe.
 */
final class DetectionScreen {

    static final int MAX_CACHED = RuleIndex.MAX_CACHED;

    private final RuleIndex audit;
    private final StatefulRules stateful;
    private final Map<String, List<String>> lists;
    private final Map<EventKey, Plan> plans = new ConcurrentHashMap<>();
    private final AtomicInteger decisions = new AtomicInteger();

    /**
     * What the screen knows of an event: its summary, whether it impersonates someone and its user agent (null when
     * unknown), the last two as the summary tells them unless a projection left them out.
     */
    record Request(RequestSummary summary, boolean impersonated, String userAgent) {

        /** Everything the summary tells (a byte reader's or a decoded event's). */
        static Request of(RequestSummary summary) {
            return new Request(summary, summary.impersonated(), summary.userAgent());
        }

        /** Everything the screen can use of a decoded event. */
        static Request of(AuditEvent event) {
            return of(RequestSummary.of(event));
        }
    }

    /** The candidates of one index key, what their screens read, and the decisions taken for it. */
    private record Plan(List<CompiledRule> audit, List<CompiledRule> steps, Projection projection,
                        Map<Request, Boolean> decisions) {

        Request project(Request request) {
            return projection.project(request);
        }
    }

    /**
     * Which attributes a plan's candidates read, decided once per plan rather than looked up in a set for every event.
     */
    private record Projection(boolean verb, boolean stage, boolean level, boolean apiGroup, boolean resource,
                              boolean subresource, boolean namespace, boolean username, boolean groups,
                              boolean responseCode, boolean decision, boolean reason, boolean userAgent,
                              boolean impersonation, boolean pod) {

        static Projection of(Set<String> reads) {
            return new Projection(reads.contains("verb"), reads.contains("stage"), reads.contains("level"),
                    reads.contains("objectRef.apiGroup"), reads.contains("objectRef.resource"),
                    reads.contains("objectRef.subresource"), reads.contains("objectRef.namespace"),
                    reads.contains("user.username"), reads.contains("user.groups"), reads.contains("responseCode"),
                    reads.contains("decision"),
                    reads.contains(SummaryVariables.REASON) || reads.contains(SummaryVariables.REASON_PRESENT),
                    reads.contains("userAgent"),
                    reads.contains("impersonatedUser.username") || reads.contains("impersonatedUser.groups"),
                    reads.contains(SummaryVariables.NO_POD));
        }

        /**
         * The request with every attribute no candidate reads set to one value, so that requests differing only
         * there share a decision (which cannot differ between them).
         */
        Request project(Request request) {
            RequestSummary s = request.summary();
            RequestSummary projected = new RequestSummary(
                    verb ? s.verb() : "", stage ? s.stage() : "", level ? s.level() : "",
                    apiGroup ? s.apiGroup() : "", resource ? s.resource() : "", subresource ? s.subresource() : "",
                    namespace ? s.namespace() : "", username ? s.username() : "", groups ? s.groups() : List.of(),
                    responseCode ? s.responseCode() : -1, decision ? s.decision() : "", reason ? s.reason() : null,
                    userAgent ? s.userAgent() : "", impersonation && s.impersonated(), !pod || s.mayHoldPod());
            return new Request(projected, impersonation && request.impersonated(),
                    userAgent ? request.userAgent() : null);
        }
    }

    DetectionScreen(RuleIndex audit, StatefulRules stateful, Map<String, List<String>> lists) {
        this.audit = audit;
        this.stateful = stateful;
        this.lists = lists;
    }

    /** False only when no rule can fire and no stateful step can apply on any event of this request. */
    boolean mayMatch(Request request) {
        EventKey key = EventKey.of(request.summary());
        Plan plan = plans.get(key);
        if (plan == null) {
            plan = plan(key);
            if (plans.size() < MAX_CACHED) {
                plans.put(key, plan);
            }
        }
        if (plan.audit().isEmpty() && plan.steps().isEmpty()) {
            return false;
        }
        Request projected = plan.project(request);
        Boolean cached = plan.decisions().get(projected);
        if (cached != null) {
            return cached;
        }
        boolean may = !keptBy(plan, projected, true).isEmpty();
        if (decisions.get() < MAX_CACHED && plan.decisions().putIfAbsent(projected, may) == null) {
            decisions.incrementAndGet();
        }
        return may;
    }

    /**
     * The candidate rules (stateful ones as {@code id#step}) whose condition may hold for this request: what keeps
     * such events from being screened out.
     */
    List<String> keptBy(Request request) {
        return keptBy(plan(EventKey.of(request.summary())), request, false);
    }

    private Plan plan(EventKey key) {
        List<CompiledRule> rules = audit.candidates(key);
        List<CompiledRule> steps = stateful.candidates(key);
        Set<String> reads = new HashSet<>();
        rules.forEach(rule -> reads.addAll(rule.screenReads()));
        steps.forEach(step -> reads.addAll(step.screenReads()));
        return new Plan(rules, steps, Projection.of(reads), new ConcurrentHashMap<>());
    }

    /** All the candidates that may fire, or only the first when {@code first}. */
    private List<String> keptBy(Plan plan, Request known, boolean first) {
        SummaryVariables request = new SummaryVariables(known.summary(), lists, known.impersonated(),
                known.userAgent());
        List<String> kept = new ArrayList<>(1);
        for (CompiledRule rule : plan.audit()) {
            if (rule.mayFire(request)) {
                kept.add(rule.meta().id());
                if (first) {
                    return kept;
                }
            }
        }
        for (CompiledRule step : plan.steps()) {
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

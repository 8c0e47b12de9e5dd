package dev.vigil.model.audit;

import java.util.List;

/**
 * The few request attributes that decide whether any detection can apply to an audit event: who (user name and
 * groups), what (verb, the object reference's group, resource, subresource and namespace), at which stage and level,
 * and how it ended (response code, the authorizer's decision and reason); and the client's user agent and whether the request
 * impersonated someone, which rules on every resource read (the bundled {@code impersonation},
 * {@code service-account-unusual-client}). Most events of a real cluster are ruled out by these
 * alone, so the detection application can drop them without decoding the rest (docs/performance.md).
 * <p>
 * Values are as the rule variables see them: {@code ""} for a missing string, {@code -1} for a missing response code,
 * an empty list for missing groups; only {@code reason} keeps
 * a missing annotation (null) apart from an empty one, because rules test its presence
 * ({@code 'authorization.k8s.io/reason' in annotations}: the node authorizer and the privileged-group shortcut
 * write it empty). Two summaries are equal when every attribute is, which is what lets a decision
 * taken on one summary be reused for the next event with the same one.
 * <p>
 * {@code mayHoldPod} is false only when the event's objects provably hold no pod: {@code requestObject} and
 * {@code responseObject} are each absent, null, or an object none of whose {@code spec} members is an object with one
 * of the {@link #POD_SPEC_NAMES} — the names by which a Pod's spec, a workload's {@code template} or a CronJob's
 * {@code jobTemplate} is found. True when unsure, as for every decoded event ({@link #of}): only a byte reader that
 * looked at the objects' names tells it, and the screen then rules out pod rules on leases, config maps and the like.
 */
public record RequestSummary(String verb, String stage, String level, String apiGroup, String resource,
                             String subresource, String namespace, String username, List<String> groups,
                             int responseCode, String decision, String reason, String userAgent,
                             boolean impersonated, boolean mayHoldPod) {

    /**
     * The names a {@code spec} must have one of for its object to hold a pod: a workload's {@code template}, a
     * CronJob's {@code jobTemplate}, and those by which a pod spec is recognised (the rules' {@code PodTemplate}
     * must find no pod in an object whose specs have none of them; a test holds it to that).
     */
    public static final List<String> POD_SPEC_NAMES = List.of("template", "jobTemplate", "containers",
            "initContainers", "ephemeralContainers", "volumes", "securityContext", "hostNetwork", "hostPID", "hostIPC",
            "serviceAccountName", "automountServiceAccountToken");

    /** The annotation the authorizer writes its decision to ({@code allow}/{@code forbid}). */
    public static final String DECISION_ANNOTATION = "authorization.k8s.io/decision";
    /** The annotation the authorizer writes its reason to (RBAC's start with {@code RBAC:}). */
    public static final String REASON_ANNOTATION = "authorization.k8s.io/reason";

    public RequestSummary {
        verb = text(verb);
        stage = text(stage);
        level = text(level);
        apiGroup = text(apiGroup);
        resource = text(resource);
        subresource = text(subresource);
        namespace = text(namespace);
        username = text(username);
        groups = groups == null ? List.of() : List.copyOf(groups);
        decision = text(decision);
        userAgent = text(userAgent);
    }

    /** A summary that says nothing of the event's objects (they may hold a pod). */
    public RequestSummary(String verb, String stage, String level, String apiGroup, String resource,
                          String subresource, String namespace, String username, List<String> groups,
                          int responseCode, String decision, String reason, String userAgent, boolean impersonated) {
        this(verb, stage, level, apiGroup, resource, subresource, namespace, username, groups, responseCode, decision,
                reason, userAgent, impersonated, true);
    }

    /** This summary with {@code mayHoldPod} as given. */
    public RequestSummary withMayHoldPod(boolean may) {
        return may == mayHoldPod ? this : new RequestSummary(verb, stage, level, apiGroup, resource, subresource,
                namespace, username, groups, responseCode, decision, reason, userAgent, impersonated, may);
    }

    /**
     * The summary of a decoded event (the reference any faster reader of the same bytes must agree with, but for
     * {@code mayHoldPod}, which is true here).
     */
    public static RequestSummary of(AuditEvent event) {
        ObjectReference ref = event.objectRef();
        UserInfo user = event.user();
        return new RequestSummary(event.verb(), event.stage(), event.level(),
                ref == null ? null : ref.apiGroup(), ref == null ? null : ref.resource(),
                ref == null ? null : ref.subresource(), ref == null ? null : ref.namespace(),
                user == null ? null : user.username(), user == null ? null : user.groups(),
                event.responseCode(), event.annotation(DECISION_ANNOTATION), event.annotation(REASON_ANNOTATION),
                event.userAgent(),
                event.impersonatedUser() != null);
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}

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
 */
public record RequestSummary(String verb, String stage, String level, String apiGroup, String resource,
                             String subresource, String namespace, String username, List<String> groups,
                             int responseCode, String decision, String reason, String userAgent,
                             boolean impersonated) {

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

    /** The summary of a decoded event (the reference any faster reader of the same bytes must agree with). */
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

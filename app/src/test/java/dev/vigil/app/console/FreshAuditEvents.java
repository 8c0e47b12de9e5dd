package dev.vigil.app.console;

import java.time.Instant;
import java.util.UUID;

/**
 * Audit events as the API server's webhook sends them, stamped now, that fire bundled rules: an anonymous user
 * creating a ClusterRoleBinding ({@code anonymous-admin-action}) and a privileged pod ({@code privileged-pod}).
 * Object names carry a random suffix so each run finds its own alerts.
 */
record FreshAuditEvents(String suffix, Instant now) {

    static FreshAuditEvents create() {
        return new FreshAuditEvents(UUID.randomUUID().toString().substring(0, 8), Instant.now());
    }

    String bindingName() {
        return "pwn-" + suffix;
    }

    String podName() {
        return "debug-" + suffix;
    }

    /** The EventList body of {@code POST /v1/audit}. */
    String eventList() {
        return """
                {"kind":"EventList","apiVersion":"audit.k8s.io/v1","metadata":{},"items":[%s,%s]}
                """.formatted(anonymousBinding(), privilegedPod()).strip();
    }

    /**
     * The same privileged pod created again (a new request, so a new audit id): inside the rule's dedup window it
     * counts on the alert of the first one instead of raising a new alert.
     */
    String privilegedPodAgain() {
        return """
                {"kind":"EventList","apiVersion":"audit.k8s.io/v1","metadata":{},"items":[%s]}
                """.formatted(privilegedPod()).strip();
    }

    private String anonymousBinding() {
        return """
                {"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata","auditID":"%s","stage":"ResponseComplete",
                 "requestURI":"/apis/rbac.authorization.k8s.io/v1/clusterrolebindings","verb":"create",
                 "user":{"username":"system:anonymous","groups":["system:unauthenticated"]},
                 "sourceIPs":["203.0.113.7"],"userAgent":"curl/8.5.0",
                 "objectRef":{"resource":"clusterrolebindings","name":"%s","apiGroup":"rbac.authorization.k8s.io","apiVersion":"v1"},
                 "responseStatus":{"metadata":{},"code":201},
                 "requestReceivedTimestamp":"%s","stageTimestamp":"%s",
                 "annotations":{"authorization.k8s.io/decision":"allow","authorization.k8s.io/reason":""}}
                """.formatted(UUID.randomUUID(), bindingName(), now.minusMillis(8), now);
    }

    private String privilegedPod() {
        String pod = """
                {"kind":"Pod","apiVersion":"v1","metadata":{"name":"%s","namespace":"shop"%s},
                 "spec":{"hostPID":true,%s"containers":[{"name":"shell","image":"busybox:1.36","command":["sleep","3600"],
                 "securityContext":{"privileged":true}}]}}""";
        return """
                {"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"RequestResponse","auditID":"%s","stage":"ResponseComplete",
                 "requestURI":"/api/v1/namespaces/shop/pods?fieldManager=kubectl-run","verb":"create",
                 "user":{"username":"dev@example.com","groups":["developers","system:authenticated"]},
                 "sourceIPs":["192.0.2.10"],"userAgent":"kubectl/v1.30.2 (linux/amd64) kubernetes/3968350",
                 "objectRef":{"resource":"pods","namespace":"shop","name":"%s","apiVersion":"v1"},
                 "responseStatus":{"metadata":{},"code":201},
                 "requestObject":%s,"responseObject":%s,
                 "requestReceivedTimestamp":"%s","stageTimestamp":"%s",
                 "annotations":{"authorization.k8s.io/decision":"allow",
                  "authorization.k8s.io/reason":"RBAC: allowed by RoleBinding \\"dev/edit\\" of ClusterRole \\"edit\\" to Group \\"developers\\""}}
                """.formatted(UUID.randomUUID(), podName(),
                pod.formatted(podName(), "", ""),
                pod.formatted(podName(), ",\"uid\":\"" + UUID.randomUUID() + "\"", "\"serviceAccountName\":\"default\","),
                now.minusMillis(20), now.plusMillis(5));
    }
}

package dev.vigil.streams.stateful;

import dev.vigil.model.audit.AuditRecord;
import dev.vigil.model.audit.AuditRecordCodec;
import dev.vigil.model.json.VigilJson;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;

/** Audit events for the stateful rules' topology tests, written as the API server writes them. */
final class StatefulEvents {

    private StatefulEvents() {
    }

    /** The wire form of an event of {@code cluster}, received when it happened (as a live webhook delivers it). */
    static byte[] encode(ObjectNode event, String cluster) {
        return AuditRecordCodec.encode(event, cluster, Instant.parse(event.get("stageTimestamp").asString()));
    }

    static AuditRecord record(ObjectNode event, String cluster) {
        return AuditRecordCodec.decode(encode(event, cluster)).value();
    }

    static ObjectNode request(String auditId, String user, String verb, String resource, String namespace,
                              String name, int code, Instant at) {
        ObjectNode event = VigilJson.mapper().createObjectNode();
        String path = resource.isEmpty() ? "/" + name : "/api/v1/" + (namespace.isEmpty() ? "" : "namespaces/"
                + namespace + "/") + resource + (name.isEmpty() ? "" : "/" + name);
        event.put("kind", "Event").put("apiVersion", "audit.k8s.io/v1").put("level", "Metadata")
                .put("auditID", auditId).put("stage", "ResponseComplete").put("requestURI", path).put("verb", verb);
        ObjectNode userNode = event.putObject("user").put("username", user);
        ArrayNode groups = userNode.putArray("groups");
        if (user.equals("system:anonymous")) {
            groups.add("system:unauthenticated");
        } else {
            groups.add("system:authenticated");
        }
        event.putArray("sourceIPs").add("198.51.100.23");
        event.put("userAgent", "kubectl/v1.30.2 (linux/amd64) kubernetes/3968350");
        if (!resource.isEmpty()) {
            ObjectNode ref = event.putObject("objectRef").put("resource", resource).put("apiVersion", "v1");
            if (!namespace.isEmpty()) {
                ref.put("namespace", namespace);
            }
            if (!name.isEmpty()) {
                ref.put("name", name);
            }
        }
        event.putObject("responseStatus").put("code", code);
        event.put("requestReceivedTimestamp", at.toString()).put("stageTimestamp", at.toString());
        event.putObject("annotations").put("authorization.k8s.io/decision", code == 403 ? "forbid" : "allow");
        return event;
    }

    static ObjectNode refused(String auditId, String user, String name, Instant at) {
        return request(auditId, user, "get", "secrets", "kube-system", name, 403, at);
    }

    static ObjectNode secretRead(String auditId, String user, String namespace, String name, Instant at) {
        return request(auditId, user, "get", "secrets", namespace, name, 200, at);
    }

    static ObjectNode exec(String auditId, String user, String namespace, String pod, Instant at) {
        ObjectNode event = request(auditId, user, "create", "pods", namespace, pod, 101, at);
        event.put("stage", "ResponseStarted")
                .put("requestURI", "/api/v1/namespaces/" + namespace + "/pods/" + pod + "/exec?command=sh&tty=true");
        ((ObjectNode) event.get("objectRef")).put("subresource", "exec");
        return event;
    }

    /** A ClusterRoleBinding of {@code role} to a user, created by admin@example.com. */
    static ObjectNode grant(String auditId, String subject, String role, Instant at) {
        ObjectNode event = request(auditId, "admin@example.com", "create", "clusterrolebindings", "", subject
                + "-" + role, 201, at);
        event.put("level", "RequestResponse")
                .put("requestURI", "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings");
        ((ObjectNode) event.get("objectRef")).put("apiGroup", "rbac.authorization.k8s.io");
        ObjectNode binding = event.putObject("requestObject").put("kind", "ClusterRoleBinding");
        binding.putObject("roleRef").put("kind", "ClusterRole").put("name", role)
                .put("apiGroup", "rbac.authorization.k8s.io");
        binding.putArray("subjects").addObject().put("kind", "User").put("name", subject);
        return event;
    }
}

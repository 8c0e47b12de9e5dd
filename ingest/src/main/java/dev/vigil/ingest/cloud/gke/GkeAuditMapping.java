package dev.vigil.ingest.cloud.gke;

import dev.vigil.model.json.VigilJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.Map;

/**
 * Turns one Cloud Audit Log entry of {@code k8s.io} (a {@code LogEntry} whose {@code protoPayload} is an
 * {@code AuditLog}) into the {@code audit.k8s.io/v1} Event the API server would have logged. The table of fields,
 * and what the Cloud Audit Log does not carry, is in {@code docs/managed-clusters.md} (section GKE).
 * Throws {@link IllegalArgumentException} with the reason when the entry is not a Kubernetes audit entry.
 */
final class GkeAuditMapping {

    /** Annotation keys Vigil adds; everything else in {@code annotations} comes from the entry's labels. */
    static final String SOURCE_ANNOTATION = "vigil.dev/source";
    static final String RECEIVE_TIMESTAMP_ANNOTATION = "vigil.dev/cloud-logging-receive-timestamp";
    static final String DECISION = "authorization.k8s.io/decision";
    static final String REASON = "authorization.k8s.io/reason";

    /** google.rpc.Code → HTTP status, as google/rpc/code.proto documents each code's HTTP mapping. */
    private static final int[] HTTP_OF_RPC = {200, 499, 500, 400, 504, 404, 409, 403, 429, 400, 409, 400, 501, 500,
            503, 500, 401};

    private GkeAuditMapping() {
    }

    static ObjectNode toEvent(JsonNode entry) {
        if (entry == null || !entry.isObject()) {
            throw new IllegalArgumentException("a LogEntry must be a JSON object");
        }
        JsonNode payload = entry.path("protoPayload");
        if (!payload.isObject()) {
            throw new IllegalArgumentException("the LogEntry has no protoPayload (not a Cloud Audit Log entry)");
        }
        String service = payload.path("serviceName").asString("");
        if (!service.isEmpty() && !service.equals("k8s.io")) {
            throw new IllegalArgumentException("the Cloud Audit Log entry is of " + service + ", not k8s.io");
        }
        GkeMethod method = GkeMethod.of(text(payload, "methodName"), text(payload, "resourceName"));
        String timestamp = text(entry, "timestamp");
        if (timestamp == null) {
            throw new IllegalArgumentException("the LogEntry has no timestamp");
        }

        ObjectNode event = VigilJson.mapper().createObjectNode();
        event.put("kind", "Event");
        event.put("apiVersion", "audit.k8s.io/v1");
        JsonNode request = withoutType(payload.get("request"));
        JsonNode response = withoutType(payload.get("response"));
        event.put("level", response != null ? "RequestResponse" : request != null ? "Request" : "Metadata");
        String auditID = text(entry.path("operation"), "id");
        if (auditID != null) {
            event.put("auditID", auditID);
        }
        event.put("stage", "ResponseComplete");
        event.put("requestURI", method.requestURI());
        event.put("verb", method.verb());
        event.set("user", user(payload.path("authenticationInfo")));
        JsonNode metadata = payload.path("requestMetadata");
        String callerIp = text(metadata, "callerIp");
        if (callerIp != null) {
            event.putArray("sourceIPs").add(callerIp);
        }
        String userAgent = text(metadata, "callerSuppliedUserAgent");
        if (userAgent != null) {
            event.put("userAgent", userAgent);
        }
        event.set("objectRef", objectRef(method));
        event.set("responseStatus", responseStatus(payload.path("status"), method.verb()));
        if (request != null) {
            event.set("requestObject", request);
        }
        if (response != null) {
            event.set("responseObject", response);
        }
        event.put("requestReceivedTimestamp", timestamp);
        event.put("stageTimestamp", timestamp);
        event.set("annotations", annotations(entry, payload));
        return event;
    }

    private static ObjectNode user(JsonNode authentication) {
        ObjectNode user = VigilJson.mapper().createObjectNode();
        String username = text(authentication, "principalEmail");
        user.put("username", username == null ? "" : username);
        ArrayNode groups = impliedGroups(username);
        if (!groups.isEmpty()) {
            user.set("groups", groups);
        }
        return user;
    }

    /**
     * The Cloud Audit Log drops the user's groups. Kubernetes gives some identities their groups by construction —
     * every service account, every authenticated and every anonymous request — so exactly those are restored, and
     * {@code system:nodes} for a kubelet's {@code system:node:<name>} (the Node authorizer serves that name only in
     * that group; without it every kubelet's token request would look foreign). Groups from an identity provider or
     * RBAC's Google Groups are lost.
     */
    static ArrayNode impliedGroups(String username) {
        ArrayNode groups = VigilJson.mapper().createArrayNode();
        if (username == null || username.isEmpty()) {
            return groups;
        }
        if (username.equals("system:anonymous")) {
            groups.add("system:unauthenticated");
            return groups;
        }
        String[] parts = username.split(":");
        if (username.startsWith("system:serviceaccount:") && parts.length == 4) {
            groups.add("system:serviceaccounts").add("system:serviceaccounts:" + parts[2]);
        } else if (username.startsWith("system:node:") && parts.length == 3 && !parts[2].isEmpty()) {
            groups.add("system:nodes");
        }
        groups.add("system:authenticated");
        return groups;
    }

    private static ObjectNode objectRef(GkeMethod method) {
        ObjectNode ref = VigilJson.mapper().createObjectNode();
        ref.put("resource", method.resource());
        if (!method.namespace().isEmpty()) {
            ref.put("namespace", method.namespace());
        }
        if (!method.name().isEmpty()) {
            ref.put("name", method.name());
        }
        if (!method.apiGroup().isEmpty()) {
            ref.put("apiGroup", method.apiGroup());
        }
        ref.put("apiVersion", method.apiVersion());
        if (!method.subresource().isEmpty()) {
            ref.put("subresource", method.subresource());
        }
        return ref;
    }

    /** {@code status} is a google.rpc.Status; an empty one is OK (a create that succeeded answered 201). */
    private static ObjectNode responseStatus(JsonNode status, String verb) {
        int rpc = status.path("code").asInt(0);
        int http = rpc >= 0 && rpc < HTTP_OF_RPC.length ? HTTP_OF_RPC[rpc] : 500;
        if (rpc == 0 && verb.equals("create")) {
            http = 201;
        }
        ObjectNode result = VigilJson.mapper().createObjectNode();
        result.putObject("metadata");
        result.put("code", http);
        String message = text(status, "message");
        if (message != null) {
            result.put("status", "Failure");
            result.put("message", message);
        }
        return result;
    }

    /**
     * The entry's labels (GKE puts the API server's audit annotations there: the authorization decision and reason,
     * Pod Security and admission webhook annotations); without a decision label, {@code authorizationInfo[].granted}
     * decides it.
     */
    private static ObjectNode annotations(JsonNode entry, JsonNode payload) {
        ObjectNode annotations = VigilJson.mapper().createObjectNode();
        for (Map.Entry<String, JsonNode> label : entry.path("labels").properties()) {
            if (label.getValue().isString()) {
                annotations.put(label.getKey(), label.getValue().asString());
            }
        }
        JsonNode authorization = payload.path("authorizationInfo");
        if (!annotations.has(DECISION) && authorization.isArray() && !authorization.isEmpty()) {
            boolean granted = true;
            for (JsonNode check : authorization) {
                granted &= check.path("granted").asBoolean(false);
            }
            annotations.put(DECISION, granted ? "allow" : "forbid");
        }
        annotations.put(SOURCE_ANNOTATION, "gke");
        String received = text(entry, "receiveTimestamp");
        if (received != null) {
            annotations.put(RECEIVE_TIMESTAMP_ANNOTATION, received);
        }
        return annotations;
    }

    /** The request or response object without the protobuf {@code @type} the Cloud Audit Log adds. */
    private static JsonNode withoutType(JsonNode object) {
        if (object == null || object.isNull() || object.isMissingNode()) {
            return null;
        }
        if (!object.isObject()) {
            return object;
        }
        ObjectNode copy = ((ObjectNode) object).deepCopy();
        copy.remove("@type");
        return copy;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isString() && !value.asString().isEmpty() ? value.asString() : null;
    }
}

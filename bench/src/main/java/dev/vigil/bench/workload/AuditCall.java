package dev.vigil.bench.workload;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;

/**
 * Builds one {@code audit.k8s.io/v1} event at stage ResponseComplete: the request URI is derived from the
 * resource reference as the API server's routes write it, so URI, objectRef and verb always agree.
 */
final class AuditCall {

    private final ObjectNode event = KubeObjects.object();
    private final ObjectNode ref = KubeObjects.object();
    private String group = "";
    private String version = "v1";
    private String resource;
    private String namespace;
    private String name;
    private String subresource;
    private String query = "";
    private String path;

    private AuditCall(String auditID, String level, String verb) {
        event.put("kind", "Event");
        event.put("apiVersion", "audit.k8s.io/v1");
        event.put("level", level);
        event.put("auditID", auditID);
        event.put("stage", "ResponseComplete");
        event.put("verb", verb);
    }

    static AuditCall of(String auditID, String level, String verb) {
        return new AuditCall(auditID, level, verb);
    }

    /** A resource of an API group ({@code ""} is core/v1). */
    AuditCall on(String apiGroup, String apiVersion, String resourceName) {
        this.group = apiGroup;
        this.version = apiVersion;
        this.resource = resourceName;
        return this;
    }

    AuditCall core(String resourceName) {
        return on("", "v1", resourceName);
    }

    AuditCall in(String ns) {
        this.namespace = ns;
        return this;
    }

    AuditCall named(String objectName) {
        this.name = objectName;
        return this;
    }

    AuditCall sub(String sub) {
        this.subresource = sub;
        return this;
    }

    /** The query string, without the {@code ?}. */
    AuditCall query(String text) {
        this.query = text;
        return this;
    }

    /** A non-resource request such as {@code /healthz}, or a resource's full path (nodes/proxy/metrics). */
    AuditCall path(String nonResourcePath) {
        this.path = nonResourcePath;
        return this;
    }

    AuditCall request(JsonNode object) {
        event.set("requestObject", object);
        return this;
    }

    AuditCall response(JsonNode object) {
        event.set("responseObject", object);
        return this;
    }

    /** The finished event: {@code code} as response status, allowed by RBAC, {@code latencyMicros} long. */
    ObjectNode by(Caller caller, Instant at, int code, String reason, long latencyMicros) {
        String uri = path;
        if (resource != null) {
            StringBuilder text = new StringBuilder(group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version);
            if (namespace != null) {
                text.append("/namespaces/").append(namespace);
            }
            text.append('/').append(resource);
            if (name != null) {
                text.append('/').append(name);
            }
            if (subresource != null) {
                text.append('/').append(subresource);
            }
            uri = path != null ? path : text.toString();
            ref.put("resource", resource);
            if (namespace != null) {
                ref.put("namespace", namespace);
            }
            if (name != null) {
                ref.put("name", name);
            }
            if (!group.isEmpty()) {
                ref.put("apiGroup", group);
            }
            ref.put("apiVersion", version);
            if (subresource != null) {
                ref.put("subresource", subresource);
            }
        }
        event.put("requestURI", query.isEmpty() ? uri : uri + "?" + query);
        ObjectNode user = event.putObject("user");
        user.put("username", caller.username());
        ArrayNode groups = user.putArray("groups");
        caller.groups().forEach(groups::add);
        event.putArray("sourceIPs").add(caller.sourceIp());
        event.put("userAgent", caller.userAgent());
        if (resource != null) {
            event.set("objectRef", ref);
        }
        ObjectNode status = event.putObject("responseStatus");
        status.putObject("metadata");
        status.put("code", code);
        event.put("requestReceivedTimestamp", at.toString());
        event.put("stageTimestamp", at.plusNanos(latencyMicros * 1_000).toString());
        ObjectNode annotations = event.putObject("annotations");
        annotations.put("authorization.k8s.io/decision", "allow");
        annotations.put("authorization.k8s.io/reason", reason);
        // Key order as the API server writes it: requestObject/responseObject after the envelope.
        for (String body : new String[] {"requestObject", "responseObject"}) {
            JsonNode value = event.remove(body);
            if (value != null) {
                event.set(body, value);
            }
        }
        return event;
    }
}

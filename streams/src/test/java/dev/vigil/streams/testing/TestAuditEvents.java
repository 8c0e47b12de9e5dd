package dev.vigil.streams.testing;

import dev.vigil.model.audit.AuditRecord;
import dev.vigil.model.audit.AuditRecordCodec;
import dev.vigil.model.json.VigilJson;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;

/** Audit events written in tests as they travel on {@code k8s.audit.events}. */
public final class TestAuditEvents {

    public static final Instant RECEIVED_AT = Instant.parse("2026-03-02T10:00:00Z");

    private TestAuditEvents() {
    }

    /** The wire form of one audit event (JSON text) with the envelope of {@code cluster}. */
    public static byte[] encode(String eventJson, String cluster) {
        return AuditRecordCodec.encode((ObjectNode) VigilJson.mapper().readTree(eventJson), cluster, RECEIVED_AT);
    }

    /** One audit event (JSON text) decoded as the topology sees it, with the envelope of {@code cluster}. */
    public static AuditRecord record(String eventJson, String cluster) {
        return AuditRecordCodec.decode(encode(eventJson, cluster)).value();
    }

    /** A minimal {@code audit.k8s.io/v1} event at stage ResponseComplete. */
    public static String event(String auditId, String user, String verb, String resource, String namespace,
                               String name, int code, String stageTimestamp) {
        ObjectNode event = VigilJson.mapper().createObjectNode();
        event.put("kind", "Event").put("apiVersion", "audit.k8s.io/v1").put("level", "Metadata")
                .put("auditID", auditId).put("stage", "ResponseComplete")
                .put("requestURI", "/api/v1/namespaces/" + namespace + "/" + resource + (name == null ? "" : "/" + name))
                .put("verb", verb);
        event.putObject("user").put("username", user).putArray("groups").add("system:authenticated");
        event.putArray("sourceIPs").add("203.0.113.7");
        event.put("userAgent", "kubectl/v1.30.2 (linux/amd64) kubernetes/3968350");
        ObjectNode ref = event.putObject("objectRef").put("resource", resource).put("namespace", namespace)
                .put("apiVersion", "v1");
        if (name != null) {
            ref.put("name", name);
        }
        event.putObject("responseStatus").put("code", code);
        event.put("requestReceivedTimestamp", stageTimestamp).put("stageTimestamp", stageTimestamp);
        event.putObject("annotations").put("authorization.k8s.io/decision", "allow");
        return VigilJson.write(event);
    }
}

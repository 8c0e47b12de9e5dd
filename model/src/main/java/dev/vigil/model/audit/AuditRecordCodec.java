package dev.vigil.model.audit;

import dev.vigil.model.json.Decoded;
import dev.vigil.model.json.VigilJson;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Wire form of {@code k8s.audit.events}: the original event object with two top-level envelope fields,
 * {@code cluster} and {@code receivedAt}, added. Every original field is kept as it arrived.
 */
public final class AuditRecordCodec {

    public static final String CLUSTER = "cluster";
    public static final String RECEIVED_AT = "receivedAt";

    private AuditRecordCodec() {
    }

    /** Adds the envelope to an event object as received (the object itself is not modified). */
    public static byte[] encode(ObjectNode originalEvent, String cluster, Instant receivedAt) {
        ObjectNode enveloped = originalEvent.deepCopy();
        enveloped.put(CLUSTER, cluster);
        enveloped.put(RECEIVED_AT, receivedAt.toString());
        return VigilJson.writeBytes(enveloped);
    }

    /** Encodes a parsed event (used by tests, fixtures and benchmarks that build events in code). */
    public static byte[] encode(AuditRecord record) {
        ObjectNode node = VigilJson.mapper().valueToTree(record.event());
        return encode(node, record.cluster(), record.receivedAt());
    }

    public static Decoded<AuditRecord> decode(byte[] value) {
        if (value == null) {
            return Decoded.failed("empty record", "");
        }
        JsonNode node;
        try {
            node = VigilJson.mapper().readTree(value);
        } catch (JacksonException e) {
            return Decoded.failed("not valid JSON: " + e.getOriginalMessage(), text(value));
        }
        if (node == null || !node.isObject()) {
            return Decoded.failed("not a JSON object", text(value));
        }
        // The tree is ours alone: take the envelope off in place instead of copying (this is the hot path).
        ObjectNode event = (ObjectNode) node;
        JsonNode cluster = event.remove(CLUSTER);
        JsonNode receivedAt = event.remove(RECEIVED_AT);
        Instant received = receivedAt != null && receivedAt.isString()
                ? Timestamps.parse(receivedAt.stringValue()).orElse(null) : null;
        String clusterName = cluster != null && cluster.isString() ? cluster.stringValue() : null;
        Decoded<AuditEvent> parsed = AuditEventParser.parse(event, "");
        if (parsed instanceof Decoded.Failed<AuditEvent> failed) {
            return Decoded.failed(failed.reason(), text(value));
        }
        return Decoded.ok(new AuditRecord(clusterName, received, parsed.value()));
    }

    private static String text(byte[] value) {
        return new String(value, StandardCharsets.UTF_8);
    }
}

package dev.vigil.model.audit;

import dev.vigil.model.json.Decoded;
import dev.vigil.model.json.RawJsonValue;
import dev.vigil.model.json.VigilJson;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code requestObject} and {@code responseObject} of a {@link AuditRecordCodec#decodeLazily lazily decoded}
 * record, not yet parsed: the byte range of each in the record value as it arrived, parsed into a tree on first use
 * and at most once. They are parsed by the same parser as {@link AuditRecordCodec#decode} over the same bytes, so a
 * detection that reads them sees exactly what the evidence shows — no second contract (such as Kafka headers) to keep
 * in step, and no way for an attacker to make detection and evidence read different events.
 * <p>
 * The streaming pass that found the ranges has already tokenized each object under the same limits (nesting, name
 * and number length); what it may not check is what a skip does not decode (the characters inside a string, say). If an object then fails to parse, the record is decoded fully, as {@code decode} does, and its
 * objects — and the {@link DroppedObjects} marker in {@link #whole} — come from there. Not thread-safe: one record
 * is processed by one thread.
 */
public final class LazyObjects {

    private static final JsonMapper MAPPER = VigilJson.tolerantMapper();

    /** Where one object is: {@code start < 0} once {@code node} holds it (null: absent). */
    static final class Slot {
        private int start;
        private final int end;
        private JsonNode node;

        Slot(int start, int end) {
            this.start = start;
            this.end = end;
        }
    }

    private final byte[] value;
    private final Slot request;
    private final Slot response;
    /** The ranges were walked by {@link AuditRecordCodec#decodeChecked}'s check, not only skipped. */
    private final boolean checked;
    private AuditEvent whole;
    private AuditEvent decodedFully;

    /** @param request the range of {@code requestObject} in {@code value}, or null when the envelope holds it */
    LazyObjects(byte[] value, Slot request, Slot response, boolean checked) {
        this.value = value;
        this.request = request;
        this.response = response;
        this.checked = checked;
    }

    /**
     * Whether {@link AuditRecordCodec#decodeChecked}'s check passed both objects and neither has been parsed since:
     * then {@link #requestBytes()} and {@link #responseBytes()} stand for them.
     */
    public boolean checkedAndUnread() {
        return checked && decodedFully == null && unread(request) && unread(response);
    }

    /** The bytes of {@code requestObject} as they arrived (null: not a range; see {@link #checkedAndUnread()}). */
    public RawJsonValue requestBytes() {
        return bytes(request);
    }

    /** The bytes of {@code responseObject} as they arrived (null: not a range; see {@link #checkedAndUnread()}). */
    public RawJsonValue responseBytes() {
        return bytes(response);
    }

    private static boolean unread(Slot slot) {
        return slot == null || slot.start >= 0;
    }

    private RawJsonValue bytes(Slot slot) {
        return slot == null || slot.start < 0 ? null : new RawJsonValue(value, slot.start, slot.end - slot.start);
    }

    JsonNode requestObject(AuditEvent envelope) {
        return request == null ? envelope.requestObject() : read(request, envelope, true);
    }

    JsonNode responseObject(AuditEvent envelope) {
        return response == null ? envelope.responseObject() : read(response, envelope, false);
    }

    /** The event with both objects; the same instance on every call. */
    AuditEvent whole(AuditEvent envelope) {
        if (whole == null) {
            JsonNode requestObject = requestObject(envelope);
            JsonNode responseObject = responseObject(envelope);
            whole = decodedFully != null ? decodedFully : new AuditEvent(envelope.apiVersion(), envelope.kind(),
                    envelope.level(), envelope.auditID(), envelope.stage(), envelope.requestURI(), envelope.verb(),
                    envelope.user(), envelope.impersonatedUser(), envelope.sourceIPs(), envelope.userAgent(),
                    envelope.objectRef(), envelope.responseStatus(), requestObject, responseObject,
                    envelope.requestReceivedTimestamp(), envelope.stageTimestamp(), envelope.annotations(),
                    envelope.other());
        }
        return whole;
    }

    private JsonNode read(Slot slot, AuditEvent envelope, boolean isRequest) {
        if (decodedFully == null && slot.start >= 0) {
            try {
                JsonNode node = MAPPER.readTree(value, slot.start, slot.end - slot.start);
                slot.node = node == null || node.isNull() ? null : node;
                slot.start = -1;
            } catch (JacksonException | NumberFormatException e) {
                decodedFully = decodeFully(envelope);
            }
        }
        if (decodedFully != null) {
            return isRequest ? decodedFully.requestObject() : decodedFully.responseObject();
        }
        return slot.node;
    }

    /** What {@link AuditRecordCodec#decode} makes of the record (it drops and notes what cannot be read). */
    private AuditEvent decodeFully(AuditEvent envelope) {
        Decoded<AuditRecord> decoded = AuditRecordCodec.decode(value);
        if (decoded.isOk()) {
            return decoded.value().event();
        }
        // Not reached for a record whose envelope read (the full decode then reads it too); kept safe nonetheless.
        Map<String, JsonNode> other = new LinkedHashMap<>(envelope.other());
        var marker = MAPPER.createObjectNode();
        DroppedObjects.of(envelope).forEach(marker::put);
        for (String field : DroppedObjects.DROPPABLE) {
            marker.put(field, "unreadable: " + ((Decoded.Failed<AuditRecord>) decoded).reason());
        }
        other.put(DroppedObjects.FIELD, marker);
        return new AuditEvent(envelope.apiVersion(), envelope.kind(), envelope.level(), envelope.auditID(),
                envelope.stage(), envelope.requestURI(), envelope.verb(), envelope.user(), envelope.impersonatedUser(),
                envelope.sourceIPs(), envelope.userAgent(), envelope.objectRef(), envelope.responseStatus(), null, null,
                envelope.requestReceivedTimestamp(), envelope.stageTimestamp(), envelope.annotations(), other);
    }

    @Override
    public String toString() {
        return "LazyObjects[" + value.length + " bytes" + (whole != null ? ", read" : "") + "]";
    }
}

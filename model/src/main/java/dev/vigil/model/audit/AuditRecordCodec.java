package dev.vigil.model.audit;

import dev.vigil.model.json.Decoded;
import dev.vigil.model.json.VigilJson;
import tools.jackson.core.JsonParser;
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

    /**
     * Adds the envelope to an event object as received (the object itself is not modified). The event is serialised
     * as it is and the envelope appended to its bytes — no copy of the tree; only an event that already carries an
     * envelope field (whose value the envelope then replaces in place) takes the slower copying path.
     */
    public static byte[] encode(ObjectNode originalEvent, String cluster, Instant receivedAt) {
        return encode(null, originalEvent, cluster, receivedAt);
    }

    /**
     * {@link #encode(ObjectNode, String, Instant)} from the text the event arrived in, when there is one: that text
     * (trimmed) is sent on instead of serialising the parsed object again. {@code originalText} must be the JSON text
     * {@code originalEvent} was parsed from; null falls back to serialising {@code originalEvent}.
     */
    public static byte[] encode(String originalText, ObjectNode originalEvent, String cluster, Instant receivedAt) {
        String received = receivedAt.toString();
        if (originalEvent.has(CLUSTER) || originalEvent.has(RECEIVED_AT)) {
            ObjectNode enveloped = originalEvent.deepCopy();
            enveloped.put(CLUSTER, cluster);
            enveloped.put(RECEIVED_AT, received);
            return VigilJson.writeBytes(enveloped);
        }
        byte[] event = originalText == null ? VigilJson.writeBytes(originalEvent)
                : originalText.strip().getBytes(StandardCharsets.UTF_8);
        return append(event, originalEvent.isEmpty(), cluster, received);
    }

    /**
     * {@link #encode(String, ObjectNode, String, Instant)} without the tree, for the text of a non-empty event object
     * already known (from its tokens, by the webhook) to carry no envelope field: the same bytes.
     */
    public static byte[] encodeText(String originalText, String cluster, Instant receivedAt) {
        return append(originalText.strip().getBytes(StandardCharsets.UTF_8), false, cluster, receivedAt.toString());
    }

    /**
     * The envelope's fields and the closing brace, {@code "cluster":…,"receivedAt":"…"}}, as {@link #encode} appends
     * them to an event's text: for a caller that encodes many events of one batch from their bytes
     * ({@link Utf8ItemReader}).
     */
    public static byte[] envelope(String cluster, Instant receivedAt) {
        return envelope(cluster, receivedAt.toString());
    }

    private static byte[] envelope(String cluster, String received) {
        return ("\"" + CLUSTER + "\":" + VigilJson.write(cluster)
                + ",\"" + RECEIVED_AT + "\":\"" + received + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] append(byte[] event, boolean empty, String cluster, String received) {
        byte[] envelope = envelope(cluster, received);
        // event is an object ending in '}': replace that brace by the envelope, after a comma unless it is empty.
        if (event.length < 2 || event[event.length - 1] != '}') {
            throw new IllegalArgumentException("not the text of a JSON object");
        }
        byte[] wire = new byte[event.length - 1 + (empty ? 0 : 1) + envelope.length];
        System.arraycopy(event, 0, wire, 0, event.length - 1);
        int at = event.length - 1;
        if (!empty) {
            wire[at++] = ',';
        }
        System.arraycopy(envelope, 0, wire, at, envelope.length);
        return wire;
    }

    /** Encodes a parsed event (used by tests, fixtures and benchmarks that build events in code). */
    public static byte[] encode(AuditRecord record) {
        ObjectNode node = VigilJson.mapper().valueToTree(record.whole().event());
        return encode(node, record.cluster(), record.receivedAt());
    }

    public static Decoded<AuditRecord> decode(byte[] value) {
        if (value == null) {
            return Decoded.failed("empty record", "");
        }
        // Read as the API server's Go JSON reads it (duplicate keys: the last wins), an unreadable request or response
        // object dropped and noted rather than losing the event: what a user put into an object cannot hide it.
        ItemParser.Parsed parsedValue = ItemParser.parse(value);
        if (!parsedValue.isOk()) {
            return Decoded.failed(parsedValue.error(), text(value));
        }
        JsonNode node = parsedValue.node();
        if (node == null || !node.isObject()) {
            return Decoded.failed("not a JSON object", text(value));
        }
        // The tree is ours alone: take the envelope off in place instead of copying (this is the hot path).
        Decoded<AuditRecord> record = record((ObjectNode) node, null);
        return record.isOk() ? record : Decoded.failed(((Decoded.Failed<AuditRecord>) record).reason(), text(value));
    }

    /**
     * {@link #decode} for a reader that seldom needs {@code requestObject} and {@code responseObject} (detection):
     * the same parser over the same bytes, but the two objects are skipped rather than built, and parsed on first use
     * through {@link AuditRecord#requestObject()}, {@link AuditRecord#responseObject()} or {@link AuditRecord#whole()}
     * (see {@link LazyObjects}); the envelope is read straight from the tokens, no tree. The result, objects read,
     * equals {@code decode}'s — duplicate keys, limits, unreadable objects dropped and noted alike: any record the
     * streaming pass finds unusual (see {@link EnvelopeReader}), one without an {@code auditID} (whose derived id
     * hashes the whole event) and any failure take {@code decode} itself.
     */
    public static Decoded<AuditRecord> decodeLazily(byte[] value) {
        EnvelopeReader.Envelope envelope = EnvelopeReader.read(value);
        return envelope == null ? decode(value) : Decoded.ok(withRanges(value, envelope, false));
    }

    /**
     * {@link #decode}'s result — the same record, the same failures — for a reader that needs every record whole
     * (evidence): the record is read token by token as {@link #decodeLazily} reads its envelope, but the objects are
     * built as trees on the way, by the same parser and its limits, instead of the tree of the whole event. Whatever
     * that pass finds unusual (see {@link EnvelopeReader}), an object it cannot read included, takes {@code decode}
     * itself, which then fails or drops and notes the object exactly as always.
     */
    public static Decoded<AuditRecord> decodeStreaming(byte[] value) {
        AuditRecord record = EnvelopeReader.readWhole(value);
        return record == null ? decode(value) : Decoded.ok(record);
    }

    /**
     * A look at {@code requestObject} or {@code responseObject} while the record is read, instead of building it: the
     * parser stands on the value's {@code START_OBJECT} or {@code START_ARRAY}; the check reads every token of the
     * value through its end, or answers false (then it may stop anywhere).
     */
    @FunctionalInterface
    public interface ObjectCheck {

        boolean passes(JsonParser parser);
    }

    /**
     * {@link #decodeStreaming}'s record for a reader that writes the objects out as they are (evidence): when
     * {@code check} passes every object and the record is plain (see {@link EnvelopeReader}) and has no duplicate key
     * anywhere, the objects are not built but kept as ranges ({@link LazyObjects#checkedAndUnread()}) — then the bytes of
     * each are the JSON of the tree {@link #decode} would build, read by {@code check} token by token, every string
     * and number converted as the tree reader converts it; otherwise {@link #decodeStreaming} itself.
     */
    public static Decoded<AuditRecord> decodeChecked(byte[] value, ObjectCheck check) {
        EnvelopeReader.Envelope envelope = EnvelopeReader.readChecked(value, check);
        return envelope == null ? decodeStreaming(value) : Decoded.ok(withRanges(value, envelope, true));
    }

    /** The record of an envelope read from {@code value}, its objects (if any were kept as ranges) read from there. */
    private static AuditRecord withRanges(byte[] value, EnvelopeReader.Envelope envelope, boolean checked) {
        LazyObjects objects = envelope.request() == null && envelope.response() == null ? null
                : new LazyObjects(value, envelope.request(), envelope.response(), checked);
        return new AuditRecord(envelope.cluster(), envelope.receivedAt(), envelope.event(), objects);
    }

    private static Decoded<AuditRecord> record(ObjectNode event, LazyObjects objects) {
        JsonNode cluster = event.remove(CLUSTER);
        JsonNode receivedAt = event.remove(RECEIVED_AT);
        Instant received = receivedAt != null && receivedAt.isString()
                ? Timestamps.parse(receivedAt.stringValue()).orElse(null) : null;
        String clusterName = cluster != null && cluster.isString() ? cluster.stringValue() : null;
        Decoded<AuditEvent> parsed = AuditEventParser.parse(event, "");
        if (parsed instanceof Decoded.Failed<AuditEvent> failed) {
            return Decoded.failed(failed.reason(), "");
        }
        return Decoded.ok(new AuditRecord(clusterName, received, parsed.value(), objects));
    }

    private static String text(byte[] value) {
        return new String(value, StandardCharsets.UTF_8);
    }
}

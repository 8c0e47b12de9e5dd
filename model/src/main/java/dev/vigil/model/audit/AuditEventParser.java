package dev.vigil.model.audit;

import dev.vigil.model.json.Decoded;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns untrusted JSON into {@link AuditEvent}s, as tolerant as real audit logs require (missing
 * apiVersion/kind, v1beta1 events, non-RFC-3339 timestamps, missing or unknown verbs, unknown fields) and
 * strict where nothing sensible can be done (not an object, a field of the wrong type). An event without
 * {@code auditID} (hand-written fixtures, some log shippers) gets a {@link #derivedAuditId derived} one, so that
 * re-reading the same event yields the same identity; the webhook rejects such events instead, as an API
 * server always sends one.
 * Never throws: every failure is a {@link Decoded.Failed} with a reason naming the field.
 */
public final class AuditEventParser {

    static final Set<String> KNOWN_FIELDS = Set.of("apiVersion", "kind", "level", "auditID", "stage", "requestURI",
            "verb", "user", "impersonatedUser", "sourceIPs", "userAgent", "objectRef", "responseStatus",
            "requestObject", "responseObject", "requestReceivedTimestamp", "stageTimestamp", "annotations");

    static final String DERIVED_PREFIX = "derived-";

    private AuditEventParser() {
    }

    /**
     * Parses the text of one event as the API server's Go JSON would read it (duplicate keys: the last wins); an
     * unreadable request or response object is dropped and noted ({@link DroppedObjects}).
     */
    public static Decoded<AuditEvent> parse(String text) {
        ItemParser.Parsed parsed = ItemParser.parse(text);
        if (!parsed.isOk()) {
            return Decoded.failed(parsed.error(), text);
        }
        return parse(parsed.node(), text);
    }

    /** Parses an already-read tree; {@code original} is kept for the error value. */
    public static Decoded<AuditEvent> parse(JsonNode node, String original) {
        try {
            return Decoded.ok(read(node));
        } catch (InvalidEvent e) {
            return Decoded.failed(e.getMessage(), original != null ? original : String.valueOf(node));
        }
    }

    private static AuditEvent read(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new InvalidEvent("not a JSON object but " + describe(node));
        }
        String kind = text(node, "kind");
        if (kind != null && !kind.equals("Event")) {
            throw new InvalidEvent("kind is '" + kind + "', expected 'Event'");
        }
        String auditID = text(node, "auditID");
        if (auditID != null && auditID.isBlank()) {
            throw new InvalidEvent("auditID is empty");
        }
        if (auditID == null) {
            auditID = derivedAuditId(node);
        }
        Map<String, JsonNode> other = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (!KNOWN_FIELDS.contains(field.getKey())) {
                other.put(field.getKey(), field.getValue());
            }
        }
        return new AuditEvent(
                text(node, "apiVersion"),
                kind,
                text(node, "level"),
                auditID,
                text(node, "stage"),
                text(node, "requestURI"),
                text(node, "verb"),
                user(node, "user"),
                user(node, "impersonatedUser"),
                strings(node, "sourceIPs"),
                text(node, "userAgent"),
                objectRef(node.get("objectRef")),
                responseStatus(node.get("responseStatus")),
                tree(node, "requestObject"),
                tree(node, "responseObject"),
                timestamp(node, "requestReceivedTimestamp"),
                timestamp(node, "stageTimestamp"),
                stringMap(node, "annotations", "annotations"),
                other);
    }

    /** A stable id for an event that has none: {@code derived-} and the SHA-256 of its compact JSON. */
    public static String derivedAuditId(JsonNode node) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(node.toString().getBytes(StandardCharsets.UTF_8));
            return DERIVED_PREFIX + HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    public static boolean isDerived(String auditID) {
        return auditID != null && auditID.startsWith(DERIVED_PREFIX);
    }

    private static UserInfo user(JsonNode parent, String field) {
        JsonNode node = object(parent, field);
        if (node == null) {
            return null;
        }
        Map<String, List<String>> extra = new LinkedHashMap<>();
        JsonNode extraNode = object(node, "extra");
        if (extraNode != null) {
            for (Map.Entry<String, JsonNode> entry : extraNode.properties()) {
                extra.put(entry.getKey(), stringList(entry.getValue(), field + ".extra." + entry.getKey()));
            }
        }
        return new UserInfo(text(node, "username", field), text(node, "uid", field),
                stringList(node.get("groups"), field + ".groups"), extra);
    }

    private static ObjectReference objectRef(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        requireObject(node, "objectRef");
        return new ObjectReference(text(node, "resource", "objectRef"), text(node, "namespace", "objectRef"),
                text(node, "name", "objectRef"), text(node, "uid", "objectRef"), text(node, "apiGroup", "objectRef"),
                text(node, "apiVersion", "objectRef"), text(node, "resourceVersion", "objectRef"),
                text(node, "subresource", "objectRef"));
    }

    private static ResponseStatus responseStatus(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        requireObject(node, "responseStatus");
        JsonNode code = node.get("code");
        Integer codeValue = null;
        if (code != null && !code.isNull()) {
            if (!code.isIntegralNumber() || !code.canConvertToInt()) {
                throw new InvalidEvent("responseStatus.code: expected an integer but got " + describe(code));
            }
            codeValue = code.intValue();
        }
        return new ResponseStatus(codeValue, text(node, "status", "responseStatus"),
                text(node, "reason", "responseStatus"), text(node, "message", "responseStatus"), tree(node, "details"));
    }

    private static Instant timestamp(JsonNode node, String field) {
        String value = text(node, field);
        if (value == null) {
            return null;
        }
        return Timestamps.parse(value)
                .orElseThrow(() -> new InvalidEvent(field + ": unparseable timestamp '" + abbreviate(value) + "'"));
    }

    private static String text(JsonNode parent, String field) {
        return text(parent, field, null);
    }

    private static String text(JsonNode parent, String field, String prefix) {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw new InvalidEvent(path(prefix, field) + ": expected a string but got " + describe(value));
        }
        return value.stringValue();
    }

    private static JsonNode object(JsonNode parent, String field) {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        requireObject(value, field);
        return value;
    }

    private static JsonNode tree(JsonNode parent, String field) {
        JsonNode value = parent.get(field);
        return value == null || value.isNull() ? null : value;
    }

    private static List<String> strings(JsonNode parent, String field) {
        return stringList(parent.get(field), field);
    }

    private static List<String> stringList(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new InvalidEvent(path + ": expected an array of strings but got " + describe(node));
        }
        List<String> values = new ArrayList<>(node.size());
        for (JsonNode item : node) {
            if (!item.isString()) {
                throw new InvalidEvent(path + ": expected an array of strings but an item is " + describe(item));
            }
            values.add(item.stringValue());
        }
        return values;
    }

    private static Map<String, String> stringMap(JsonNode parent, String field, String path) {
        JsonNode node = object(parent, field);
        if (node == null) {
            return Map.of();
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            JsonNode value = entry.getValue();
            // Annotation values are strings upstream; keep scalars written by other producers as text.
            if (value.isValueNode() && !value.isNull()) {
                values.put(entry.getKey(), value.asString());
            } else if (!value.isNull()) {
                throw new InvalidEvent(path + "." + entry.getKey() + ": expected a string but got " + describe(value));
            }
        }
        return values;
    }

    private static void requireObject(JsonNode node, String path) {
        if (!node.isObject()) {
            throw new InvalidEvent(path + ": expected an object but got " + describe(node));
        }
    }

    private static String path(String prefix, String field) {
        return prefix == null ? field : prefix + "." + field;
    }

    private static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        return node.getNodeType().name().toLowerCase() + (node.isValueNode() ? " " + abbreviate(node.toString()) : "");
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }

    /** Only used to unwind the recursive reader to {@link #parse}; never escapes this class. */
    private static final class InvalidEvent extends RuntimeException {
        InvalidEvent(String message) {
            super(message, null, false, false);
        }
    }

    static ObjectNode copyWithout(ObjectNode node, String... fields) {
        ObjectNode copy = node.deepCopy();
        for (String field : fields) {
            copy.remove(field);
        }
        return copy;
    }
}

package dev.vigil.model.audit;

import dev.vigil.model.json.VigilJson;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The streaming half of {@link AuditRecordCodec#decodeLazily} and {@link AuditRecordCodec#decodeStreaming}: reads a
 * record value token by token with the tolerant parser {@link ItemParser} uses and builds the {@link AuditEvent}
 * straight from the tokens — no tree for the envelope — while {@code requestObject} and {@code responseObject}, when
 * objects or arrays, are either skipped (tokenized under the same limits, since the same parser counts nesting from
 * the record, but not built) and kept as byte ranges, or ({@link #readWhole}) built as trees on the way, or
 * ({@link #readChecked}) walked by a caller's check, every value converted, and kept as byte ranges.
 * Duplicate keys: the last wins, as in the tree {@link AuditEventParser} reads (a second object when kept as a range,
 * and a null annotation, are left to the full decode). Values the event does not keep are read as trees too, not
 * skipped, so that they fail where {@code decode} fails. It accepts only the plain shape of an event; anything else —
 * not an object, a syntax or limit error anywhere, trailing text, a field of an unexpected type, a missing
 * {@code auditID}, an unparseable timestamp — yields null and the caller decodes fully, which gives the exact failure
 * or drops and notes an unreadable object.
 */
final class EnvelopeReader {

    private static final JsonMapper MAPPER = VigilJson.tolerantMapper();
    /** For {@link #readChecked}: any duplicate key fails the read (the full decode then keeps the last). */
    private static final JsonMapper STRICT = VigilJson.mapper();

    /** The record's envelope and event, the objects left out of it as ranges (null: in the event or absent). */
    record Envelope(String cluster, Instant receivedAt, AuditEvent event, LazyObjects.Slot request,
                    LazyObjects.Slot response) {
    }

    /** Not the plain shape: decode fully instead. Thrown without a stack trace; never escapes this class. */
    private static final class Unusual extends RuntimeException {
        private static final Unusual INSTANCE = new Unusual();

        private Unusual() {
            super("unusual", null, false, false);
        }
    }

    private final byte[] value;
    private final JsonParser parser;
    /** Build the objects' trees on the way instead of keeping their ranges. */
    private final boolean objectTrees;
    /** Walks each object kept as a range instead of skipping it (null: skip). */
    private final AuditRecordCodec.ObjectCheck check;
    private String apiVersion;
    private String kind;
    private String level;
    private String auditID;
    private String stage;
    private String requestURI;
    private String verb;
    private UserInfo user;
    private UserInfo impersonatedUser;
    private List<String> sourceIPs;
    private String userAgent;
    private ObjectReference objectRef;
    private ResponseStatus responseStatus;
    private JsonNode requestObject;
    private JsonNode responseObject;
    private LazyObjects.Slot request;
    private LazyObjects.Slot response;
    private Instant requestReceivedTimestamp;
    private Instant stageTimestamp;
    private Map<String, String> annotations;
    private Map<String, JsonNode> other;
    private String cluster;
    private Instant receivedAt;

    private EnvelopeReader(byte[] value, JsonParser parser, boolean objectTrees, AuditRecordCodec.ObjectCheck check) {
        this.value = value;
        this.parser = parser;
        this.objectTrees = objectTrees;
        this.check = check;
    }

    /** The envelope, the objects kept as ranges; null: decode fully. */
    static Envelope read(byte[] value) {
        return read(value, false);
    }

    /**
     * The whole event, the objects built as trees by the same parser on the way (so under the same limits, and as
     * {@code decode}'s tree reader builds them: an object it cannot read fails the whole read); null: decode fully.
     */
    static AuditRecord readWhole(byte[] value) {
        Envelope envelope = read(value, true);
        return envelope == null ? null : new AuditRecord(envelope.cluster(), envelope.receivedAt(), envelope.event());
    }

    /**
     * {@link #read}, but each object is walked by {@code check} instead of skipped, and any duplicate key anywhere in
     * the record fails the read: the objects kept as ranges are then exactly the trees the full decode would build,
     * so their bytes can stand for them. Null: decode otherwise (also when {@code check} refuses an object).
     */
    static Envelope readChecked(byte[] value, AuditRecordCodec.ObjectCheck check) {
        return read(value, STRICT, false, check);
    }

    private static Envelope read(byte[] value, boolean objectTrees) {
        return read(value, MAPPER, objectTrees, null);
    }

    private static Envelope read(byte[] value, JsonMapper mapper, boolean objectTrees,
                                 AuditRecordCodec.ObjectCheck check) {
        // A skipped string is not checked against the string length limit; none can exceed it in a shorter record.
        if (value == null || value.length >= mapper.tokenStreamFactory().streamReadConstraints().getMaxStringLength()) {
            return null;
        }
        try (JsonParser parser = mapper.createParser(value)) {
            return new EnvelopeReader(value, parser, objectTrees, check).read();
        } catch (JacksonException | NumberFormatException | ArithmeticException | Unusual e) {
            return null;
        }
    }

    private Envelope read() {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw Unusual.INSTANCE;
        }
        String name;
        while ((name = parser.nextName()) != null) {
            field(name, parser.nextToken());
        }
        if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
            throw Unusual.INSTANCE;
        }
        if (auditID == null || auditID.isBlank() || kind != null && !kind.equals("Event")) {
            throw Unusual.INSTANCE;
        }
        AuditEvent event = new AuditEvent(apiVersion, kind, level, auditID, stage, requestURI, verb, user,
                impersonatedUser, sourceIPs, userAgent, objectRef, responseStatus, requestObject, responseObject,
                requestReceivedTimestamp, stageTimestamp, annotations, other);
        return new Envelope(cluster, receivedAt, event, request, response);
    }

    private void field(String name, JsonToken token) {
        switch (name) {
            case "apiVersion" -> apiVersion = string(token);
            case "kind" -> kind = string(token);
            case "level" -> level = string(token);
            case "auditID" -> auditID = string(token);
            case "stage" -> stage = string(token);
            case "requestURI" -> requestURI = string(token);
            case "verb" -> verb = string(token);
            case "user" -> user = user(token);
            case "impersonatedUser" -> impersonatedUser = user(token);
            case "sourceIPs" -> sourceIPs = strings(token);
            case "userAgent" -> userAgent = string(token);
            case "objectRef" -> objectRef = objectRef(token);
            case "responseStatus" -> responseStatus = responseStatus(token);
            case "requestObject" -> {
                request = objectTrees ? null : range(once(request != null || requestObject != null, token));
                requestObject = request == null ? tree(token) : null;
            }
            case "responseObject" -> {
                response = objectTrees ? null : range(once(response != null || responseObject != null, token));
                responseObject = response == null ? tree(token) : null;
            }
            case "requestReceivedTimestamp" -> requestReceivedTimestamp = timestamp(token);
            case "stageTimestamp" -> stageTimestamp = timestamp(token);
            case "annotations" -> annotations = annotations(token);
            case AuditRecordCodec.CLUSTER -> cluster = token == JsonToken.VALUE_STRING ? parser.getString() : skipped(token);
            case AuditRecordCodec.RECEIVED_AT -> receivedAt = token == JsonToken.VALUE_STRING
                    ? Timestamps.parse(parser.getString()).orElse(null) : skipped(token);
            default -> {
                if (other == null) {
                    other = new LinkedHashMap<>();
                }
                JsonNode tree = parser.readValueAsTree();
                other.put(name, tree == null ? MAPPER.nullNode() : tree);
            }
        }
    }

    /**
     * A second {@code requestObject} or {@code responseObject}: left to {@code decode}, which reads the earlier one
     * too and notes it when unreadable (a number out of range, say, that the skip of its bytes does not see).
     */
    private JsonToken once(boolean seen, JsonToken token) {
        if (seen) {
            throw Unusual.INSTANCE;
        }
        return token;
    }

    private <T> T skipped(JsonToken token) {
        skip();
        return null;
    }

    /**
     * Passes over a value the event does not keep by reading it as {@code decode}'s tree reader does: a plain skip
     * does not convert numbers, and {@code decode} fails on one {@link java.math.BigDecimal} cannot hold
     * ({@code 1e9999999999}) wherever it is — the lazy decode must not accept what the full one rejects.
     */
    private void skip() {
        parser.readValueAsTree();
    }

    private String string(JsonToken token) {
        if (token == JsonToken.VALUE_STRING) {
            return parser.getString();
        }
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        throw Unusual.INSTANCE;
    }

    private List<String> strings(JsonToken token) {
        if (token == JsonToken.VALUE_NULL) {
            return List.of();
        }
        if (token != JsonToken.START_ARRAY) {
            throw Unusual.INSTANCE;
        }
        List<String> values = new ArrayList<>(4);
        JsonToken item;
        while ((item = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (item != JsonToken.VALUE_STRING) {
                throw Unusual.INSTANCE;
            }
            values.add(parser.getString());
        }
        return values;
    }

    private void requireObject(JsonToken token) {
        if (token != JsonToken.START_OBJECT) {
            throw Unusual.INSTANCE;
        }
    }

    private UserInfo user(JsonToken token) {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        requireObject(token);
        String username = null;
        String uid = null;
        List<String> groups = List.of();
        Map<String, List<String>> extra = Map.of();
        String name;
        while ((name = parser.nextName()) != null) {
            JsonToken value = parser.nextToken();
            switch (name) {
                case "username" -> username = string(value);
                case "uid" -> uid = string(value);
                case "groups" -> groups = strings(value);
                case "extra" -> extra = extra(value);
                default -> skip();
            }
        }
        return new UserInfo(username, uid, groups, extra);
    }

    private Map<String, List<String>> extra(JsonToken token) {
        if (token == JsonToken.VALUE_NULL) {
            return Map.of();
        }
        requireObject(token);
        Map<String, List<String>> extra = new LinkedHashMap<>();
        String key;
        while ((key = parser.nextName()) != null) {
            extra.put(key, strings(parser.nextToken()));
        }
        return extra;
    }

    private ObjectReference objectRef(JsonToken token) {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        requireObject(token);
        String[] fields = new String[8];
        String name;
        while ((name = parser.nextName()) != null) {
            JsonToken value = parser.nextToken();
            int at = switch (name) {
                case "resource" -> 0;
                case "namespace" -> 1;
                case "name" -> 2;
                case "uid" -> 3;
                case "apiGroup" -> 4;
                case "apiVersion" -> 5;
                case "resourceVersion" -> 6;
                case "subresource" -> 7;
                default -> -1;
            };
            if (at < 0) {
                skip();
            } else {
                fields[at] = string(value);
            }
        }
        return new ObjectReference(fields[0], fields[1], fields[2], fields[3], fields[4], fields[5], fields[6],
                fields[7]);
    }

    private ResponseStatus responseStatus(JsonToken token) {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        requireObject(token);
        Integer code = null;
        String status = null;
        String reason = null;
        String message = null;
        JsonNode details = null;
        String name;
        while ((name = parser.nextName()) != null) {
            JsonToken value = parser.nextToken();
            switch (name) {
                case "code" -> code = code(value);
                case "status" -> status = string(value);
                case "reason" -> reason = string(value);
                case "message" -> message = string(value);
                case "details" -> details = tree(value);
                default -> skip();
            }
        }
        return new ResponseStatus(code, status, reason, message, details);
    }

    private Integer code(JsonToken token) {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.VALUE_NUMBER_INT || parser.getNumberType() != JsonParser.NumberType.INT) {
            throw Unusual.INSTANCE;
        }
        return parser.getIntValue();
    }

    private Instant timestamp(JsonToken token) {
        String text = string(token);
        return text == null ? null : Timestamps.parse(text).orElseThrow(() -> Unusual.INSTANCE);
    }

    private Map<String, String> annotations(JsonToken token) {
        if (token == JsonToken.VALUE_NULL) {
            return Map.of();
        }
        requireObject(token);
        Map<String, String> values = new LinkedHashMap<>();
        String key;
        while ((key = parser.nextName()) != null) {
            JsonToken value = parser.nextToken();
            if (value == JsonToken.VALUE_STRING) {
                values.put(key, parser.getString());
            } else {
                // A null keeps its key's place in the tree reader's object, and a value given again after it takes
                // that place: the order of the map, and so of the evidence, would differ. Other scalars are kept as
                // text by the tree reader. Both rare: leave them to it.
                throw Unusual.INSTANCE;
            }
        }
        return values;
    }

    /** A value as a tree, null for JSON null (as {@link AuditEventParser} keeps objects and details). */
    private JsonNode tree(JsonToken token) {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        JsonNode tree = parser.readValueAsTree();
        return tree == null || tree.isNull() ? null : tree;
    }

    /** At an object or array: skips to its end and returns its bytes' range; null (nothing read) for a scalar. */
    private LazyObjects.Slot range(JsonToken token) {
        if (token != JsonToken.START_OBJECT && token != JsonToken.START_ARRAY) {
            return null;
        }
        long start = parser.currentTokenLocation().getByteOffset();
        byte open = (byte) (token == JsonToken.START_OBJECT ? '{' : '[');
        if (check == null) {
            parser.skipChildren();
        } else if (!check.passes(parser)) {
            throw Unusual.INSTANCE;
        }
        long end = parser.currentLocation().getByteOffset();
        if (start < 0 || end <= start || end > value.length || value[(int) start] != open
                || value[(int) end - 1] != (open == '{' ? '}' : ']')) {
            throw Unusual.INSTANCE;
        }
        return new LazyObjects.Slot((int) start, (int) end);
    }
}

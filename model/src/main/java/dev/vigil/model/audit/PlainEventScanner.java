package dev.vigil.model.audit;

import dev.vigil.model.audit.JsonByteCursor.NotSure;

import java.nio.charset.StandardCharsets;

/**
 * The fast check of {@link Utf8ItemReader}: one hand-written pass over an item's bytes that recognises the plain
 * event the API server sends — and only that — finding its end, checking what {@link ItemSummary} checks, and that
 * its strings are well-formed UTF-8. It accepts a strict subset of what Jackson's parser and {@link ItemSummary}
 * accept: the JSON {@link PlainJsonLexer} reads, the needed string values ({@code auditID}, {@code stage},
 * {@code kind}, {@code apiVersion}, timestamps) without escapes. Anything else — however valid — makes it answer
 * "not sure" (-1), and the reader asks Jackson ({@link ItemSummary#readObject}), which gives the exact answer.
 * This class holds what the audit fields must be; the lexer the bytes. Not thread-safe: one per reader.
 */
final class PlainEventScanner {

    private final PlainJsonLexer json = new PlainJsonLexer();
    private String auditID;
    private String stage;

    /**
     * Scans the object at {@code bytes[from]}: its end (exclusive) when it is a plain event {@link ItemSummary} would
     * accept without the tree (says it is an event, has an {@code auditID}, no envelope field), else -1. The buffer
     * ending first is -1 too.
     */
    int scan(byte[] bytes, int from, int limit) {
        json.reset(bytes, from, limit);
        try {
            return root();
        } catch (NotSure | ArrayIndexOutOfBoundsException notSure) {
            return -1;
        }
    }

    /** Whether the scan last answered -1 only because the bytes ended before the item did (so far a plain event). */
    boolean cutOff() {
        return json.cutOff();
    }

    String auditID() {
        return auditID;
    }

    String stage() {
        return stage;
    }

    /** Line feeds in the item scanned last. */
    int lineFeeds() {
        return json.lineFeeds();
    }

    private static final byte[] AUDIT_ID = ascii("auditID");
    private static final byte[] STAGE = ascii("stage");
    private static final byte[] KIND = ascii("kind");
    private static final byte[] API_VERSION = ascii("apiVersion");
    private static final byte[] VERB = ascii("verb");
    private static final byte[] EVENT = ascii("Event");
    private static final byte[] AUDIT_API_GROUP = ascii("audit.k8s.io/");
    private static final byte[] REQUEST_URI = ascii("requestURI");
    private static final byte[] LEVEL = ascii("level");
    private static final byte[] USER_AGENT = ascii("userAgent");
    private static final byte[] REQUEST_RECEIVED = ascii("requestReceivedTimestamp");
    private static final byte[] STAGE_TIMESTAMP = ascii("stageTimestamp");
    private static final byte[] USER = ascii("user");
    private static final byte[] IMPERSONATED_USER = ascii("impersonatedUser");
    private static final byte[] SOURCE_IPS = ascii("sourceIPs");
    private static final byte[] OBJECT_REF = ascii("objectRef");
    private static final byte[] RESPONSE_STATUS = ascii("responseStatus");
    private static final byte[] ANNOTATIONS = ascii("annotations");
    private static final byte[] CLUSTER = ascii(AuditRecordCodec.CLUSTER);
    private static final byte[] RECEIVED_AT = ascii(AuditRecordCodec.RECEIVED_AT);
    private static final byte[] USERNAME = ascii("username");
    private static final byte[] UID = ascii("uid");
    private static final byte[] GROUPS = ascii("groups");
    private static final byte[] EXTRA = ascii("extra");
    private static final byte[] CODE = ascii("code");
    private static final byte[][] STATUS_STRINGS = {ascii("status"), ascii("reason"), ascii("message")};
    private static final byte[][] OBJECT_REF_STRINGS = {ascii("resource"), ascii("namespace"), ascii("name"), UID,
            ascii("apiGroup"), API_VERSION, ascii("resourceVersion"), ascii("subresource")};

    private int root() {
        auditID = null;
        stage = null;
        boolean eventKind = false; // kind is "Event"
        boolean otherKind = false; // kind is another string (neither: absent or null)
        boolean auditApiVersion = false;
        boolean named = false;
        json.rootStart();
        if (!json.emptyObject()) {
            do {
                json.comparedName();
                switch (rootField()) {
                    case AUDIT_ID -> {
                        auditID = json.neededString();
                        named = true;
                    }
                    case NAMING -> {
                        json.stringOrNull();
                        named = true;
                    }
                    case KIND -> {
                        boolean string = json.neededValue();
                        eventKind = string && json.valueIs(EVENT);
                        otherKind = string && !eventKind;
                    }
                    case API_VERSION -> auditApiVersion = json.neededValue() && json.valueStartsWith(AUDIT_API_GROUP);
                    case STAGE -> stage = json.neededString();
                    case STRING -> json.stringOrNull();
                    case TIMESTAMP -> {
                        if (json.neededValue() && !json.valueIsTimestamp()) {
                            throw NotSure.INSTANCE;
                        }
                    }
                    case USER -> user();
                    case STRINGS -> json.strings();
                    case OBJECT_REF -> objectRef();
                    case RESPONSE_STATUS -> responseStatus();
                    case ANNOTATIONS -> annotations();
                    case ENVELOPE -> throw NotSure.INSTANCE; // the envelope replaces it: the tree's business
                    case OTHER -> json.value();
                }
            } while (json.nextMember('}'));
        }
        if (otherKind || auditID == null || auditID.isBlank()) {
            throw NotSure.INSTANCE;
        }
        if (!(eventKind || auditApiVersion || named)) {
            throw NotSure.INSTANCE;
        }
        return json.position();
    }

    /** What the root member whose name was just read is, told by the name's length first (one jump, few compares). */
    private RootField rootField() {
        return switch (json.nameLength()) {
            case 4 -> json.nameIs(VERB) ? RootField.NAMING : json.nameIs(KIND) ? RootField.KIND
                    : json.nameIs(USER) ? RootField.USER : RootField.OTHER;
            case 5 -> json.nameIs(STAGE) ? RootField.STAGE : json.nameIs(LEVEL) ? RootField.STRING : RootField.OTHER;
            case 7 -> json.nameIs(AUDIT_ID) ? RootField.AUDIT_ID
                    : json.nameIs(CLUSTER) ? RootField.ENVELOPE : RootField.OTHER;
            case 9 -> json.nameIs(USER_AGENT) ? RootField.STRING : json.nameIs(SOURCE_IPS) ? RootField.STRINGS
                    : json.nameIs(OBJECT_REF) ? RootField.OBJECT_REF : RootField.OTHER;
            case 10 -> json.nameIs(REQUEST_URI) ? RootField.NAMING : json.nameIs(API_VERSION) ? RootField.API_VERSION
                    : json.nameIs(RECEIVED_AT) ? RootField.ENVELOPE : RootField.OTHER;
            case 11 -> json.nameIs(ANNOTATIONS) ? RootField.ANNOTATIONS : RootField.OTHER;
            case 14 -> json.nameIs(STAGE_TIMESTAMP) ? RootField.TIMESTAMP
                    : json.nameIs(RESPONSE_STATUS) ? RootField.RESPONSE_STATUS : RootField.OTHER;
            case 16 -> json.nameIs(IMPERSONATED_USER) ? RootField.USER : RootField.OTHER;
            case 24 -> json.nameIs(REQUEST_RECEIVED) ? RootField.TIMESTAMP : RootField.OTHER;
            default -> RootField.OTHER;
        };
    }

    /** The root members the scanner checks, by what it checks of them ({@code NAMING}: a string that names an event). */
    private enum RootField {
        AUDIT_ID, NAMING, KIND, API_VERSION, STAGE, STRING, TIMESTAMP, USER, STRINGS, OBJECT_REF, RESPONSE_STATUS,
        ANNOTATIONS, ENVELOPE, OTHER
    }

    private void user() {
        if (json.nullOrObjectStart()) {
            return;
        }
        do {
            json.comparedName();
            if (json.nameIs(USERNAME) || json.nameIs(UID)) {
                json.stringOrNull();
            } else if (json.nameIs(GROUPS)) {
                json.strings();
            } else if (json.nameIs(EXTRA)) {
                if (!json.nullOrObjectStart()) {
                    do {
                        json.anyName();
                        json.strings();
                    } while (json.nextMember('}'));
                }
            } else {
                json.value();
            }
        } while (json.nextMember('}'));
    }

    private void objectRef() {
        if (json.nullOrObjectStart()) {
            return;
        }
        do {
            json.comparedName();
            if (json.nameIsAny(OBJECT_REF_STRINGS)) {
                json.stringOrNull();
            } else {
                json.value();
            }
        } while (json.nextMember('}'));
    }

    private void responseStatus() {
        if (json.nullOrObjectStart()) {
            return;
        }
        do {
            json.comparedName();
            if (json.nameIs(CODE)) {
                json.smallIntegerOrNull();
            } else if (json.nameIsAny(STATUS_STRINGS)) {
                json.stringOrNull();
            } else {
                json.value();
            }
        } while (json.nextMember('}'));
    }

    private void annotations() {
        if (json.nullOrObjectStart()) {
            return;
        }
        do {
            json.anyName();
            byte c = json.peek();
            if (c == '{' || c == '[') {
                throw NotSure.INSTANCE; // the parser wants scalars
            }
            json.value();
        } while (json.nextMember('}'));
    }

    private static byte[] ascii(String name) {
        return name.getBytes(StandardCharsets.US_ASCII);
    }
}

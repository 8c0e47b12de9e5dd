package dev.vigil.model.audit;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The fast check of {@link Utf8ItemReader}: one hand-written pass over an item's bytes that recognises the plain
 * event the API server sends — and only that — finding its end, checking what {@link ItemSummary} checks, and that
 * its strings are well-formed UTF-8. It accepts a strict subset of what Jackson's parser and {@link ItemSummary}
 * accept: JSON's four whitespace characters, names without escapes and under 1 000 bytes, integers of at most 18
 * digits, short decimals, nesting under 200, the needed string values ({@code auditID}, {@code stage},
 * {@code kind}, {@code apiVersion}, timestamps) without escapes. Anything else — however valid — makes it answer
 * "not sure" (-1), and the reader asks Jackson ({@link ItemSummary#readObject}), which gives the exact answer.
 * Not thread-safe: one per reader.
 */
final class PlainEventScanner {

    /** Thrown where the scanner is not sure; no stack trace, as it is an answer, not an error. */
    private static final class NotSure extends RuntimeException {
        static final NotSure INSTANCE = new NotSure();

        private NotSure() {
            super("not sure", null, false, false);
        }
    }

    private static final int MAX_DEPTH = 200;
    private static final int MAX_NAME_BYTES = 1_000;

    private byte[] b;
    private int i;
    private int limit;
    private int depth;
    private int lineFeeds;
    private boolean cutOff;
    private String auditID;
    private String stage;

    /**
     * Scans the object at {@code bytes[from]}: its end (exclusive) when it is a plain event {@link ItemSummary} would
     * accept without the tree (says it is an event, has an {@code auditID}, no envelope field), else -1. The buffer
     * ending first is -1 too.
     */
    int scan(byte[] bytes, int from, int limit) {
        this.b = bytes;
        this.i = from;
        this.limit = limit;
        this.depth = 0;
        this.lineFeeds = 0;
        this.cutOff = false;
        try {
            return root();
        } catch (NotSure | ArrayIndexOutOfBoundsException notSure) {
            return -1;
        }
    }

    /** Whether the scan last answered -1 only because the bytes ended before the item did (so far a plain event). */
    boolean cutOff() {
        return cutOff;
    }

    String auditID() {
        return auditID;
    }

    String stage() {
        return stage;
    }

    /** Line feeds in the item scanned last. */
    int lineFeeds() {
        return lineFeeds;
    }

    private static final byte[] AUDIT_ID = ascii("auditID");
    private static final byte[] STAGE = ascii("stage");
    private static final byte[] KIND = ascii("kind");
    private static final byte[] API_VERSION = ascii("apiVersion");
    private static final byte[] VERB = ascii("verb");
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

    private static byte[] ascii(String name) {
        return name.getBytes(StandardCharsets.US_ASCII);
    }

    private int root() {
        auditID = null;
        stage = null;
        String kind = null;
        String apiVersion = null;
        boolean named = false;
        expect('{');
        depth = 1;
        if (!emptyObject()) {
            do {
                int name = name();
                int length = i - name - 1;
                colon();
                if (is(name, length, AUDIT_ID)) {
                    auditID = neededString();
                    named = true;
                } else if (is(name, length, VERB) || is(name, length, REQUEST_URI)) {
                    stringOrNull();
                    named = true;
                } else if (is(name, length, KIND)) {
                    kind = neededString();
                } else if (is(name, length, API_VERSION)) {
                    apiVersion = neededString();
                } else if (is(name, length, STAGE)) {
                    stage = neededString();
                } else if (is(name, length, LEVEL) || is(name, length, USER_AGENT)) {
                    stringOrNull();
                } else if (is(name, length, REQUEST_RECEIVED) || is(name, length, STAGE_TIMESTAMP)) {
                    String timestamp = neededString();
                    if (timestamp != null && Timestamps.parse(timestamp).isEmpty()) {
                        throw NotSure.INSTANCE;
                    }
                } else if (is(name, length, USER) || is(name, length, IMPERSONATED_USER)) {
                    user();
                } else if (is(name, length, SOURCE_IPS)) {
                    strings();
                } else if (is(name, length, OBJECT_REF)) {
                    objectRef();
                } else if (is(name, length, RESPONSE_STATUS)) {
                    responseStatus();
                } else if (is(name, length, ANNOTATIONS)) {
                    annotations();
                } else if (is(name, length, CLUSTER) || is(name, length, RECEIVED_AT)) {
                    throw NotSure.INSTANCE; // the envelope replaces it: the tree's business
                } else {
                    value();
                }
            } while (nextMember('}'));
        }
        if ((kind != null && !kind.equals("Event")) || auditID == null || auditID.isBlank()) {
            throw NotSure.INSTANCE;
        }
        if (!("Event".equals(kind) || (apiVersion != null && apiVersion.startsWith("audit.k8s.io/")) || named)) {
            throw NotSure.INSTANCE;
        }
        return i;
    }

    private void user() {
        if (nullOrObjectStart()) {
            return;
        }
        do {
            int name = name();
            int length = i - name - 1;
            colon();
            if (is(name, length, USERNAME) || is(name, length, UID)) {
                stringOrNull();
            } else if (is(name, length, GROUPS)) {
                strings();
            } else if (is(name, length, EXTRA)) {
                if (!nullOrObjectStart()) {
                    do {
                        name(false);
                        colon();
                        strings();
                    } while (nextMember('}'));
                }
            } else {
                value();
            }
        } while (nextMember('}'));
    }

    private void objectRef() {
        if (nullOrObjectStart()) {
            return;
        }
        do {
            int name = name();
            int length = i - name - 1;
            colon();
            if (isAny(name, length, OBJECT_REF_STRINGS)) {
                stringOrNull();
            } else {
                value();
            }
        } while (nextMember('}'));
    }

    private void responseStatus() {
        if (nullOrObjectStart()) {
            return;
        }
        do {
            int name = name();
            int length = i - name - 1;
            colon();
            if (is(name, length, CODE)) {
                if (!literal('n')) {
                    int start = i;
                    if (number() || i - start - (at(start) == '-' ? 1 : 0) > 9) {
                        throw NotSure.INSTANCE; // an int for Jackson only when it surely fits one
                    }
                }
            } else if (isAny(name, length, STATUS_STRINGS)) {
                stringOrNull();
            } else {
                value();
            }
        } while (nextMember('}'));
    }

    private void annotations() {
        if (nullOrObjectStart()) {
            return;
        }
        do {
            name(false);
            colon();
            whitespace();
            byte c = at(i);
            if (c == '{' || c == '[') {
                throw NotSure.INSTANCE; // the parser wants scalars
            }
            value();
        } while (nextMember('}'));
    }

    /** After '{' (or null): true for null; after '{' of an empty object consumed to its end, true as well. */
    private boolean nullOrObjectStart() {
        if (literal('n')) {
            return true;
        }
        expect('{');
        enter();
        return emptyObject();
    }

    /** An array of strings, or null. */
    private void strings() {
        if (literal('n')) {
            return;
        }
        expect('[');
        enter();
        whitespace();
        if (at(i) == ']') {
            i++;
            depth--;
            return;
        }
        do {
            whitespace();
            if (at(i) != '"') {
                throw NotSure.INSTANCE;
            }
            i++;
            skipString();
        } while (nextMember(']'));
    }

    /** Any value, checked as the parser would check it. */
    private void value() {
        whitespace();
        byte c = at(i);
        if (c == '"') {
            i++;
            skipString();
        } else if (c == '{') {
            i++;
            enter();
            if (!emptyObject()) {
                do {
                    name(false);
                    colon();
                    value();
                } while (nextMember('}'));
            }
        } else if (c == '[') {
            i++;
            enter();
            whitespace();
            if (at(i) == ']') {
                i++;
                depth--;
                return;
            }
            do {
                value();
            } while (nextMember(']'));
        } else if (!literal(c)) {
            number();
        }
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw NotSure.INSTANCE;
        }
    }

    /** After '{': true (and the object closed) when it is empty. */
    private boolean emptyObject() {
        whitespace();
        if (at(i) == '}') {
            i++;
            depth--;
            return true;
        }
        return false;
    }

    /** After a member: true at ',' (consumed), false at {@code close} (consumed, the object or array left). */
    private boolean nextMember(char close) {
        whitespace();
        byte c = at(i++);
        if (c == ',') {
            return true;
        }
        if (c != close) {
            throw NotSure.INSTANCE;
        }
        depth--;
        return false;
    }

    /** A name that is compared with the known ones: without escapes (which could spell one of them). */
    private int name() {
        return name(true);
    }

    /**
     * A name; returns where its bytes start ({@code i} is then just after its closing quote). Escapes other than
     * "u" ones are taken only in a name that is not {@code compared} (managedFields' names quote JSON).
     */
    private int name(boolean compared) {
        whitespace();
        if (at(i) != '"') {
            throw NotSure.INSTANCE;
        }
        int start = ++i;
        while (true) {
            byte[] bytes = b;
            int p = i;
            int end = limit;
            byte c;
            while (p < end && (c = bytes[p]) >= 0x20 && c != '"' && c != '\\') {
                p++;
            }
            i = p;
            c = at(i);
            if (c == '"') {
                break;
            }
            if (c == '\\' && !compared && at(i + 1) != 'u') {
                escape(); // "u" escapes in names (a lone surrogate) the byte parser reads its own way: Jackson's call
                continue;
            }
            if (c == '\\' || (c >= 0 && c < 0x20)) {
                throw NotSure.INSTANCE;
            }
            if (c < 0) {
                utf8Sequence();
            } else {
                i++;
            }
        }
        if (i - start > MAX_NAME_BYTES) {
            throw NotSure.INSTANCE;
        }
        i++;
        return start;
    }

    private void colon() {
        whitespace();
        expect(':');
    }

    /** A string or null whose value is not needed. */
    private void stringOrNull() {
        whitespace();
        if (at(i) == '"') {
            i++;
            skipString();
        } else if (!literal('n')) {
            throw NotSure.INSTANCE;
        }
    }

    /** A string (without escapes) or null whose value is needed. */
    private String neededString() {
        whitespace();
        if (at(i) != '"') {
            if (literal('n')) {
                return null;
            }
            throw NotSure.INSTANCE;
        }
        int start = ++i;
        boolean ascii = true;
        while (true) {
            byte[] bytes = b;
            int p = i;
            int end = limit;
            byte c;
            while (p < end && (c = bytes[p]) >= 0x20 && c != '"' && c != '\\') {
                p++;
            }
            i = p;
            c = at(i);
            if (c == '"') {
                break;
            }
            if (c == '\\' || (c >= 0 && c < 0x20)) {
                throw NotSure.INSTANCE;
            }
            if (c < 0) {
                ascii = false;
                utf8Sequence();
            } else {
                i++;
            }
        }
        String value = new String(b, start, i - start, ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
        i++;
        return value;
    }

    /** The rest of a string after its opening quote: escapes as the parser allows them, well-formed UTF-8. */
    private void skipString() {
        while (true) {
            // Most of an event is plain ASCII string content: passed over without a look at each byte's kind.
            byte[] bytes = b;
            int p = i;
            int end = limit;
            byte c;
            while (p < end && (c = bytes[p]) >= 0x20 && c != '"' && c != '\\') {
                p++;
            }
            i = p;
            c = at(i);
            if (c == '"') {
                i++;
                return;
            }
            if (c == '\\') {
                escape();
            } else if (c < 0) {
                utf8Sequence();
            } else if (c < 0x20) {
                throw NotSure.INSTANCE; // an unescaped control character: the parser refuses it
            } else {
                i++;
            }
        }
    }

    private void escape() {
        byte c = at(i + 1);
        switch (c) {
            case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> i += 2;
            case 'u' -> {
                for (int k = 2; k < 6; k++) {
                    if (Character.digit(at(i + k), 16) < 0) {
                        throw NotSure.INSTANCE;
                    }
                }
                i += 6;
            }
            default -> throw NotSure.INSTANCE;
        }
    }

    private void utf8Sequence() {
        int length = Utf8Bytes.sequence(b, i, limit, at(i) & 0xFF);
        if (length < 0) {
            throw NotSure.INSTANCE;
        }
        i += length;
    }

    /** true, false or null starting with {@code first} (consumed, followed by a delimiter); false if another value. */
    private boolean literal(int first) {
        whitespace();
        if (at(i) != first) {
            return false;
        }
        String word = first == 't' ? "true" : first == 'f' ? "false" : first == 'n' ? "null" : null;
        if (word == null) {
            return false;
        }
        for (int k = 1; k < word.length(); k++) {
            if (at(i + k) != word.charAt(k)) {
                throw NotSure.INSTANCE;
            }
        }
        i += word.length();
        delimiter();
        return true;
    }

    /**
     * A JSON number the tree converts without fail: an integer of at most 18 digits, or a decimal of at most 30
     * characters with an exponent of at most 3 digits. True when it is a decimal.
     */
    private boolean number() {
        int start = i;
        if (at(i) == '-') {
            i++;
        }
        int digits = digits();
        if (digits == 0 || (digits > 1 && at(i - digits) == '0')) {
            throw NotSure.INSTANCE; // none, or a leading zero
        }
        boolean decimal = false;
        if (at(i) == '.') {
            i++;
            decimal = true;
            if (digits() == 0) {
                throw NotSure.INSTANCE;
            }
        }
        if (at(i) == 'e' || at(i) == 'E') {
            i++;
            decimal = true;
            if (at(i) == '+' || at(i) == '-') {
                i++;
            }
            int exponent = digits();
            if (exponent == 0 || exponent > 3) {
                throw NotSure.INSTANCE;
            }
        }
        if (decimal ? i - start > 30 : digits > 18) {
            throw NotSure.INSTANCE;
        }
        delimiter();
        return decimal;
    }

    private int digits() {
        int start = i;
        while (at(i) >= '0' && at(i) <= '9') {
            i++;
        }
        return i - start;
    }

    /** What may follow a scalar: whitespace, ',', '}' or ']' (not consumed). */
    private void delimiter() {
        byte c = at(i);
        if (c != ',' && c != '}' && c != ']' && c != ' ' && c != '\n' && c != '\r' && c != '\t') {
            throw NotSure.INSTANCE;
        }
    }

    private void whitespace() {
        if (i < limit && b[i] > ' ') {
            return; // compact JSON: no whitespace at all
        }
        while (true) {
            byte c = at(i);
            if (c == ' ' || c == '\t' || c == '\r') {
                i++;
            } else if (c == '\n') {
                lineFeeds++;
                i++;
            } else {
                return;
            }
        }
    }

    private void expect(char c) {
        whitespace();
        if (at(i) != c) {
            throw NotSure.INSTANCE;
        }
        i++;
    }

    /** The byte at {@code k}; past what the buffer holds of the body, not sure (the reader reads on and retries). */
    private byte at(int k) {
        if (k >= limit) {
            cutOff = true;
            throw NotSure.INSTANCE;
        }
        return b[k];
    }

    private boolean is(int name, int length, byte[] constant) {
        return length == constant.length && Arrays.equals(b, name, name + length, constant, 0, length);
    }

    private boolean isAny(int name, int length, byte[][] constants) {
        for (byte[] constant : constants) {
            if (is(name, length, constant)) {
                return true;
            }
        }
        return false;
    }
}

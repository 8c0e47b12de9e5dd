package dev.vigil.model.audit;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the {@link RequestSummary} of a {@code k8s.audit.events} record straight from its bytes, several times faster
 * than {@link AuditRecordCodec#decodeLazily}: one pass that reads only the top-level fields the summary needs and
 * jumps over everything else (request and response objects included) by following strings and brackets.
 * <p>
 * It answers for the plain shape of an event only and says "not sure" (null) for anything else, the caller then
 * decoding as before. When it answers, the answer is {@code RequestSummary.of(decodeLazily(value).value().event())}
 * whenever that decode succeeds, because it accepts a strict subset of what the decoders read alike:
 * <ul>
 * <li>the top level and the objects it reads into ({@code user}, {@code objectRef}, {@code responseStatus},
 * {@code annotations}) in strict JSON — its four whitespace characters, no BOM, nothing after the closing brace;</li>
 * <li>names there and the string values it reads in printable ASCII without escapes, so that no spelling of a name
 * ({@code "v\u0065rb"}, or an overlong UTF-8 form, which Jackson decodes but Java's decoder does not) is read
 * differently; a response code as a plain integer of at most 9 digits;</li>
 * <li>the value types the decoders accept (a string or null for text, an object or null for the objects, an array of
 * strings or null for groups): any other type fails the decode, so the reader does not guess;</li>
 * <li>duplicate names as the decoders read them (Go's rule: the last wins, a whole object replacing an earlier one,
 * null an earlier value);</li>
 * <li>skipped values delimited exactly as Jackson and the fallback field splitter ({@link TopLevelFields}) delimit
 * them — by strings (a backslash escapes the next byte) and matching brackets — with nesting under
 * {@value #MAX_DEPTH} (Jackson's limit is 500). Whatever a skipped value holds is not read, so it cannot change the
 * answer: if it makes the decode fail, any answer will do; if only an object is unreadable, the decoders drop it and
 * read the same top-level fields.</li>
 * </ul>
 * Work is linear in the record's length and nothing is thrown to the caller.
 */
public final class RequestSummaryReader {

    private static final int MAX_DEPTH = 256;
    private static final int MAX_CODE_DIGITS = 9;

    private static final byte[] VERB = ascii("verb");
    private static final byte[] STAGE = ascii("stage");
    private static final byte[] LEVEL = ascii("level");
    private static final byte[] OBJECT_REF = ascii("objectRef");
    private static final byte[] USER = ascii("user");
    private static final byte[] RESPONSE_STATUS = ascii("responseStatus");
    private static final byte[] ANNOTATIONS = ascii("annotations");
    private static final byte[] API_GROUP = ascii("apiGroup");
    private static final byte[] RESOURCE = ascii("resource");
    private static final byte[] SUBRESOURCE = ascii("subresource");
    private static final byte[] NAMESPACE = ascii("namespace");
    private static final byte[] USERNAME = ascii("username");
    private static final byte[] GROUPS = ascii("groups");
    private static final byte[] CODE = ascii("code");
    private static final byte[] DECISION = ascii(RequestSummary.DECISION_ANNOTATION);
    private static final byte[] NULL = ascii("null");

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long QUOTES = 0x2222222222222222L;
    private static final long BACKSLASHES = 0x5C5C5C5C5C5C5C5CL;
    private static final long SPACES = 0x2020202020202020L;
    private static final long LOW_ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;

    /** Bytes that matter while skipping a nested value: quotes and brackets; everything else is passed over. */
    private static final boolean[] STRUCTURAL = new boolean[256];
    /** Bytes a number or literal may consist of ({@code -+.0-9a-zA-Z}); what ends it must then be a delimiter. */
    private static final boolean[] SCALAR = new boolean[256];

    static {
        for (char c : "\"{}[]".toCharArray()) {
            STRUCTURAL[c] = true;
        }
        for (int c = 0; c < 128; c++) {
            SCALAR[c] = Character.isLetterOrDigit(c) || c == '-' || c == '+' || c == '.';
        }
    }

    /** Not the plain shape: the answer is null. Thrown without a stack trace; never escapes this class. */
    private static final class Unsure extends RuntimeException {
        private static final Unsure INSTANCE = new Unsure();

        private Unsure() {
            super("unsure", null, false, false);
        }
    }

    private final byte[] in;
    private int at;
    /** The open brackets of the value being skipped, one bit per level: set for an object. */
    private long[] open;
    private int nameStart;
    private int nameEnd;
    private String verb;
    private String stage;
    private String level;
    private String apiGroup;
    private String resource;
    private String subresource;
    private String namespace;
    private String username;
    private List<String> groups;
    private int code = -1;
    private String decision;

    private RequestSummaryReader(byte[] in) {
        this.in = in;
    }

    /** The summary of the event in a record value, or null when not sure (then decode the record instead). */
    public static RequestSummary read(byte[] value) {
        if (value == null) {
            return null;
        }
        try {
            return new RequestSummaryReader(value).event();
        } catch (Unsure e) {
            return null;
        }
    }

    private RequestSummary event() {
        skipWhitespace();
        expect('{');
        if (firstMember()) {
            do {
                name();
                // Only a name of one of these lengths can be one the summary needs (4, 5, 9, 11, 14 bytes).
                switch (nameEnd - nameStart) {
                    case 4 -> {
                        if (nameIs(VERB)) {
                            verb = string();
                        } else if (nameIs(USER)) {
                            user();
                        } else {
                            skipValue(1);
                        }
                    }
                    case 5 -> {
                        if (nameIs(STAGE)) {
                            stage = string();
                        } else if (nameIs(LEVEL)) {
                            level = string();
                        } else {
                            skipValue(1);
                        }
                    }
                    case 9 -> {
                        if (nameIs(OBJECT_REF)) {
                            objectRef();
                        } else {
                            skipValue(1);
                        }
                    }
                    case 11 -> {
                        if (nameIs(ANNOTATIONS)) {
                            annotations();
                        } else {
                            skipValue(1);
                        }
                    }
                    case 14 -> {
                        if (nameIs(RESPONSE_STATUS)) {
                            responseStatus();
                        } else {
                            skipValue(1);
                        }
                    }
                    default -> skipValue(1);
                }
            } while (nextMember());
        }
        skipWhitespace();
        if (at != in.length) {
            throw Unsure.INSTANCE;
        }
        return new RequestSummary(verb, stage, level, apiGroup, resource, subresource, namespace, username, groups,
                code, decision);
    }

    // Each object read replaces what an earlier one of the same name gave (duplicates: the last wins, as a whole).

    private void objectRef() {
        apiGroup = resource = subresource = namespace = null;
        if (objectOrNull()) {
            do {
                name();
                if (nameIs(API_GROUP)) {
                    apiGroup = string();
                } else if (nameIs(RESOURCE)) {
                    resource = string();
                } else if (nameIs(SUBRESOURCE)) {
                    subresource = string();
                } else if (nameIs(NAMESPACE)) {
                    namespace = string();
                } else {
                    skipValue(2);
                }
            } while (nextMember());
        }
    }

    private void user() {
        username = null;
        groups = null;
        if (objectOrNull()) {
            do {
                name();
                if (nameIs(USERNAME)) {
                    username = string();
                } else if (nameIs(GROUPS)) {
                    groups = strings();
                } else {
                    skipValue(2);
                }
            } while (nextMember());
        }
    }

    private void responseStatus() {
        code = -1;
        if (objectOrNull()) {
            do {
                name();
                if (nameIs(CODE)) {
                    code = code();
                } else {
                    skipValue(2);
                }
            } while (nextMember());
        }
    }

    private void annotations() {
        decision = null;
        if (objectOrNull()) {
            do {
                name();
                if (nameIs(DECISION)) {
                    decision = string(); // other scalars become text in the decoders: not guessed here
                } else {
                    skipValue(2);
                }
            } while (nextMember());
        }
    }

    /** At a value: true after an object's opening brace when it has members, false after {@code {}} or null. */
    private boolean objectOrNull() {
        if (isNull()) {
            return false;
        }
        expect('{');
        return firstMember();
    }

    /** After an opening brace: whether a member follows (else moves past the closing brace). */
    private boolean firstMember() {
        skipWhitespace();
        if (at < in.length && in[at] == '}') {
            at++;
            return false;
        }
        return true;
    }

    /** After a member's value: true after a comma, false after the closing brace. */
    private boolean nextMember() {
        skipWhitespace();
        byte b = peek();
        at++;
        if (b == ',') {
            return true;
        }
        if (b != '}') {
            throw Unsure.INSTANCE;
        }
        return false;
    }

    /** Reads a member's name (printable ASCII, no escape) and its colon, leaving {@code at} on the value. */
    private void name() {
        skipWhitespace();
        expect('"');
        nameStart = at;
        nameEnd = plainStringEnd();
        skipWhitespace();
        expect(':');
        skipWhitespace();
    }

    private boolean nameIs(byte[] name) {
        if (nameEnd - nameStart != name.length) {
            return false;
        }
        for (int k = 0; k < name.length; k++) { // names are short: a plain loop beats Arrays.equals' range checks
            if (in[nameStart + k] != name[k]) {
                return false;
            }
        }
        return true;
    }

    /** A string value in printable ASCII without escapes, or null for JSON null. */
    private String string() {
        if (isNull()) {
            return null;
        }
        expect('"');
        int start = at;
        int end = plainStringEnd();
        return new String(in, start, end - start, StandardCharsets.ISO_8859_1);
    }

    /** An array of such strings (items may not be null), or null for JSON null. */
    private List<String> strings() {
        if (isNull()) {
            return null;
        }
        expect('[');
        List<String> values = new ArrayList<>(4);
        skipWhitespace();
        if (at < in.length && in[at] == ']') {
            at++;
            return values;
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw Unsure.INSTANCE;
            }
            values.add(string());
            skipWhitespace();
            byte b = peek();
            at++;
            if (b == ']') {
                return values;
            }
            if (b != ',') {
                throw Unsure.INSTANCE;
            }
        }
    }

    /** A response code: null (-1) or a plain non-negative integer; fractions, exponents and signs are not guessed. */
    private int code() {
        if (isNull()) {
            return -1;
        }
        int start = at;
        int value = 0;
        while (at < in.length && in[at] >= '0' && in[at] <= '9') {
            value = value * 10 + in[at++] - '0';
        }
        int digits = at - start;
        if (digits == 0 || digits > MAX_CODE_DIGITS || digits > 1 && in[start] == '0') {
            throw Unsure.INSTANCE;
        }
        return value; // what follows must be a delimiter, which the caller's nextMember() checks
    }

    /**
     * At a quote's next byte: the end of a string of printable ASCII without escapes, moving past its quote. Eight
     * bytes at a time: the first that is a quote, a backslash, a control character or not ASCII decides.
     */
    private int plainStringEnd() {
        byte[] in = this.in;
        int i = at;
        while (i + Long.BYTES <= in.length) {
            long word = (long) LONGS.get(in, i);
            long found = bytesEqual(word, QUOTES) | bytesEqual(word, BACKSLASHES) | bytesBelow(word, SPACES)
                    | word & HIGH_BITS;
            if (found != 0) {
                i += Long.numberOfTrailingZeros(found) >>> 3;
                return plainStringEndAt(i);
            }
            i += Long.BYTES;
        }
        for (; i < in.length; i++) {
            byte b = in[i];
            if (b == '"' || b < 0x20 || b == '\\') { // negative: not ASCII
                return plainStringEndAt(i);
            }
        }
        throw Unsure.INSTANCE;
    }

    private int plainStringEndAt(int i) {
        if (in[i] != '"') {
            throw Unsure.INSTANCE;
        }
        at = i + 1;
        return i;
    }

    private boolean isNull() {
        if (at + NULL.length <= in.length && Arrays.equals(in, at, at + NULL.length, NULL, 0, NULL.length)) {
            at += NULL.length; // what follows must be a delimiter, which the caller checks
            return true;
        }
        return false;
    }

    /** Skips any value whose object or array starts at nesting {@code depth}. */
    private void skipValue(int depth) {
        byte b = peek();
        if (b == '"') {
            at = stringEnd(at + 1);
        } else if (b == '{' || b == '[') {
            skipNested(depth);
        } else {
            int start = at;
            while (at < in.length && SCALAR[in[at] & 0xFF]) {
                at++;
            }
            if (at == start) {
                throw Unsure.INSTANCE;
            }
        }
    }

    /** Skips the object or array at {@code at}, matching each closing bracket to its opening one. */
    private void skipNested(int depth) {
        byte[] in = this.in;
        if (open == null) {
            open = new long[MAX_DEPTH / 64];
        }
        long[] open = this.open;
        int level = 0;
        int i = at;
        while (i < in.length) {
            byte b = in[i++];
            if (!STRUCTURAL[b & 0xFF]) {
                continue;
            }
            if (b == '"') {
                i = stringEnd(i);
            } else if (b == '{' || b == '[') {
                if (depth + level >= MAX_DEPTH) {
                    throw Unsure.INSTANCE;
                }
                if (b == '{') {
                    open[level >> 6] |= 1L << level;
                } else {
                    open[level >> 6] &= ~(1L << level);
                }
                level++;
            } else {
                level--;
                if (level < 0 || (b == '}') != ((open[level >> 6] & 1L << level) != 0)) {
                    throw Unsure.INSTANCE;
                }
                if (level == 0) {
                    at = i;
                    return;
                }
            }
        }
        throw Unsure.INSTANCE;
    }

    /**
     * The index after the closing quote of the string whose content starts at {@code from}. Most of a record is the
     * inside of strings, so they are searched eight bytes at a time for a quote or a backslash.
     */
    private int stringEnd(int from) {
        byte[] in = this.in;
        int i = from;
        while (true) {
            while (i + Long.BYTES <= in.length) {
                long word = (long) LONGS.get(in, i);
                long found = bytesEqual(word, QUOTES) | bytesEqual(word, BACKSLASHES);
                if (found != 0) {
                    i += Long.numberOfTrailingZeros(found) >>> 3;
                    break;
                }
                i += Long.BYTES;
            }
            if (i >= in.length) {
                throw Unsure.INSTANCE;
            }
            byte b = in[i++];
            if (b == '"') {
                return i;
            }
            if (b == '\\') {
                i++;
            }
        }
    }

    /**
     * The high bit of each byte of {@code word} equal to the byte repeated in {@code pattern}; exact up to the first
     * such byte (a borrow may mark bytes after it), which is all {@link #stringEnd} looks at.
     */
    private static long bytesEqual(long word, long pattern) {
        long x = word ^ pattern;
        return (x - LOW_ONES) & ~x & HIGH_BITS;
    }

    /** Like {@link #bytesEqual}, for the ASCII bytes of {@code word} below the byte repeated in {@code pattern}. */
    private static long bytesBelow(long word, long pattern) {
        return (word - pattern) & ~word & HIGH_BITS;
    }

    private void skipWhitespace() {
        while (at < in.length) {
            byte b = in[at];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return;
            }
            at++;
        }
    }

    private byte peek() {
        if (at >= in.length) {
            throw Unsure.INSTANCE;
        }
        return in[at];
    }

    private void expect(char c) {
        if (peek() != c) {
            throw Unsure.INSTANCE;
        }
        at++;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}

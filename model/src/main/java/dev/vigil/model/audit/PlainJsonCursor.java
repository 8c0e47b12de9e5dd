package dev.vigil.model.audit;

import dev.vigil.model.json.VigilJson;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A position in the UTF-8 bytes of a JSON value, moved forward by reading the plain forms of JSON only — its four
 * whitespace characters, names and strings in printable ASCII without escapes, {@code null}, small non-negative
 * integers — and by skipping any value; it throws {@link NotPlain} at anything else, including the end of the bytes.
 * What it reads means the same to Jackson and to Java's decoder; what it skips it delimits exactly as both do (see
 * {@link #skipValue}). Used by {@link RequestSummaryReader}; one per record.
 */
final class PlainJsonCursor {

    /** Not the plain form: the caller's answer is "not sure". Thrown without a stack trace. */
    static final class NotPlain extends RuntimeException {
        static final NotPlain INSTANCE = new NotPlain();

        private NotPlain() {
            super("not plain JSON", null, false, false);
        }
    }

    /** Deepest nesting skipped, counted from the record; Jackson's limit is 500. */
    static final int MAX_DEPTH = 256;
    private static final int MAX_INT_DIGITS = 9;

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

    private final byte[] in;
    private int at;
    private int nameStart;
    private int nameEnd;
    /** The open brackets of the value being skipped, one bit per level: set for an object. */
    private long[] open;

    PlainJsonCursor(byte[] in) {
        this.in = in;
    }

    /** Where the cursor is, for {@link #reset}. */
    int position() {
        return at;
    }

    /** Moves the cursor back to a {@link #position()} it was at. */
    void reset(int position) {
        at = position;
    }

    /** At the start of the bytes: past the whitespace and the opening brace of the top-level object. */
    void objectStart() {
        skipWhitespace();
        expect('{');
    }

    /** After the top-level object: only whitespace may follow. */
    void end() {
        skipWhitespace();
        if (at != in.length) {
            throw NotPlain.INSTANCE;
        }
    }

    /** At a value: true after an object's opening brace when it has members, false after {@code {}} or null. */
    boolean objectOrNull() {
        if (isNull()) {
            return false;
        }
        expect('{');
        return firstMember();
    }

    /**
     * As {@link #objectOrNull()}, but a null must end where a skip would end it (not {@code nullx}), so that what
     * follows is read where it was before.
     */
    boolean wholeObjectOrNull() {
        if (isNull()) {
            if (at < in.length && SCALAR[in[at] & 0xFF]) {
                throw NotPlain.INSTANCE;
            }
            return false;
        }
        expect('{');
        return firstMember();
    }

    /** Moves past an object (true, also when empty) or null (false); anything else is not plain here. */
    boolean skipObjectOrNull(int depth) {
        if (isNull()) {
            return false;
        }
        if (peek() != '{') {
            throw NotPlain.INSTANCE;
        }
        skipValue(depth);
        return true;
    }

    /** After an opening brace: whether a member follows (else moves past the closing brace). */
    boolean firstMember() {
        skipWhitespace();
        if (at < in.length && in[at] == '}') {
            at++;
            return false;
        }
        return true;
    }

    /** After a member's value: true after a comma, false after the closing brace. */
    boolean nextMember() {
        skipWhitespace();
        byte b = peek();
        at++;
        if (b == ',') {
            return true;
        }
        if (b != '}') {
            throw NotPlain.INSTANCE;
        }
        return false;
    }

    /** Reads a member's name and its colon, leaving the cursor on the value; returns the name's length in bytes. */
    int name() {
        skipWhitespace();
        expect('"');
        nameStart = at;
        nameEnd = plainStringEnd();
        skipWhitespace();
        expect(':');
        skipWhitespace();
        return nameEnd - nameStart;
    }

    /** Whether the last name read is {@code name} (ASCII). */
    boolean nameIs(byte[] name) {
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

    /** A string value, or null for JSON null. */
    String string() {
        if (isNull()) {
            return null;
        }
        expect('"');
        int start = at;
        int end = plainStringEnd();
        return RequestSummaryStrings.of(in, start, end); // one instance per distinct text: hashed once, no copy
    }

    /**
     * A string value with any content, or null for JSON null: plain ones as {@link #string()}, one with escapes or
     * non-ASCII bytes decoded by Jackson from exactly its bytes, as the decoders decode it (an authorizer's reason
     * quotes binding names: {@code RBAC: allowed by RoleBinding \"x\" …}).
     */
    String anyString() {
        if (isNull()) {
            return null;
        }
        int open = at;
        expect('"');
        int end = StringStops.stringEnd(in, at);
        if (end < 0) {
            throw NotPlain.INSTANCE;
        }
        at = end;
        if (StringStops.plainStringEnd(in, open + 1) == end - 1) {
            return new String(in, open + 1, end - 2 - open, StandardCharsets.ISO_8859_1);
        }
        try {
            return VigilJson.mapper().readValue(in, open, end - open, String.class);
        } catch (RuntimeException e) {
            throw NotPlain.INSTANCE;
        }
    }

    /** An array of strings (items may not be null), or null for JSON null. */
    List<String> strings() {
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
                throw NotPlain.INSTANCE;
            }
            values.add(string());
            skipWhitespace();
            byte b = peek();
            at++;
            if (b == ']') {
                return values;
            }
            if (b != ',') {
                throw NotPlain.INSTANCE;
            }
        }
    }

    /**
     * A non-negative integer of at most 9 digits without a leading zero, or {@code ifNull} for JSON null: fractions,
     * exponents and signs are left to the decoders.
     */
    int smallInt(int ifNull) {
        if (isNull()) {
            return ifNull;
        }
        int start = at;
        int value = 0;
        while (at < in.length && in[at] >= '0' && in[at] <= '9') {
            value = value * 10 + in[at++] - '0';
        }
        int digits = at - start;
        if (digits == 0 || digits > MAX_INT_DIGITS || digits > 1 && in[start] == '0') {
            throw NotPlain.INSTANCE;
        }
        return value; // what follows must be a delimiter, which nextMember() checks
    }

    /**
     * Skips any value whose objects and arrays start at nesting {@code depth}: a string to its closing quote, an
     * object or array to its matching bracket following strings and brackets only (as Jackson delimits valid JSON and
     * {@link TopLevelFields} delimits any), a number or literal to the first byte that cannot be part of one.
     */
    void skipValue(int depth) {
        byte b = peek();
        if (b == '"') {
            at = StringStops.stringEnd(in, at + 1);
            if (at < 0) {
                throw NotPlain.INSTANCE;
            }
        } else if (b == '{' || b == '[') {
            skipNested(depth);
        } else {
            int start = at;
            while (at < in.length && SCALAR[in[at] & 0xFF]) {
                at++;
            }
            if (at == start) {
                throw NotPlain.INSTANCE;
            }
        }
    }

    /** Skips the object or array at the cursor; a closing bracket must match its opening one. */
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
                i = StringStops.stringEnd(in, i);
                if (i < 0) {
                    throw NotPlain.INSTANCE;
                }
            } else if (b == '{' || b == '[') {
                if (depth + level >= MAX_DEPTH) {
                    throw NotPlain.INSTANCE;
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
                    throw NotPlain.INSTANCE;
                }
                if (level == 0) {
                    at = i;
                    return;
                }
            }
        }
        throw NotPlain.INSTANCE;
    }

    private int plainStringEnd() {
        int end = StringStops.plainStringEnd(in, at);
        if (end < 0) {
            throw NotPlain.INSTANCE;
        }
        at = end + 1;
        return end;
    }

    private boolean isNull() {
        if (at + 4 <= in.length && in[at] == 'n' && in[at + 1] == 'u' && in[at + 2] == 'l' && in[at + 3] == 'l') {
            at += 4; // what follows must be a delimiter, which the caller checks
            return true;
        }
        return false;
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
            throw NotPlain.INSTANCE;
        }
        return in[at];
    }

    private void expect(char c) {
        if (peek() != c) {
            throw NotPlain.INSTANCE;
        }
        at++;
    }

}

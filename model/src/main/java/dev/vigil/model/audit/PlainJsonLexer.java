package dev.vigil.model.audit;

import java.nio.charset.StandardCharsets;

/**
 * The byte level of {@link PlainEventScanner}: a cursor over an item's bytes that reads the strict subset of JSON the
 * scanner accepts — JSON's four whitespace characters, names under 1 000 bytes, integers of at most 18 digits, short
 * decimals, nesting under 200, well-formed UTF-8 — and throws {@link NotSure} at anything else, including the end of
 * the bytes read so far ({@link #cutOff}). What the values must be is the scanner's business. Not thread-safe.
 */
final class PlainJsonLexer {

    /** Thrown where the lexer or scanner is not sure; no stack trace, as it is an answer, not an error. */
    static final class NotSure extends RuntimeException {
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
    private int nameStart;
    private int nameLength;
    private int valueStart;
    private int valueLength;
    private boolean valueAscii;

    void reset(byte[] bytes, int from, int limit) {
        this.b = bytes;
        this.i = from;
        this.limit = limit;
        this.depth = 0;
        this.lineFeeds = 0;
        this.cutOff = false;
    }

    /** Whether the bytes ended before what was being read (so far a plain event). */
    boolean cutOff() {
        return cutOff;
    }

    /** Line feeds passed over since {@link #reset}. */
    int lineFeeds() {
        return lineFeeds;
    }

    /** Where the next byte is read. */
    int position() {
        return i;
    }

    /** The next byte, after any whitespace (not consumed). */
    byte peek() {
        whitespace();
        return at(i);
    }

    /** The root object's '{'. */
    void rootStart() {
        expect('{');
        depth = 1;
    }

    /** After '{' (or null): true for null; after '{' of an empty object consumed to its end, true as well. */
    boolean nullOrObjectStart() {
        if (literal('n')) {
            return true;
        }
        expect('{');
        enter();
        return emptyObject();
    }

    /** After '{': true (and the object closed) when it is empty. */
    boolean emptyObject() {
        whitespace();
        if (at(i) == '}') {
            i++;
            depth--;
            return true;
        }
        return false;
    }

    /** After a member: true at ',' (consumed), false at {@code close} (consumed, the object or array left). */
    boolean nextMember(char close) {
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

    /** A name and its colon, to be compared with {@link #nameIs}: without escapes (which could spell a known one). */
    void comparedName() {
        name(true);
        colon();
    }

    /** A name that is not compared, and its colon. */
    void anyName() {
        name(false);
        colon();
    }

    /** Whether the name read last is {@code constant}. */
    boolean nameIs(byte[] constant) {
        int length = nameLength;
        return length == constant.length && startsWith(nameStart, constant);
    }

    /** Whether the bytes at {@code start} begin with {@code constant} (which the buffer holds: no bounds test). */
    private boolean startsWith(int start, byte[] constant) {
        // A plain loop: names are short, and Arrays.equals' vectorised mismatch costs more to call than this.
        byte[] bytes = b;
        for (int k = 0; k < constant.length; k++) {
            if (bytes[start + k] != constant[k]) {
                return false;
            }
        }
        return true;
    }

    /** Whether the name read last is one of {@code constants}. */
    boolean nameIsAny(byte[][] constants) {
        for (byte[] constant : constants) {
            if (nameIs(constant)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A name ({@code i} is then just after its closing quote). Escapes other than "u" ones are taken only in a name
     * that is not {@code compared} (managedFields' names quote JSON).
     */
    private void name(boolean compared) {
        whitespace();
        if (at(i) != '"') {
            throw NotSure.INSTANCE;
        }
        int start = ++i;
        while (true) {
            i = StringStops.next(b, i, limit);
            byte c = at(i);
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
            utf8Sequence(); // the only other stop: a byte from 0x80 on
        }
        if (i - start > MAX_NAME_BYTES) {
            throw NotSure.INSTANCE;
        }
        nameStart = start;
        nameLength = i - start;
        i++;
    }

    private void colon() {
        whitespace();
        expect(':');
    }

    /** A string or null whose value is not needed. */
    void stringOrNull() {
        whitespace();
        if (at(i) == '"') {
            i++;
            skipString();
        } else if (!literal('n')) {
            throw NotSure.INSTANCE;
        }
    }

    /** A string (without escapes) or null whose value is needed. */
    String neededString() {
        if (!neededValue()) {
            return null;
        }
        return new String(b, valueStart, valueLength, valueAscii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
    }

    /**
     * A string without escapes, its bytes then told by {@link #valueIs} and {@link #valueStartsWith} (false: null).
     * Its bytes are well-formed UTF-8, so they equal or start with ASCII bytes exactly where its text does.
     */
    boolean neededValue() {
        whitespace();
        if (at(i) != '"') {
            if (literal('n')) {
                return false;
            }
            throw NotSure.INSTANCE;
        }
        int start = ++i;
        boolean ascii = true;
        while (true) {
            i = StringStops.next(b, i, limit);
            byte c = at(i);
            if (c == '"') {
                break;
            }
            if (c >= 0) { // '\\' or a control character
                throw NotSure.INSTANCE;
            }
            ascii = false;
            utf8Sequence();
        }
        valueStart = start;
        valueLength = i - start;
        valueAscii = ascii;
        i++;
        return true;
    }

    /** Whether the string {@link #neededValue} read last is {@code constant}. */
    boolean valueIs(byte[] constant) {
        return valueLength == constant.length && startsWith(valueStart, constant);
    }

    /** Whether the string {@link #neededValue} read last starts with {@code prefix}. */
    boolean valueStartsWith(byte[] prefix) {
        return valueLength >= prefix.length && startsWith(valueStart, prefix);
    }

    /** The rest of a string after its opening quote: escapes as the parser allows them, well-formed UTF-8. */
    private void skipString() {
        while (true) {
            // Most of an event is plain ASCII string content: passed over a word at a time.
            i = StringStops.next(b, i, limit);
            byte c = at(i);
            if (c == '"') {
                i++;
                return;
            }
            if (c == '\\') {
                escape();
            } else if (c < 0) {
                utf8Sequence();
            } else {
                throw NotSure.INSTANCE; // an unescaped control character: the parser refuses it
            }
        }
    }

    /** An array of strings, or null. */
    void strings() {
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
    void value() {
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
                    anyName();
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

    /** An integer that surely fits an int (at most 9 digits), or null. */
    void smallIntegerOrNull() {
        if (!literal('n')) {
            int start = i;
            if (number() || i - start - (at(start) == '-' ? 1 : 0) > 9) {
                throw NotSure.INSTANCE; // an int for Jackson only when it surely fits one
            }
        }
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
}

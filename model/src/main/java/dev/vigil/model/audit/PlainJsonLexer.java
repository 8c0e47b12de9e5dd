package dev.vigil.model.audit;

import java.nio.charset.StandardCharsets;

/**
 * The byte level of {@link PlainEventScanner}: reads the strict subset of JSON the scanner accepts — JSON's four
 * whitespace characters, names under 1 000 bytes, integers of at most 18 digits, short decimals, nesting under 200,
 * well-formed UTF-8 — and throws {@link NotSure} at anything else, including the end of the bytes read so far
 * ({@link #cutOff}). Strings are passed over a word at a time ({@link StringStops}). What the values must be is the
 * scanner's business. Not thread-safe.
 */
final class PlainJsonLexer extends JsonByteCursor {

    private static final int MAX_DEPTH = 200;
    private static final int MAX_NAME_BYTES = 1_000;

    private int depth;
    /** Bit {@code d}: the container open at depth {@code d} inside {@link #value} is an object (else an array). */
    private final long[] objects = new long[MAX_DEPTH / 64 + 1];
    private int nameStart;
    private int nameLength;
    private int valueStart;
    private int valueLength;
    private boolean valueAscii;

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

    /** The length in bytes of the name read last. */
    int nameLength() {
        return nameLength;
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
        return valueString();
    }

    private String valueString() {
        return new String(b, valueStart, valueLength, valueAscii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
    }

    /** Whether the string {@link #neededValue} read last is a timestamp {@link Timestamps#parse} reads. */
    boolean valueIsTimestamp() {
        // The API server's form is told from the bytes; anything else is judged as it always was, from its text.
        return Timestamps.isUtc(b, valueStart, valueLength) || Timestamps.parse(valueString()).isPresent();
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

    /**
     * Any value, checked as the parser would check it. Containers are walked in one loop rather than by recursion
     * (the request and response objects are most of an event's bytes, a few bytes per token): the kind of each open
     * container is one bit of {@link #objects}, its depth {@link #depth}, so the checks are exactly the recursive ones.
     */
    void value() {
        whitespace();
        byte c = at(i);
        if (c != '{' && c != '[') {
            scalar(c);
            return;
        }
        int base = depth;
        while (true) {
            if (c == '{' || c == '[') {
                i++;
                enter();
                boolean object = c == '{';
                open(object);
                whitespace();
                c = at(i);
                if (c != (object ? '}' : ']')) {
                    if (object) {
                        anyName();
                        whitespace();
                        c = at(i);
                    }
                    continue; // the first member's value
                }
                i++; // an empty container
                depth--;
            } else {
                scalar(c);
            }
            // After a value: close what ends here; at a comma go on with the next member's value.
            while (true) {
                if (depth == base) {
                    return;
                }
                whitespace();
                c = at(i++);
                boolean object = isObject();
                if (c == ',') {
                    if (object) {
                        anyName();
                    }
                    whitespace();
                    c = at(i);
                    break;
                }
                if (c != (object ? '}' : ']')) {
                    throw NotSure.INSTANCE;
                }
                depth--;
            }
        }
    }

    /** A string, literal or number starting with {@code c} (after whitespace). */
    private void scalar(byte c) {
        if (c == '"') {
            i++;
            skipString();
        } else if (!literal(c)) {
            number();
        }
    }

    /** Marks the container just entered (at {@link #depth}) as an object or an array. */
    private void open(boolean object) {
        long bit = 1L << (depth & 63);
        if (object) {
            objects[depth >> 6] |= bit;
        } else {
            objects[depth >> 6] &= ~bit;
        }
    }

    /** Whether the innermost open container (at {@link #depth}) is an object. */
    private boolean isObject() {
        return (objects[depth >> 6] & 1L << (depth & 63)) != 0;
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
}

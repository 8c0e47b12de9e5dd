package dev.vigil.model.audit;

/**
 * The cursor under {@link PlainJsonLexer}: the bytes read so far ({@code b[i, limit)}), JSON's whitespace (line feeds
 * counted), and the scalars other than strings — {@code true}, {@code false}, {@code null} and the numbers the tree
 * converts without fail. Anything else, and the end of the bytes ({@link #cutOff}), throws {@link NotSure}.
 */
abstract class JsonByteCursor {

    /** Thrown where the lexer or scanner is not sure; no stack trace, as it is an answer, not an error. */
    static final class NotSure extends RuntimeException {
        static final NotSure INSTANCE = new NotSure();

        private NotSure() {
            super("not sure", null, false, false);
        }
    }

    byte[] b;
    /** The next byte to read. */
    int i;
    int limit;
    private int lineFeeds;
    private boolean cutOff;

    final void reset(byte[] bytes, int from, int limit) {
        this.b = bytes;
        this.i = from;
        this.limit = limit;
        this.lineFeeds = 0;
        this.cutOff = false;
    }

    /** Whether the bytes ended before what was being read (so far a plain event). */
    final boolean cutOff() {
        return cutOff;
    }

    /** Line feeds passed over since {@link #reset}. */
    final int lineFeeds() {
        return lineFeeds;
    }

    /** Where the next byte is read. */
    final int position() {
        return i;
    }

    /** The next byte, after any whitespace (not consumed). */
    final byte peek() {
        whitespace();
        return at(i);
    }

    /** true, false or null starting with {@code first} (consumed, followed by a delimiter); false if another value. */
    final boolean literal(int first) {
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
    final void smallIntegerOrNull() {
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
    final boolean number() {
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

    final void whitespace() {
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

    final void expect(char c) {
        whitespace();
        if (at(i) != c) {
            throw NotSure.INSTANCE;
        }
        i++;
    }

    /** The byte at {@code k}; past what the buffer holds of the body, not sure (the reader reads on and retries). */
    final byte at(int k) {
        if (k >= limit) {
            cutOff = true;
            throw NotSure.INSTANCE;
        }
        return b[k];
    }
}

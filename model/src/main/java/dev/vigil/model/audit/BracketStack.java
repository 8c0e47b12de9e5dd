package dev.vigil.model.audit;

import java.util.Arrays;

/** A stack of open brackets, one bit each (object or array), so that deep nesting costs little memory. */
final class BracketStack {
    private long[] bits = new long[4];
    private int depth;

    void push(boolean object) {
        if (depth >> 6 >= bits.length) {
            bits = Arrays.copyOf(bits, bits.length * 2);
        }
        if (object) {
            bits[depth >> 6] |= 1L << (depth & 63);
        } else {
            bits[depth >> 6] &= ~(1L << (depth & 63));
        }
        depth++;
    }

    /** Whether the innermost open bracket is an object's. */
    boolean top() {
        int at = depth - 1;
        return (bits[at >> 6] & 1L << (at & 63)) != 0;
    }

    void pop() {
        depth--;
    }

    int depth() {
        return depth;
    }

    void clear() {
        depth = 0;
    }
}

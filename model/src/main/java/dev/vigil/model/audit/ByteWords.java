package dev.vigil.model.audit;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finds the end of a JSON string in UTF-8 bytes eight bytes at a time: most of an audit record is the inside of
 * strings, and most strings are short, so a word-wide search for the few bytes that matter is what makes skipping
 * them cheap. The tests below flag the bytes of a {@code long} that match; each is exact up to the first match (a
 * borrow may flag bytes after it), which is the only one these searches use.
 */
final class ByteWords {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long QUOTES = 0x2222222222222222L;
    private static final long BACKSLASHES = 0x5C5C5C5C5C5C5C5CL;
    private static final long SPACES = 0x2020202020202020L;
    private static final long LOW_ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;

    private ByteWords() {
    }

    /**
     * The index after the closing quote of the string whose content starts at {@code from}, a backslash escaping
     * the byte after it (as Jackson and {@link TopLevelFields} read it); -1 when the bytes end first. The content is
     * not checked: a skipped string is never read.
     */
    static int stringEnd(byte[] in, int from) {
        int i = from;
        while (true) {
            while (i + Long.BYTES <= in.length) {
                long word = (long) LONGS.get(in, i);
                long found = equal(word, QUOTES) | equal(word, BACKSLASHES);
                if (found != 0) {
                    i += Long.numberOfTrailingZeros(found) >>> 3;
                    break;
                }
                i += Long.BYTES;
            }
            if (i >= in.length) {
                return -1;
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
     * The index of the closing quote of the string whose content starts at {@code from} when that content is
     * printable ASCII without escapes — then its bytes are its characters, for Jackson and Java alike — else -1.
     */
    static int plainStringEnd(byte[] in, int from) {
        int i = from;
        while (i + Long.BYTES <= in.length) {
            long word = (long) LONGS.get(in, i);
            long found = equal(word, QUOTES) | equal(word, BACKSLASHES) | below(word, SPACES) | word & HIGH_BITS;
            if (found != 0) {
                i += Long.numberOfTrailingZeros(found) >>> 3;
                return in[i] == '"' ? i : -1;
            }
            i += Long.BYTES;
        }
        for (; i < in.length; i++) {
            byte b = in[i];
            if (b == '"' || b < 0x20 || b == '\\') { // negative: not ASCII
                return b == '"' ? i : -1;
            }
        }
        return -1;
    }

    /** The high bit of each byte of {@code word} equal to the byte repeated in {@code pattern}. */
    private static long equal(long word, long pattern) {
        long x = word ^ pattern;
        return (x - LOW_ONES) & ~x & HIGH_BITS;
    }

    /** The high bit of each ASCII byte of {@code word} below the byte repeated in {@code pattern}. */
    private static long below(long word, long pattern) {
        return (word - pattern) & ~word & HIGH_BITS;
    }
}

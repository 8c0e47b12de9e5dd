package dev.vigil.model.audit;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finds where the plain ASCII run of a JSON string's bytes stops: the first byte that is {@code "} or {@code \}, a
 * control character (below 0x20) or not ASCII (0x80 and above) — the bytes the scanner must look at one by one.
 * Eight bytes are taken at a time as one little-endian {@code long}, so the first byte of the array is its lowest
 * byte; each test below sets a byte's high bit exactly where that byte stops the run, and may set it wrongly only in
 * bytes above one it set rightly (a borrow running upwards), so the lowest bit set of their union is the answer.
 */
final class StringStops {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long QUOTES = 0x2222222222222222L;
    private static final long BACKSLASHES = 0x5C5C5C5C5C5C5C5CL;
    private static final long SPACES = 0x2020202020202020L;

    private StringStops() {
    }

    /** The index of the first stop in {@code bytes[from, limit)}, or {@code limit} when there is none. */
    static int next(byte[] bytes, int from, int limit) {
        int i = from;
        for (int last = limit - Long.BYTES; i <= last; i += Long.BYTES) {
            long stops = stops((long) LONGS.get(bytes, i));
            if (stops != 0) {
                return i + (Long.numberOfTrailingZeros(stops) >>> 3);
            }
        }
        for (; i < limit; i++) {
            byte c = bytes[i];
            if (c < 0x20 || c == '"' || c == '\\') { // signed: non-ASCII bytes are negative
                return i;
            }
        }
        return limit;
    }

    /** The high bit of each byte of {@code word} that may stop the run (see the class comment). */
    static long stops(long word) {
        long quotes = word ^ QUOTES; // a zero byte where word has '"'
        long backslashes = word ^ BACKSLASHES;
        return (((quotes - ONES) & ~quotes)
                | ((backslashes - ONES) & ~backslashes)
                // Below 0x20 the subtraction borrows into the byte's high bit; from 0x80 on the byte has it already.
                | (word - SPACES)
                | word) & HIGH_BITS;
    }

    /**
     * The index after the closing quote of the string whose content starts at {@code from}, a backslash escaping
     * the byte after it (as Jackson and {@link TopLevelFields} read it); -1 when the bytes end first. The content is
     * not checked: a skipped string is never read. Only quotes and backslashes stop the scan here, eight bytes at a
     * time ({@link #quotesOrBackslashes}): control and non-ASCII bytes are passed over with the rest.
     */
    static int stringEnd(byte[] in, int from) {
        int i = from;
        int last = in.length - Long.BYTES;
        while (true) {
            for (; i <= last; i += Long.BYTES) {
                long hits = quotesOrBackslashes((long) LONGS.get(in, i));
                if (hits != 0) {
                    i += Long.numberOfTrailingZeros(hits) >>> 3;
                    break;
                }
            }
            if (i > last) {
                while (i < in.length && in[i] != '"' && in[i] != '\\') {
                    i++;
                }
                if (i >= in.length) {
                    return -1;
                }
            }
            if (in[i++] == '"') {
                return i;
            }
            i++; // the escaped byte
        }
    }

    /** The high bit of each byte of {@code word} that may be a quote or a backslash (see the class comment). */
    static long quotesOrBackslashes(long word) {
        long quotes = word ^ QUOTES;
        long backslashes = word ^ BACKSLASHES;
        return ((quotes - ONES) & ~quotes | (backslashes - ONES) & ~backslashes) & HIGH_BITS;
    }

    /**
     * The index of the closing quote of the string whose content starts at {@code from} when that content is
     * printable ASCII without escapes (then its bytes are its characters, for Jackson and Java alike), else -1.
     */
    static int plainStringEnd(byte[] in, int from) {
        int i = next(in, from, in.length);
        return i < in.length && in[i] == '"' ? i : -1;
    }
}

package dev.vigil.model.audit;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Checks a stretch of bytes in one pass: whether it is well-formed UTF-8 exactly as Java's UTF-8 decoder reads it (no
 * overlong forms, no surrogates, nothing past U+10FFFF, no stray or missing continuation bytes) — so that decoding
 * it, as the document reader does with U+FFFD for anything malformed, and encoding it again gives the same bytes —
 * and how many line feeds it holds. ASCII is taken eight bytes at a time.
 */
final class Utf8Bytes {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long LOW_BITS = 0x7F7F7F7F7F7F7F7FL;
    private static final long LINE_FEEDS = 0x0A0A0A0A0A0A0A0AL;
    private static final long ONES = 0x0101010101010101L;

    private Utf8Bytes() {
    }

    /** The line feeds in {@code bytes[from, to)} when they are well-formed UTF-8, or -1. */
    static int lineFeedsIfWellFormed(byte[] bytes, int from, int to) {
        int lines = 0;
        int i = from;
        while (i < to) {
            if (i + 8 <= to) {
                long word = (long) LONGS.get(bytes, i);
                if ((word & HIGH_BITS) == 0) {
                    // A byte of x is 0 exactly where word has '\n'; the sum never carries into the next byte.
                    long x = word ^ LINE_FEEDS;
                    lines += Long.bitCount(~(((x & LOW_BITS) + LOW_BITS) | x | LOW_BITS));
                    i += 8;
                    continue;
                }
            }
            int c = bytes[i] & 0xFF;
            if (c < 0x80) {
                if (c == '\n') {
                    lines++;
                }
                i++;
                continue;
            }
            int length = sequence(bytes, i, to, c);
            if (length < 0) {
                return -1;
            }
            i += length;
        }
        return lines;
    }

    /** Whether the eight bytes at {@code at} are all ASCII and none is a line feed. */
    static boolean asciiWithoutLineFeed(byte[] bytes, int at) {
        long word = (long) LONGS.get(bytes, at);
        long x = word ^ LINE_FEEDS; // a zero byte where word has '\n'
        return ((word | ((x - ONES) & ~x)) & HIGH_BITS) == 0;
    }

    /** The length of the well-formed sequence starting with {@code lead} at {@code at}, or -1 (Unicode table 3-7). */
    static int sequence(byte[] bytes, int at, int to, int lead) {
        int length;
        int low = 0x80;
        int high = 0xBF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            length = 2;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            length = 3;
            if (lead == 0xE0) {
                low = 0xA0;
            } else if (lead == 0xED) {
                high = 0x9F;
            }
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            length = 4;
            if (lead == 0xF0) {
                low = 0x90;
            } else if (lead == 0xF4) {
                high = 0x8F;
            }
        } else {
            return -1;
        }
        if (at + length > to) {
            return -1;
        }
        int second = bytes[at + 1] & 0xFF;
        if (second < low || second > high) {
            return -1;
        }
        for (int k = 2; k < length; k++) {
            if ((bytes[at + k] & 0xC0) != 0x80) {
                return -1;
            }
        }
        return length;
    }
}

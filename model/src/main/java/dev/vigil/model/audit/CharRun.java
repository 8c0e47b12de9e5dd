package dev.vigil.model.audit;

import java.util.Arrays;

/**
 * The characters of the item being scanned: a growing {@code char[]}, as {@link StringBuilder} would be, but copied
 * in with {@link System#arraycopy} rather than character by character (a {@code StringBuilder} holding Latin-1 text
 * checks every appended {@code char}); the scanner appends most of an item in runs, so this is its main cost.
 */
final class CharRun {
    private char[] chars = new char[8 * 1024];
    private int length;

    int length() {
        return length;
    }

    boolean isEmpty() {
        return length == 0;
    }

    void clear() {
        length = 0;
    }

    void append(char c) {
        if (length == chars.length) {
            grow(1);
        }
        chars[length++] = c;
    }

    void append(char[] from, int offset, int count) {
        if (length + count > chars.length) {
            grow(count);
        }
        System.arraycopy(from, offset, chars, length, count);
        length += count;
    }

    @Override
    public String toString() {
        return new String(chars, 0, length);
    }

    private void grow(int more) {
        chars = Arrays.copyOf(chars, Math.max(chars.length * 2, length + more));
    }
}

package dev.vigil.model.audit;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Arrays;

/**
 * The bytes of a body that {@link Utf8ItemReader} has read and not yet used: {@code buffer[position, limit)}, refilled
 * from the stream as the reader needs more. Bytes before {@code position} are dropped on a refill only once
 * {@link #compacting} (until then the whole body may still go to the document reader from its first byte); the
 * buffer grows when an item does not fit, so it holds the item being read and the read-ahead.
 */
final class BodyBytes {

    /** {@link #bracketEnd}: the buffer ends before the object does. */
    static final int NEED_MORE = -2;

    private final InputStream in;
    byte[] buffer = new byte[128 * 1024];
    int position;
    int limit;
    boolean endOfInput;
    boolean compacting;

    BodyBytes(InputStream in) {
        this.in = in;
    }

    /**
     * Reads more after {@code limit}: first dropping the bytes before {@code position} when more than half the buffer
     * is used up and that is allowed, else growing a full buffer. False at the end of the input.
     */
    boolean fill() throws IOException {
        if (endOfInput) {
            return false;
        }
        if (compacting && position > buffer.length / 2) {
            System.arraycopy(buffer, position, buffer, 0, limit - position);
            limit -= position;
            position = 0;
        } else if (limit == buffer.length) {
            buffer = Arrays.copyOf(buffer, buffer.length * 2);
        }
        int read = in.read(buffer, limit, buffer.length - limit);
        if (read < 0) {
            endOfInput = true;
            return false;
        }
        limit += read;
        return true;
    }

    /** The body from {@code from} on: what is buffered, then the rest of the stream. */
    InputStream from(int from) {
        return new SequenceInputStream(new ByteArrayInputStream(buffer, from, limit - from), in);
    }

    /**
     * The end (exclusive) of the object or array at {@code from}, by strings, escapes and brackets only, as
     * {@link ItemScanner} finds an item's end (no ASCII byte is part of a multi-byte character, so bytes give the
     * same answer as characters); -1 when a bracket closes the wrong one, the input ends inside it, or it reaches
     * {@code maxLength} bytes; {@link #NEED_MORE} when the buffer ends first.
     */
    int bracketEnd(int from, int maxLength) {
        BracketStack brackets = new BracketStack();
        boolean string = false;
        boolean escape = false;
        int last = (int) Math.min(limit, from + (long) maxLength);
        for (int i = from; i < last; i++) {
            byte c = buffer[i];
            if (string) {
                if (escape) {
                    escape = false;
                } else if (c == '\\') {
                    escape = true;
                } else if (c == '"') {
                    string = false;
                }
            } else if (c == '"') {
                string = true;
            } else if (c == '{' || c == '[') {
                brackets.push(c == '{');
            } else if (c == '}' || c == ']') {
                if (brackets.depth() == 0 || brackets.top() != (c == '}')) {
                    return -1;
                }
                brackets.pop();
                if (brackets.depth() == 0) {
                    return i + 1;
                }
            }
        }
        return last < limit || endOfInput ? -1 : NEED_MORE;
    }

    /** The line feeds in {@code buffer[from, to)}. */
    int lineFeeds(int from, int to) {
        int lines = 0;
        for (int i = from; i < to; i++) {
            if (buffer[i] == '\n') {
                lines++;
            }
        }
        return lines;
    }

    /** The ASCII characters {@link Character#isWhitespace} counts (the document reader's whitespace). */
    static boolean isWhitespace(byte b) {
        return b == ' ' || (b >= 0x09 && b <= 0x0D) || (b >= 0x1C && b <= 0x1F);
    }

    void close() throws IOException {
        in.close();
    }
}

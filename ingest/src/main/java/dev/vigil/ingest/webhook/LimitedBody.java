package dev.vigil.ingest.webhook;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A request body that refuses to be read past the size limit: the read that crosses it fails at once, so a huge
 * body is never read, let alone buffered. It remembers why reading stopped, because the audit reader turns I/O
 * errors into error items and the controller must still answer 413 (or give up on a broken upload).
 */
final class LimitedBody extends FilterInputStream {

    private final long limit;
    private long count;
    private boolean exceeded;
    private IOException failure;

    LimitedBody(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int read = read(one, 0, 1);
        return read < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (exceeded) {
            throw new BodyTooLargeException(limit);
        }
        if (length == 0) {
            return 0;
        }
        // Ask for at most one byte more than the limit allows: enough to notice that the body is too large.
        int allowed = (int) Math.min(length, limit - count + 1);
        int read;
        try {
            read = super.read(buffer, offset, allowed);
        } catch (IOException e) {
            failure = e;
            throw e;
        }
        if (read > 0) {
            count += read;
            if (count > limit) {
                exceeded = true;
                throw new BodyTooLargeException(limit);
            }
        }
        return read;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] sink = new byte[8192];
        long skipped = 0;
        while (skipped < n) {
            int read = read(sink, 0, (int) Math.min(sink.length, n - skipped));
            if (read < 0) {
                break;
            }
            skipped += read;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** Bytes read so far. */
    long count() {
        return count;
    }

    /** Rethrows what stopped the reading (limit crossed, or the upload broke), if anything did. */
    void throwIfFailed() throws IOException {
        if (exceeded) {
            throw new BodyTooLargeException(limit);
        }
        if (failure != null) {
            throw failure;
        }
    }
}

package dev.vigil.ingest.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A request body that refuses to be read past the size limit or past its read deadline: the read that crosses the
 * limit fails at once, so a huge body is never read, let alone buffered; and once the reads together have waited
 * longer than the deadline for the client, the read that brings more fails, so a client trickling a byte at a time
 * cannot hold a request thread longer than that. Only time spent waiting for the client counts — not the time Vigil spends on
 * the items in between, which Kafka's own timeouts bound. A read that blocks on a silent client ends at the
 * server's socket timeout ({@code server.tomcat.connection-timeout}) and counts as late too. The body remembers
 * why reading stopped, because the audit reader turns I/O errors into error items and the controller must still
 * answer 413 or 408 (or give up on a broken upload).
 */
public final class LimitedBody extends FilterInputStream {

    private final long limit;
    private final Duration timeout;
    private final LongSupplier nanoTime;
    private long count;
    private long waitedNanos;
    private boolean exceeded;
    private IOException failure;

    /** A body without a read deadline. */
    public LimitedBody(InputStream in, long limit) {
        this(in, limit, null, System::nanoTime);
    }

    /**
     * @param timeout  how long the reads may wait for the client altogether, or null for no deadline
     * @param nanoTime the clock ({@link System#nanoTime()} outside tests)
     */
    public LimitedBody(InputStream in, long limit, Duration timeout, LongSupplier nanoTime) {
        super(in);
        this.limit = limit;
        this.timeout = timeout;
        this.nanoTime = nanoTime;
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
        if (failure != null) {
            throw failure;
        }
        if (length == 0) {
            return 0;
        }
        // Ask for at most one byte more than the limit allows: enough to notice that the body is too large.
        int allowed = (int) Math.min(length, limit - count + 1);
        int read;
        long started = nanoTime.getAsLong();
        try {
            read = super.read(buffer, offset, allowed);
        } catch (IOException e) {
            waitedNanos += nanoTime.getAsLong() - started;
            // A read the server's socket timeout ended, or one that broke after the deadline, is a late body too.
            failure = timeout != null && (pastDeadline() || causedBySocketTimeout(e)) ? timedOut() : e;
            throw failure;
        }
        waitedNanos += nanoTime.getAsLong() - started;
        if (read > 0) {
            count += read;
            if (count > limit) {
                exceeded = true;
                throw new BodyTooLargeException(limit);
            }
            // The end of a body that arrived whole is never late; more bytes after the deadline are.
            if (pastDeadline()) {
                failure = timedOut();
                throw failure;
            }
        }
        return read;
    }

    private boolean pastDeadline() {
        return timeout != null && waitedNanos >= timeout.toNanos();
    }

    private BodyReadTimeoutException timedOut() {
        return new BodyReadTimeoutException(timeout, count);
    }

    private static boolean causedBySocketTimeout(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
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
    public long count() {
        return count;
    }

    /** Rethrows what stopped the reading (limit crossed, deadline passed, or the upload broke), if anything did. */
    public void throwIfFailed() throws IOException {
        if (exceeded) {
            throw new BodyTooLargeException(limit);
        }
        if (failure != null) {
            throw failure;
        }
    }
}

package dev.vigil.ingest.replay;

import java.io.PrintWriter;
import java.util.function.LongSupplier;

/**
 * Shows how a replay advances: on a terminal a bar redrawn in place with events/s, elsewhere a plain line every
 * few seconds (logs and CI output stay readable). Redraws are throttled by time, so calling it per event is cheap.
 */
final class Progress {

    private static final int WIDTH = 30;

    private final PrintWriter out;
    private final boolean terminal;
    private final long intervalNanos;
    private long lastNanos;
    private boolean drawn;

    private Progress(PrintWriter out, boolean terminal, long intervalMillis) {
        this.out = out;
        this.terminal = terminal;
        this.intervalNanos = intervalMillis * 1_000_000L;
        this.lastNanos = System.nanoTime();
    }

    /** A redrawn bar, for a terminal. */
    static Progress terminal(PrintWriter out) {
        return new Progress(out, true, 200);
    }

    /** Plain lines every {@code intervalMillis}, for anything that is not a terminal. */
    static Progress plain(PrintWriter out, long intervalMillis) {
        return new Progress(out, false, intervalMillis);
    }

    /**
     * Reports the state when the interval has passed.
     *
     * @param file     the file being read
     * @param position bytes read of it so far
     * @param size     its size, or -1 when unknown (a followed file)
     */
    void update(ReplayStats stats, String file, LongSupplier position, long size) {
        long now = System.nanoTime();
        if (now - lastNanos < intervalNanos) {
            return;
        }
        lastNanos = now;
        long read = position.getAsLong();
        if (terminal) {
            out.print("\r" + bar(read, size) + String.format(" %,d events  %,.0f/s  %,d rejected  %s   ",
                    stats.sentCount(), stats.rate(), stats.rejectedCount(), file));
            drawn = true;
        } else {
            out.printf("replay: %s %s%,d lines, %,d events sent, %,d rejected, %,.0f events/s%n", file,
                    size > 0 ? percent(read, size) + "%, " : "", stats.lines(), stats.sentCount(),
                    stats.rejectedCount(), stats.rate());
        }
        out.flush();
    }

    /** Ends the bar's line so that the summary starts on a fresh one. */
    void finish() {
        if (drawn) {
            out.println();
            out.flush();
            drawn = false;
        }
    }

    private static String bar(long read, long size) {
        if (size <= 0) {
            return "[following]";
        }
        int filled = (int) Math.min(WIDTH, WIDTH * read / size);
        return "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + percent(read, size) + "%";
    }

    private static long percent(long read, long size) {
        return Math.min(100, 100 * read / size);
    }
}

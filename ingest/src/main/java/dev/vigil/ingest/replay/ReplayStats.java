package dev.vigil.ingest.replay;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What a replay did, in constant memory: counters, the first {@value #LISTED_REJECTIONS} rejections with their
 * place and reason (the rest are counted; all of them are in the dead-letter topic), and the first Kafka failure.
 */
final class ReplayStats {

    static final int LISTED_REJECTIONS = 20;
    static final int LISTED_CLUSTERS = 10;

    /** One rejected item: file, line, reason. */
    record Rejection(String file, long line, String reason) {
    }

    private final AtomicLong lines = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicReference<Throwable> kafkaFailure = new AtomicReference<>();
    private final List<Rejection> listed = new ArrayList<>();
    private final List<String> fileErrors = new ArrayList<>();
    private final Set<String> clusters = new LinkedHashSet<>();
    private final Map<String, String> formats = new LinkedHashMap<>();
    private final long startedNanos = System.nanoTime();

    void linesRead(long count) {
        lines.addAndGet(count);
    }

    void sent() {
        sent.incrementAndGet();
    }

    void deadLettered() {
        deadLettered.incrementAndGet();
    }

    synchronized void rejected(String file, long line, String reason) {
        rejected.incrementAndGet();
        if (listed.size() < LISTED_REJECTIONS) {
            listed.add(new Rejection(file, line, reason));
        }
    }

    void failed(Throwable error) {
        failed.incrementAndGet();
        kafkaFailure.compareAndSet(null, error);
    }

    /** A cluster events were recorded as (the first few are named in the summary). */
    synchronized void cluster(String cluster) {
        if (clusters.size() < LISTED_CLUSTERS) {
            clusters.add(cluster);
        }
    }

    /** The format {@code --format auto} found for a file. */
    synchronized void format(String file, String format) {
        if (formats.size() < LISTED_REJECTIONS) {
            formats.put(file, format);
        }
    }

    synchronized void fileError(String message) {
        fileErrors.add(message);
    }

    long lines() {
        return lines.get();
    }

    long sentCount() {
        return sent.get();
    }

    long rejectedCount() {
        return rejected.get();
    }

    Throwable kafkaFailure() {
        return kafkaFailure.get();
    }

    /** Events acknowledged per second since the replay started. */
    double rate() {
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        return seconds <= 0 ? 0 : sent.get() / seconds;
    }

    /** 0 when every readable event reached Kafka; 1 when nothing could be sent or Kafka failed on the way. */
    int exitCode() {
        return sent.get() == 0 || kafkaFailure.get() != null ? 1 : 0;
    }

    synchronized void print(PrintWriter out, String topic, String dlqTopic) {
        out.printf("Replay into %s (cluster %s) finished in %.1f s%n", topic,
                clusters.isEmpty() ? "-" : String.join(", ", clusters), (System.nanoTime() - startedNanos) / 1e9);
        formats.forEach((file, format) -> out.printf("  format:       %s (%s)%n", format, file));
        out.printf("  lines read:   %,d%n", lines.get());
        out.printf("  events sent:  %,d%n", sent.get());
        out.printf("  rejected:     %,d (%,d written to %s)%n", rejected.get(), deadLettered.get(), dlqTopic);
        for (Rejection rejection : listed) {
            out.printf("    %s:%d  %s%n", rejection.file(), rejection.line(), rejection.reason());
        }
        if (rejected.get() > listed.size()) {
            out.printf("    … and %,d more (all of them are in %s)%n", rejected.get() - listed.size(), dlqTopic);
        }
        for (String error : fileErrors) {
            out.printf("  error: %s%n", error);
        }
        Throwable failure = kafkaFailure.get();
        if (failure != null) {
            out.printf("  NOT SENT:     %,d record(s); Kafka failed: %s%n", failed.get(), describe(failure));
        }
        out.flush();
    }

    static String describe(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && (cause.getMessage() == null || cause instanceof CompletionException)) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }
}

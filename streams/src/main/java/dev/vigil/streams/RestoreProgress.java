package dev.vigil.streams;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Tells the operator what a start restores from the changelogs: one line when a store partition starts a restore of
 * at least {@link #WORTH_A_LINE} offsets, a progress line at most every {@link #PROGRESS} while it runs, one when it
 * is done if it restored any record. Meters (tag {@code application}): {@code vigil.streams.restored.records}, the
 * records restored since start-up, and {@code vigil.streams.restoring.partitions}, the store partitions restoring now
 * (above 0 for long: the application is not processing yet). A restore
 * of the stateful rules' history can take minutes; without this a start looks hung. Also counts the records
 * restored by this instance since it was created.
 */
final class RestoreProgress implements StateRestoreListener {

    static final Duration PROGRESS = Duration.ofSeconds(10);
    /**
     * Restores smaller than this get no start line: a clean restart "restores" the transaction marker after each
     * checkpoint, one offset per store, and a line per store for that is noise.
     */
    static final long WORTH_A_LINE = 1_000;
    private static final Logger LOG = LoggerFactory.getLogger(RestoreProgress.class);

    private final String application;
    private final LongAdder restored = new LongAdder();
    private final Map<TopicPartition, Restore> running = new ConcurrentHashMap<>();

    /** @param registry where the meters go; null for none */
    RestoreProgress(String application, MeterRegistry registry) {
        this.application = application;
        if (registry != null) {
            FunctionCounter.builder("vigil.streams.restored.records", restored, LongAdder::doubleValue)
                    .description("Records restored from changelogs into local state stores")
                    .tag("application", application).register(registry);
            Gauge.builder("vigil.streams.restoring.partitions", running, Map::size)
                    .description("State store partitions being restored from their changelogs now")
                    .tag("application", application).register(registry);
        }
    }

    /** One store partition being restored. */
    private static final class Restore {
        final long startNanos = System.nanoTime();
        final long toRestore;
        long done;
        long lastReportNanos = startNanos;

        Restore(long toRestore) {
            this.toRestore = toRestore;
        }
    }

    @Override
    public void onRestoreStart(TopicPartition partition, String store, long startingOffset, long endingOffset) {
        long toRestore = Math.max(0, endingOffset - startingOffset);
        running.put(partition, new Restore(toRestore));
        if (toRestore < WORTH_A_LINE) {
            return;
        }
        LOG.info("{}: restoring store {} from {} (up to {} records, offsets {} to {})", application, store,
                partition, toRestore, startingOffset, endingOffset);
    }

    @Override
    public void onBatchRestored(TopicPartition partition, String store, long batchEndOffset, long restoredInBatch) {
        restored.add(restoredInBatch);
        Restore restore = running.get(partition);
        if (restore == null) {
            return;
        }
        restore.done += restoredInBatch;
        long now = System.nanoTime();
        if (now - restore.lastReportNanos >= PROGRESS.toNanos()) {
            restore.lastReportNanos = now;
            LOG.info("{}: restoring store {} from {}: {} of up to {} records", application, store, partition,
                    restore.done, restore.toRestore);
        }
    }

    @Override
    public void onRestoreEnd(TopicPartition partition, String store, long totalRestored) {
        Restore restore = running.remove(partition);
        if (totalRestored == 0) {
            return;
        }
        long millis = restore == null ? 0 : Duration.ofNanos(System.nanoTime() - restore.startNanos).toMillis();
        LOG.info("{}: restored store {} from {}: {} records in {} ms", application, store, partition, totalRestored,
                millis);
    }

    @Override
    public void onRestoreSuspended(TopicPartition partition, String store, long totalRestored) {
        running.remove(partition);
        LOG.info("{}: restoring store {} from {} suspended after {} records (the task moved)", application, store,
                partition, totalRestored);
    }

    /** Store partitions restoring now. */
    int restoring() {
        return running.size();
    }

    /** Records restored from changelogs since this instance was created. */
    long restoredRecords() {
        return restored.sum();
    }
}

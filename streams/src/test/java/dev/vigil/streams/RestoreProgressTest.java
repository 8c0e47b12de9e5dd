package dev.vigil.streams;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What a restore tells the meters while it runs and after: partitions restoring now, records restored in all. */
class RestoreProgressTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RestoreProgress progress = new RestoreProgress("vigil-streams", registry);
    private final TopicPartition threshold = new TopicPartition("vigil-streams-stateful-threshold-changelog", 0);
    private final TopicPartition terms = new TopicPartition("vigil-streams-stateful-new-terms-changelog", 1);

    private double restoring() {
        return registry.get("vigil.streams.restoring.partitions").tag("application", "vigil-streams").gauge().value();
    }

    private double restored() {
        return registry.get("vigil.streams.restored.records").tag("application", "vigil-streams").functionCounter()
                .count();
    }

    @Test
    void countsPartitionsWhileTheyRestoreAndRecordsInAll() {
        progress.onRestoreStart(threshold, "stateful-threshold", 0, 5_000);
        progress.onRestoreStart(terms, "stateful-new-terms", 100, 101); // a clean restart: one commit marker
        assertThat(restoring()).isEqualTo(2);

        progress.onBatchRestored(threshold, "stateful-threshold", 2_000, 2_000);
        progress.onRestoreEnd(terms, "stateful-new-terms", 0);
        assertThat(restoring()).isEqualTo(1);
        assertThat(restored()).isEqualTo(2_000);

        progress.onBatchRestored(threshold, "stateful-threshold", 5_000, 2_999);
        progress.onRestoreEnd(threshold, "stateful-threshold", 4_999);
        assertThat(restoring()).isZero();
        assertThat(restored()).isEqualTo(4_999);
        assertThat(progress.restoredRecords()).isEqualTo(4_999);
    }

    @Test
    void aTaskMovedAwayStopsCountingAsRestoring() {
        progress.onRestoreStart(threshold, "stateful-threshold", 0, 5_000);
        progress.onBatchRestored(threshold, "stateful-threshold", 1_000, 1_000);
        progress.onRestoreSuspended(threshold, "stateful-threshold", 1_000);
        assertThat(restoring()).isZero();
        assertThat(restored()).isEqualTo(1_000);
    }

    @Test
    void worksWithoutARegistry() {
        RestoreProgress bare = new RestoreProgress("vigil-evidence", null);
        bare.onRestoreStart(threshold, "stateful-threshold", 0, 10);
        bare.onBatchRestored(threshold, "stateful-threshold", 10, 10);
        bare.onRestoreEnd(threshold, "stateful-threshold", 10);
        assertThat(bare.restoredRecords()).isEqualTo(10);
        assertThat(bare.restoring()).isZero();
    }
}

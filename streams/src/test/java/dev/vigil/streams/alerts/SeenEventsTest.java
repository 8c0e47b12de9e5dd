package dev.vigil.streams.alerts;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;

import static org.assertj.core.api.Assertions.assertThat;

class SeenEventsTest {

    private static final int LIMIT = DedupSettings.DEFAULT_EXACT_COUNT_LIMIT;

    private static long hash(int i) {
        return SeenEvents.hash("prod-1", "audit-" + i);
    }

    /** Adds events 0 … n-1 and returns how many were taken as new. */
    private static long addAll(SeenEvents seen, int n, int limit) {
        long counted = 0;
        for (int i = 0; i < n; i++) {
            counted += seen.add(hash(i), limit) ? 1 : 0;
        }
        return counted;
    }

    @Test
    void countsExactlyUpToTheLimitAndNeverTwice() {
        SeenEvents seen = SeenEvents.empty();

        assertThat(addAll(seen, LIMIT, LIMIT)).isEqualTo(LIMIT);
        assertThat(addAll(seen, LIMIT, LIMIT)).isZero();
        assertThat(seen.exact()).isTrue();
        assertThat(seen.estimate()).isEqualTo(LIMIT);
    }

    @Test
    void theHashTellsClustersApart() {
        assertThat(SeenEvents.hash("local", "a-1")).isNotEqualTo(SeenEvents.hash("prod-1", "a-1"))
                .isEqualTo(SeenEvents.hash("local", "a-1"));
        assertThat(SeenEvents.hash("ab", "c")).isNotEqualTo(SeenEvents.hash("a", "bc"));
    }

    @ParameterizedTest
    @ValueSource(ints = {2_049, 5_000, 20_000, 60_000, 150_000, 400_000})
    void beyondTheLimitRedeliveryNeverCountsAndTheEstimateStaysWithinThreePercent(int n) {
        SeenEvents seen = SeenEvents.empty();
        addAll(seen, n, LIMIT);
        long estimate = seen.estimate();

        assertThat(seen.exact()).isFalse();
        assertThat(addAll(seen, n, LIMIT)).as("redelivered events taken as new").isZero();
        assertThat(seen.estimate()).isEqualTo(estimate);
        // standard error 1.04/sqrt(16384) = 0.81 %; 3 % is beyond 3.5 standard errors (deterministic hashes: no flake)
        assertThat((double) Math.abs(estimate - n) / n).as("relative error of %d for %d", estimate, n)
                .isLessThan(0.03);
    }

    @Test
    void keepsItsEventsThroughTheStoreFormInBothModes() {
        SeenEvents exact = SeenEvents.empty();
        addAll(exact, 100, LIMIT);
        SeenEvents sketch = SeenEvents.empty();
        addAll(sketch, 3_000, LIMIT);

        for (SeenEvents original : new SeenEvents[] {exact, sketch}) {
            ByteBuffer buffer = ByteBuffer.allocate(original.serializedSize());
            original.writeTo(buffer);
            assertThat(buffer.remaining()).isZero();
            SeenEvents read = SeenEvents.readFrom(buffer.flip());

            assertThat(read.exact()).isEqualTo(original.exact());
            assertThat(read.estimate()).isEqualTo(original.estimate());
            assertThat(addAll(read, 100, LIMIT)).isZero();
        }
        assertThat(exact.serializedSize()).isEqualTo(1 + 4 + 8 * 100);
        assertThat(sketch.serializedSize()).isEqualTo(1 + 16_384);
    }

    @Test
    void aLowerLimitTurnsALargerExactSetIntoTheSketchAtTheNextNewEvent() {
        SeenEvents seen = SeenEvents.empty();
        addAll(seen, 50, LIMIT);

        assertThat(seen.add(hash(0), 10)).isFalse();
        assertThat(seen.exact()).isTrue();
        assertThat(seen.add(hash(50), 10)).isTrue();
        assertThat(seen.exact()).isFalse();
        assertThat(seen.estimate()).isEqualTo(51);
        assertThat(addAll(seen, 51, 10)).isZero();
    }
}

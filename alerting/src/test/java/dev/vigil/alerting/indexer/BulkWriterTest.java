package dev.vigil.alerting.indexer;

import org.junit.jupiter.api.Test;

import static dev.vigil.alerting.indexer.BulkWriter.Outcome.INDEXED;
import static dev.vigil.alerting.indexer.BulkWriter.Outcome.REJECTED;
import static dev.vigil.alerting.indexer.BulkWriter.Outcome.RETRY;
import static dev.vigil.alerting.indexer.BulkWriter.Outcome.SUPERSEDED;
import static org.assertj.core.api.Assertions.assertThat;

class BulkWriterTest {

    @Test
    void classifiesEveryItemStatus() {
        assertThat(BulkWriter.classify(201, false)).isEqualTo(INDEXED);
        assertThat(BulkWriter.classify(200, true)).isEqualTo(INDEXED);
        assertThat(BulkWriter.classify(409, true)).isEqualTo(SUPERSEDED);
        assertThat(BulkWriter.classify(409, false)).isEqualTo(REJECTED);
        assertThat(BulkWriter.classify(429, false)).isEqualTo(RETRY);
        assertThat(BulkWriter.classify(503, false)).isEqualTo(RETRY);
        assertThat(BulkWriter.classify(500, true)).isEqualTo(RETRY);
        assertThat(BulkWriter.classify(400, false)).isEqualTo(REJECTED);
        assertThat(BulkWriter.classify(404, false)).isEqualTo(REJECTED);
    }

    @Test
    void backsOffExponentiallyUpToTheMaximumAndStartsOverAfterASuccess() {
        Backoff backoff = new Backoff(java.time.Duration.ofMillis(200), java.time.Duration.ofSeconds(1));

        assertThat(java.util.stream.Stream.generate(backoff::next).limit(5).map(java.time.Duration::toMillis))
                .containsExactly(200L, 400L, 800L, 1000L, 1000L);
        backoff.reset();
        assertThat(backoff.next().toMillis()).isEqualTo(200L);
    }
}

package dev.vigil.alerting.indexer;

import dev.vigil.alerting.index.IndexFamily;
import dev.vigil.alerting.testing.KafkaTestSupport;
import dev.vigil.alerting.testing.TestDocuments;
import dev.vigil.embedded.EmbeddedKafka;
import dev.vigil.embedded.EmbeddedOpenSearch;
import dev.vigil.embedded.WithEmbeddedKafka;
import dev.vigil.embedded.WithEmbeddedOpenSearch;
import dev.vigil.model.evidence.Evidence;
import dev.vigil.model.json.VigilJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With one evidence bulk in flight, the indexer reads and decodes the next bulk while OpenSearch indexes the first, and
 * holds it ready (the {@code vigil.indexer.ready} gauge) without sending it or reading further; once the first is
 * acknowledged, the one held ready goes out and every record ends up indexed and committed.
 */
@WithEmbeddedKafka
@WithEmbeddedOpenSearch
class BulkHeldReadyIT {

    private static final int RECORDS = 1_200;
    private static final Duration POLL = Duration.ofMillis(200);

    private IndexerFixture fixture;

    @BeforeEach
    void setUp(EmbeddedKafka broker, EmbeddedOpenSearch openSearch) {
        fixture = new IndexerFixture(broker, openSearch, 1);
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void theNextBulkIsDecodedWhileOneIsWithOpenSearchAndSentWhenItIsAcknowledged() {
        List<Evidence> evidence = TestDocuments.manyEvidence(TestDocuments.thirdPartyEvents(), RECORDS,
                fixture.cluster, Instant.now().truncatedTo(ChronoUnit.MILLIS));
        KafkaTestSupport.produce(fixture.kafka, fixture.topics.evidence(), evidence, document -> "one-partition",
                VigilJson::writeBytes);

        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        UnaryOperator<BulkCompleter.Send> holdTheFirstBulk = send -> items -> {
            if (calls.getAndIncrement() == 0) { // OpenSearch takes its time with the first bulk
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new OpenSearchUnavailableException("stopped while waiting", e);
                }
            }
            return send.write(items);
        };
        fixture.startEvidenceIndexer(holdTheFirstBulk);

        String topic = fixture.topics.evidence();
        // a bulk takes at most bulk-actions records, however many one poll brought
        await().atMost(Duration.ofSeconds(60)).pollInterval(POLL).until(() -> fixture.ready(topic) > 0);
        assertThat(fixture.ready(topic)).isLessThanOrEqualTo(fixture.properties.bulkActions());
        assertThat(calls.get()).isEqualTo(1); // held ready, not sent: one bulk with OpenSearch at a time

        release.countDown();
        await().atMost(Duration.ofSeconds(90)).pollInterval(POLL).until(() ->
                fixture.probe.count(IndexFamily.EVIDENCE.pattern(), fixture.cluster) == RECORDS
                        && KafkaTestSupport.caughtUp(fixture.kafka, fixture.properties.evidenceGroupId(), topic));
        assertThat(fixture.ready(topic)).isZero();
        assertThat(fixture.documents(topic, "indexed")).isEqualTo(RECORDS);
    }
}

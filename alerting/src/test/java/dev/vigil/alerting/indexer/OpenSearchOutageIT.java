package dev.vigil.alerting.indexer;

import dev.vigil.alerting.index.IndexFamily;
import dev.vigil.alerting.testing.KafkaTestSupport;
import dev.vigil.alerting.testing.TestDocuments;
import dev.vigil.embedded.EmbeddedKafka;
import dev.vigil.embedded.EmbeddedOpenSearch;
import dev.vigil.embedded.WithEmbeddedKafka;
import dev.vigil.embedded.WithEmbeddedOpenSearch;
import dev.vigil.model.audit.AuditEvent;
import dev.vigil.model.evidence.Evidence;
import dev.vigil.model.json.VigilJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** OpenSearch stops in the middle of indexing while records keep coming: in the end every document is there once. */
@WithEmbeddedKafka
@WithEmbeddedOpenSearch
class OpenSearchOutageIT {

    private static final int BEFORE = 1_500;
    private static final int DURING = 1_500;

    private static final Duration POLL = Duration.ofMillis(500);

    private IndexerFixture fixture;
    private EmbeddedOpenSearch openSearch;

    @BeforeEach
    void setUp(EmbeddedKafka broker, EmbeddedOpenSearch node) {
        openSearch = node;
        fixture = new IndexerFixture(broker, node);
    }

    @AfterEach
    void tearDown() {
        openSearch.start(); // a failed test must not leave the shared node down
        fixture.close();
    }

    @Test
    void pausesWhileOpenSearchIsDownAndIndexesEverythingExactlyOnceWhenItIsBack() {
        Instant newest = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<AuditEvent> base = TestDocuments.thirdPartyEvents();
        List<Evidence> all = TestDocuments.manyEvidence(base, BEFORE + DURING, fixture.cluster, newest);
        BulkIndexer indexer = fixture.startEvidenceIndexer();

        produce(all.subList(0, BEFORE));
        await().atMost(Duration.ofSeconds(60)).pollInterval(POLL).until(() ->
                fixture.probe.count(IndexFamily.EVIDENCE.pattern(), fixture.cluster) == BEFORE);

        openSearch.stop();
        produce(all.subList(BEFORE, BEFORE + DURING));
        await().atMost(Duration.ofSeconds(30)).pollInterval(POLL).until(indexer::isPaused);
        assertThat(KafkaTestSupport.caughtUp(fixture.kafka, fixture.properties.evidenceGroupId(),
                fixture.topics.evidence())).isFalse(); // nothing committed past what OpenSearch has not acknowledged

        openSearch.start();
        await().atMost(Duration.ofSeconds(90)).pollInterval(POLL).until(() ->
                fixture.probe.count(IndexFamily.EVIDENCE.pattern(), fixture.cluster) == BEFORE + DURING
                        && KafkaTestSupport.caughtUp(fixture.kafka, fixture.properties.evidenceGroupId(),
                        fixture.topics.evidence()));

        assertThat(indexer.isPaused()).isFalse();
        assertThat(fixture.probe.count(IndexFamily.EVIDENCE.pattern(), fixture.cluster)).isEqualTo(BEFORE + DURING);
        assertThat(fixture.documents(fixture.topics.evidence(), "dead_lettered")).isZero();
        assertThat(fixture.documents(fixture.topics.evidence(), "indexed")).isBetween((double) BEFORE + DURING,
                (double) BEFORE + DURING + fixture.properties.bulkActions());
    }

    private void produce(List<Evidence> evidence) {
        KafkaTestSupport.produce(fixture.kafka, fixture.topics.evidence(), evidence,
                document -> document.kubernetes().audit().auditID(), VigilJson::writeBytes);
    }
}

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
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two evidence bulks with OpenSearch at once, the later acknowledged first and the indexer stopped before the earlier
 * is: nothing was committed past the earlier bulk, so the next indexer of the group reads it again and every record
 * ends up indexed.
 */
@WithEmbeddedKafka
@WithEmbeddedOpenSearch
class BulksInFlightIT {

    private static final int RECORDS = 1_500;
    private static final Duration POLL = Duration.ofMillis(500);

    private IndexerFixture fixture;

    @BeforeEach
    void setUp(EmbeddedKafka broker, EmbeddedOpenSearch openSearch) {
        fixture = new IndexerFixture(broker, openSearch);
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void aLaterBulkAcknowledgedFirstNeverLetsTheCommitSkipTheEarlierOne() throws Exception {
        assertThat(fixture.properties.evidenceBulksInFlight()).isEqualTo(2);
        List<Evidence> evidence = TestDocuments.manyEvidence(TestDocuments.thirdPartyEvents(), RECORDS,
                fixture.cluster, Instant.now().truncatedTo(ChronoUnit.MILLIS));
        // one key: one partition, so the bulks are consecutive ranges of it and the order of commits matters
        KafkaTestSupport.produce(fixture.kafka, fixture.topics.evidence(), evidence, document -> "one-partition",
                VigilJson::writeBytes);

        CountDownLatch never = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger heldBack = new AtomicInteger();
        AtomicInteger acknowledged = new AtomicInteger();
        UnaryOperator<BulkCompleter.Send> holdTheFirstBulk = send -> items -> {
            if (calls.getAndIncrement() == 0) { // OpenSearch never answers the first bulk
                heldBack.set(items.size());
                try {
                    never.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new OpenSearchUnavailableException("stopped while waiting", e);
                }
            }
            List<BulkWriter.ItemResult> results = send.write(items);
            acknowledged.addAndGet(items.size());
            return results;
        };
        BulkIndexer first = fixture.startEvidenceIndexer(holdTheFirstBulk);

        await().atMost(Duration.ofSeconds(60)).pollInterval(POLL).until(() -> acknowledged.get() > 0
                && fixture.probe.count(IndexFamily.EVIDENCE.pattern(), fixture.cluster) == acknowledged.get());
        assertThat(calls.get()).isEqualTo(2); // two in flight: the third waits for the first
        assertThat(heldBack.get()).isPositive();
        assertThat(committed()).isNull(); // the second bulk is indexed, but the first is not

        first.stop();
        assertThat(first.isRunning()).isFalse();
        assertThat(committed()).isNull();
        assertThat(acknowledged.get()).isLessThan(RECORDS - heldBack.get()); // the third bulk was never cut
        assertThat(fixture.probe.count(IndexFamily.EVIDENCE.pattern(), fixture.cluster)).isEqualTo(acknowledged.get());

        fixture.startEvidenceIndexer();
        await().atMost(Duration.ofSeconds(90)).pollInterval(POLL).until(() ->
                fixture.probe.count(IndexFamily.EVIDENCE.pattern(), fixture.cluster) == RECORDS
                        && KafkaTestSupport.caughtUp(fixture.kafka, fixture.properties.evidenceGroupId(),
                        fixture.topics.evidence()));
        assertThat(fixture.documents(fixture.topics.evidence(), "dead_lettered")).isZero();
    }

    /** The group's committed offset on the partition holding every record, or null when there is none. */
    private OffsetAndMetadata committed() throws InterruptedException, ExecutionException {
        try (Admin admin = Admin.create(fixture.kafka.clientConfig())) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin
                    .listConsumerGroupOffsets(fixture.properties.evidenceGroupId()).partitionsToOffsetAndMetadata()
                    .get();
            return offsets.values().stream().filter(offset -> offset != null && offset.offset() > 0).findFirst()
                    .orElse(null);
        }
    }
}

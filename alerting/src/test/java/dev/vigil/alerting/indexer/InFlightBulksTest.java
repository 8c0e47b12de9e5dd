package dev.vigil.alerting.indexer;

import dev.vigil.alerting.dlq.DeadLetterPublisher;
import dev.vigil.alerting.testing.TestDocuments;
import dev.vigil.model.evidence.Evidence;
import dev.vigil.model.json.VigilJson;
import dev.vigil.model.kafka.KafkaClientSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** Commits never pass a bulk that is not complete, whatever order OpenSearch acknowledges the bulks in. */
class InFlightBulksTest {

    private static final String TOPIC = "vigil.evidence";
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);
    private static final List<Evidence> EVIDENCE = TestDocuments.manyEvidence(TestDocuments.thirdPartyEvents(), 20,
            "unit", Instant.parse("2026-12-03T12:00:00Z"));

    /** Attempts wait here until the test runs them, in the order it chooses. */
    private final List<Runnable> attempts = Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean openSearchUp = new AtomicBoolean(true);
    private final DeadLetterPublisher deadLetters = new DeadLetterPublisher(KafkaClientSettings.of("localhost:1"),
            "unit.dlq", "unit");
    private final BulkCompleter completer = new BulkCompleter(TOPIC, DocumentKind.EVIDENCE, this::write, deadLetters,
            new IndexerMetrics(new SimpleMeterRegistry(), TOPIC, () -> false, () -> 0));
    private final InFlightBulks inFlight = new InFlightBulks(3, completer, attempts::add,
            new Backoff(Duration.ZERO, Duration.ZERO));

    @AfterEach
    void tearDown() {
        deadLetters.close();
    }

    @Test
    void aLaterBulkAcknowledgedFirstIsCommittedOnlyWithTheEarlierOne() {
        inFlight.send(bulk(P0, 0, 5));
        inFlight.send(bulk(P0, 5, 5));
        inFlight.send(bulk(P0, 10, 5));
        assertThat(inFlight.full()).isTrue();

        attempts.get(2).run();
        attempts.get(1).run();
        inFlight.collect(true);
        assertThat(inFlight.takeCommittable()).isEmpty(); // offset 0..4 not indexed yet: nothing may be committed
        assertThat(inFlight.full()).isTrue();

        attempts.get(0).run();
        inFlight.collect(true);
        assertThat(inFlight.takeCommittable()).isEqualTo(Map.of(P0, new OffsetAndMetadata(15)));
        assertThat(inFlight.isEmpty()).isTrue();
    }

    @Test
    void commitsTheCompletePrefixAndKeepsTheRest() {
        inFlight.send(bulk(P0, 0, 5));
        inFlight.send(bulk(P1, 0, 5));
        inFlight.send(bulk(P0, 5, 5));

        attempts.get(0).run();
        attempts.get(2).run();
        inFlight.collect(true);
        assertThat(inFlight.takeCommittable()).isEqualTo(Map.of(P0, new OffsetAndMetadata(5)));
        assertThat(inFlight.full()).isFalse();

        attempts.get(1).run();
        inFlight.collect(true);
        assertThat(inFlight.takeCommittable()).isEqualTo(Map.of(P0, new OffsetAndMetadata(10),
                P1, new OffsetAndMetadata(5)));
    }

    @Test
    void aFailedBulkIsSentAgainAndHoldsBackTheCommitsAfterIt() {
        openSearchUp.set(false);
        inFlight.send(bulk(P0, 0, 5));
        attempts.get(0).run();
        openSearchUp.set(true);
        inFlight.send(bulk(P0, 5, 5));
        attempts.get(1).run();
        inFlight.collect(true);

        assertThat(inFlight.waiting()).isTrue();
        assertThat(inFlight.takeCommittable()).isEmpty();

        inFlight.collect(true); // the backoff (0 here) is over: the first bulk is attempted again
        assertThat(attempts).hasSize(3);
        attempts.get(2).run();
        inFlight.collect(true);
        assertThat(inFlight.waiting()).isFalse();
        assertThat(inFlight.takeCommittable()).isEqualTo(Map.of(P0, new OffsetAndMetadata(10)));
    }

    @Test
    void theRecordsOfALostPartitionAreNeitherCommittedNorSentAgain() {
        openSearchUp.set(false);
        inFlight.send(bulk(P1, 0, 5));
        inFlight.send(bulk(P0, 0, 5));
        attempts.get(0).run();
        attempts.get(1).run();
        inFlight.collect(true);
        openSearchUp.set(true);

        inFlight.forget(List.of(P1));
        inFlight.collect(true);
        assertThat(attempts).hasSize(3); // only P0's bulk goes out again
        attempts.get(2).run();
        inFlight.collect(true);
        assertThat(inFlight.takeCommittable()).isEqualTo(Map.of(P0, new OffsetAndMetadata(5)));
        assertThat(inFlight.isEmpty()).isTrue();
    }

    private List<BulkWriter.ItemResult> write(List<IndexItem> items) throws OpenSearchUnavailableException {
        if (!openSearchUp.get()) {
            throw new OpenSearchUnavailableException("down", null);
        }
        return items.stream().map(item -> new BulkWriter.ItemResult(BulkWriter.Outcome.INDEXED, 201, null, null))
                .toList();
    }

    private static PendingBulk bulk(TopicPartition partition, long from, int count) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            records.add(new ConsumerRecord<>(TOPIC, partition.partition(), from + i, "key",
                    VigilJson.writeBytes(EVIDENCE.get((int) (from + i) % EVIDENCE.size()))));
        }
        return PendingBulk.of(records, DocumentKind.EVIDENCE);
    }
}

package dev.vigil.alerting.indexer;

import dev.vigil.alerting.dlq.DeadLetterPublisher;
import dev.vigil.alerting.index.IndexManager;
import dev.vigil.alerting.index.IndexTemplates;
import dev.vigil.alerting.index.RetentionProperties;
import dev.vigil.alerting.index.TemplateInstaller;
import dev.vigil.alerting.testing.KafkaTestSupport;
import dev.vigil.alerting.testing.OpenSearchProbe;
import dev.vigil.alerting.testing.TestDocuments;
import dev.vigil.embedded.EmbeddedKafka;
import dev.vigil.embedded.EmbeddedOpenSearch;
import dev.vigil.embedded.WithEmbeddedKafka;
import dev.vigil.embedded.WithEmbeddedOpenSearch;
import dev.vigil.model.audit.AuditEvent;
import dev.vigil.model.evidence.Evidence;
import dev.vigil.model.json.VigilJson;
import dev.vigil.model.kafka.KafkaClientSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.unit.DataSize;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * How fast the evidence indexer drains a loaded topic into fresh daily indices on the embedded node, with one or more
 * bulks in flight and one or more primary shards (docs/performance.md, "Evidence lag"): rounds alternate the variants
 * after an uncounted warm-up round, each on its own topic and its own days, so that every round writes new indices as
 * production does. The figures are printed for the reader (the machine is shared: compare variants of one run); the
 * test asserts only that every round indexed every record. {@code mvn verify} runs it small; measure with
 * {@code -Dvigil.indexerthroughput.docs=20000 -Dvigil.indexerthroughput.rounds=2}.
 */
@WithEmbeddedKafka
@WithEmbeddedOpenSearch
class EvidenceIndexerThroughputIT {

    private static final Logger LOG = LoggerFactory.getLogger(EvidenceIndexerThroughputIT.class);
    private static final int DOCUMENTS = Integer.getInteger("vigil.indexerthroughput.docs", 1_000);
    private static final int ROUNDS = Integer.getInteger("vigil.indexerthroughput.rounds", 1);

    /** in flight, shards */
    private static final List<int[]> VARIANTS = List.of(new int[] {1, 1}, new int[] {2, 1}, new int[] {1, 2},
            new int[] {2, 2});

    @Test
    void drainsEveryRecordWithEachVariant(EmbeddedKafka broker, EmbeddedOpenSearch openSearch) {
        String id = UUID.randomUUID().toString().substring(0, 8);
        KafkaClientSettings kafka = KafkaClientSettings.of(broker.bootstrapServers());
        List<AuditEvent> base = TestDocuments.thirdPartyEvents();
        List<String> lines = new ArrayList<>();
        try (OpenSearchProbe probe = new OpenSearchProbe(openSearch.url());
             DeadLetterPublisher deadLetters = new DeadLetterPublisher(kafka, "it.dlq." + id, "it-throughput-dlq")) {
            IndexManager indexes = new IndexManager(probe.rest(), RetentionProperties.defaults());
            indexes.start();
            assertThat(indexes.awaitReady(Duration.ofSeconds(30))).isTrue();
            try {
                int round = 0;
                run(broker, kafka, probe, deadLetters, indexes, base, id, round++, VARIANTS.get(3)); // warm-up
                for (int r = 0; r < ROUNDS; r++) {
                    for (int[] variant : VARIANTS) {
                        lines.add(run(broker, kafka, probe, deadLetters, indexes, base, id, round++, variant));
                    }
                }
            } finally {
                new TemplateInstaller(probe.rest()).install(); // the shared node's other tests expect the default
                indexes.stop();
            }
        }
        LOG.info("Evidence indexer throughput, {} documents per round:\n{}", DOCUMENTS, String.join("\n", lines));
    }

    private static String run(EmbeddedKafka broker, KafkaClientSettings kafka, OpenSearchProbe probe,
                              DeadLetterPublisher deadLetters, IndexManager indexes, List<AuditEvent> base,
                              String id, int round, int[] variant) {
        int inFlight = variant[0];
        int shards = variant[1];
        new TemplateInstaller(probe.rest(), shards).install();
        String topic = "it.throughput." + id + "." + round;
        String cluster = "tp-" + id + "-" + round;
        broker.createTopics(Map.of(topic, 3));
        // days of their own (far ahead, never expired), so that the round creates its indices with its shards
        Instant newest = Instant.parse("2034-01-01T00:00:00Z").plus(Duration.ofDays(10L * round));
        List<Evidence> evidence = TestDocuments.manyEvidence(base, DOCUMENTS, cluster, newest);
        KafkaTestSupport.produce(kafka, topic, evidence, document -> document.kubernetes().audit().auditID(),
                VigilJson::writeBytes);

        IndexerProperties properties = new IndexerProperties(1000, DataSize.ofMegabytes(5), Duration.ofSeconds(1),
                Duration.ZERO, true, Duration.ofMillis(100), Duration.ofSeconds(1), "it-tp-alerts-" + id,
                "it-tp-evidence-" + id + "-" + round, inFlight, shards);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        AtomicLong bulks = new AtomicLong();
        AtomicLong items = new AtomicLong();
        AtomicLong bulkNanos = new AtomicLong();
        BulkIndexer indexer = BulkIndexer.evidence(topic, kafka, properties, probe.client(), deadLetters, indexes,
                registry, send -> bulk -> { // where the time goes: the bulks' round trips against the wall time
                    long began = System.nanoTime();
                    try {
                        return send.write(bulk);
                    } finally {
                        bulkNanos.addAndGet(System.nanoTime() - began);
                        bulks.incrementAndGet();
                        items.addAndGet(bulk.size());
                    }
                });
        indexer.start();
        long start;
        double first;
        try {
            // timed from the first acknowledged bulk on: the group join and the first index creation are not
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(10))
                    .until(() -> indexed(registry, topic) > 0);
            start = System.nanoTime();
            first = indexed(registry, topic);
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(10))
                    .until(() -> indexed(registry, topic) >= DOCUMENTS);
        } finally {
            indexer.stop();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(indexed(registry, topic)).isEqualTo(DOCUMENTS);
        return String.format(Locale.ROOT, "round %d: %d in flight, %d shards: %.0f documents in %.1f s, %.0f/s; "
                        + "%d bulks of %.0f documents on average, %.0f ms each, %.1f s of bulk round trips", round,
                inFlight, shards, DOCUMENTS - first, seconds, (DOCUMENTS - first) / seconds, bulks.get(),
                (double) items.get() / bulks.get(), bulkNanos.get() / 1e6 / bulks.get(), bulkNanos.get() / 1e9);
    }

    private static double indexed(SimpleMeterRegistry registry, String topic) {
        var counter = registry.find("vigil.indexer.documents").tag("topic", topic).tag("outcome", "indexed")
                .counter();
        return counter == null ? 0 : counter.count();
    }
}

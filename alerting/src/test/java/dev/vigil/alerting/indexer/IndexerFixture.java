package dev.vigil.alerting.indexer;

import dev.vigil.alerting.dlq.DeadLetterPublisher;
import dev.vigil.alerting.index.IndexManager;
import dev.vigil.alerting.index.RetentionProperties;
import dev.vigil.alerting.testing.OpenSearchProbe;
import dev.vigil.embedded.EmbeddedKafka;
import dev.vigil.embedded.EmbeddedOpenSearch;
import dev.vigil.model.kafka.KafkaClientSettings;
import dev.vigil.model.kafka.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.util.unit.DataSize;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * One test's indexing set-up on the shared embedded broker and node: its own topics (3 partitions), consumer groups
 * and cluster name, so that tests never see each other's documents; the real index manager and dead-letter producer.
 */
final class IndexerFixture implements AutoCloseable {

    final String id = UUID.randomUUID().toString().substring(0, 8);
    final String cluster = "it-" + id;
    final Topics topics = new Topics("it.audit." + id, "it.watch." + id, "it.alerts." + id, "it.evidence." + id,
            "it.dlq." + id);
    final KafkaClientSettings kafka;
    final OpenSearchProbe probe;
    final IndexerProperties properties;
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final IndexManager indexes;
    private final DeadLetterPublisher deadLetters;
    private final List<BulkIndexer> indexers = new ArrayList<>();

    IndexerFixture(EmbeddedKafka broker, EmbeddedOpenSearch openSearch) {
        this(broker, openSearch, 2);
    }

    /** With {@code evidenceBulksInFlight} evidence bulks at once (bulks of 500, flushed after 200 ms). */
    IndexerFixture(EmbeddedKafka broker, EmbeddedOpenSearch openSearch, int evidenceBulksInFlight) {
        properties = new IndexerProperties(500, DataSize.ofMegabytes(5), Duration.ofMillis(200), Duration.ZERO, true,
                Duration.ofMillis(100), Duration.ofSeconds(1), "it-alerts-" + id, "it-evidence-" + id,
                evidenceBulksInFlight, 1);
        broker.createTopics(Map.of(topics.alerts(), 3, topics.evidence(), 3, topics.dlq(), 1));
        kafka = KafkaClientSettings.of(broker.bootstrapServers());
        probe = new OpenSearchProbe(openSearch.url());
        indexes = new IndexManager(probe.rest(), RetentionProperties.defaults());
        indexes.start();
        if (!indexes.awaitReady(Duration.ofSeconds(30))) {
            throw new IllegalStateException("index templates not installed");
        }
        deadLetters = new DeadLetterPublisher(kafka, topics.dlq(), "vigil-indexer-dlq");
    }

    BulkIndexer startEvidenceIndexer() {
        return start(BulkIndexer.evidence(topics.evidence(), kafka, properties, probe.client(), deadLetters, indexes,
                registry));
    }

    /** An evidence indexer whose bulks pass through {@code sends} on their way to the node. */
    BulkIndexer startEvidenceIndexer(UnaryOperator<BulkCompleter.Send> sends) {
        return start(BulkIndexer.evidence(topics.evidence(), kafka, properties, probe.client(), deadLetters, indexes,
                registry, sends));
    }

    BulkIndexer startAlertIndexer() {
        return start(BulkIndexer.alerts(topics.alerts(), kafka, properties, probe.client(), deadLetters, indexes,
                registry));
    }

    /** The documents the evidence indexer holds ready while its bulks in flight leave no room (gauge). */
    double ready(String topic) {
        var gauge = registry.find("vigil.indexer.ready").tag("topic", topic).gauge();
        return gauge == null ? -1 : gauge.value();
    }

    double documents(String topic, String outcome) {
        var counter = registry.find("vigil.indexer.documents").tag("topic", topic).tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private BulkIndexer start(BulkIndexer indexer) {
        indexers.add(indexer);
        indexer.start();
        return indexer;
    }

    @Override
    public void close() {
        indexers.forEach(BulkIndexer::stop);
        indexes.stop();
        deadLetters.close();
        probe.close();
    }
}

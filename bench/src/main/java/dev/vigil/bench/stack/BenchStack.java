package dev.vigil.bench.stack;

import dev.vigil.embedded.EmbeddedKafka;
import dev.vigil.embedded.EmbeddedOpenSearch;
import dev.vigil.embedded.OpenSearchSettings;
import dev.vigil.embedded.KafkaSettings;
import dev.vigil.model.kafka.KafkaClientSettings;
import dev.vigil.model.kafka.Topics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The embedded Kafka broker and OpenSearch node every measurement of one {@code bench/run} shares, in this JVM
 * (temporary directories, free ports). OpenSearch starts only when a measurement needs it.
 */
public final class BenchStack implements AutoCloseable {

    /** Partitions of {@code k8s.audit.events}: as many as stream threads could use on this 2-core machine. */
    public static final int AUDIT_PARTITIONS = 2;

    private final EmbeddedKafka kafka;
    private EmbeddedOpenSearch openSearch;

    private BenchStack(EmbeddedKafka kafka) {
        this.kafka = kafka;
    }

    public static BenchStack start() {
        EmbeddedKafka kafka = new EmbeddedKafka(KafkaSettings.builder()
                .brokerProperty("log.retention.bytes", "-1")
                .brokerProperty("message.max.bytes", "20971520")
                .build()).start();
        BenchStack stack = new BenchStack(kafka);
        kafka.createTopics(stack.contractTopics(Topics.defaults()));
        return stack;
    }

    public Map<String, Integer> contractTopics(Topics topics) {
        Map<String, Integer> partitions = new LinkedHashMap<>();
        partitions.put(topics.audit(), AUDIT_PARTITIONS);
        partitions.put(topics.watch(), AUDIT_PARTITIONS);
        partitions.put(topics.alerts(), 1);
        partitions.put(topics.evidence(), AUDIT_PARTITIONS);
        partitions.put(topics.dlq(), 1);
        return partitions;
    }

    public EmbeddedKafka kafka() {
        return kafka;
    }

    public KafkaClientSettings kafkaSettings() {
        return KafkaClientSettings.of(kafka.bootstrapServers());
    }

    /** Creates the topics (with the partitions of {@link #contractTopics}) under fresh names, e.g. for one run. */
    public void createTopics(Map<String, Integer> topics) {
        kafka.createTopics(topics);
    }

    public synchronized EmbeddedOpenSearch openSearch() {
        if (openSearch == null) {
            // -Dbench.opensearch.<setting>=<value> (BENCH_JAVA_OPTS) sets a node setting, to measure its effect
            OpenSearchSettings.Builder settings = OpenSearchSettings.builder();
            String prefix = "bench.opensearch.";
            System.getProperties().stringPropertyNames().stream().filter(name -> name.startsWith(prefix))
                    .forEach(name -> settings.nodeSetting(name.substring(prefix.length()), System.getProperty(name)));
            openSearch = new EmbeddedOpenSearch(settings.build()).start();
        }
        return openSearch;
    }

    @Override
    public synchronized void close() {
        if (openSearch != null) {
            openSearch.close();
        }
        kafka.close();
    }
}

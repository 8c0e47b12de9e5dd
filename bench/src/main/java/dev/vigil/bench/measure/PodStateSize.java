package dev.vigil.bench.measure;

import dev.vigil.bench.report.Figure;
import dev.vigil.bench.workload.PodWatchEvents;
import dev.vigil.model.kafka.KafkaClientSettings;
import dev.vigil.model.kafka.Topics;
import dev.vigil.streams.rules.RuleEngine;
import dev.vigil.streams.rules.RulesProperties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * What tracking many pods costs: {@code pods} running pods arrive as the watcher's initial list (ADDED), the
 * topology keeps them in its {@code pod-lifetimes} store; measured are the RocksDB files on disk and the
 * store's changelog topic in Kafka after the flush.
 */
public final class PodStateSize {

    private static final String STORE = "pod-lifetimes";

    private PodStateSize() {
    }

    public static List<Figure> measure(KafkaClientSettings kafka, Topics input, int pods, Path stateDir) throws Exception {
        String watchTopic = "bench.pods.watch";
        Topics topics = new Topics("bench.pods.audit", watchTopic, "bench.pods.alerts", "bench.pods.evidence",
                "bench.pods.dlq");
        try (Admin admin = Admin.create(kafka.clientConfig())) {
            admin.createTopics(topics.all().stream().map(t -> new org.apache.kafka.clients.admin.NewTopic(t, 1, (short) 1))
                    .toList()).all().get();
        }
        PodWatchEvents generator = new PodWatchEvents("bench", 99);
        Instant now = Instant.now();
        long bytes = 0;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(AuditLoad.producerConfig(kafka),
                new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < pods; i++) {
                PodWatchEvents.WatchRecord record = generator.added(i, now.minus(Duration.ofMinutes(i % 600)), now);
                bytes += record.value().length;
                producer.send(new ProducerRecord<>(watchTopic, record.key(), record.value()));
            }
        }
        String applicationId = "bench-pods";
        TopologyThroughput.Run run = TopologyThroughput.runToEnd(kafka, topics, RuleEngine.load(RulesProperties.defaults()),
                applicationId, stateDir, Duration.ofMinutes(30), watchTopic);
        long disk = StateSize.storeFiles(stateDir.resolve(applicationId), STORE);
        long changelog = StateSize.topicBytes(kafka, applicationId, STORE);
        String how = String.format(Locale.ROOT, "%,d pods from ADDED watch records of %,.0f bytes on average;"
                + " %.0f µs CPU per watch record", pods, (double) bytes / pods, run.cpuMicrosPerEvent());
        return List.of(
                Figure.of("pod state store on disk (RocksDB)", disk / 1048576.0, "MiB",
                        String.format(Locale.ROOT, "%s; %.0f bytes per pod", how, (double) disk / pods)),
                Figure.of("pod state changelog in Kafka", changelog / 1048576.0, "MiB",
                        String.format(Locale.ROOT, "%.0f bytes per pod, before compaction", (double) changelog / pods)));
    }
}

package dev.vigil.bench.measure;

import dev.vigil.bench.measure.TopologyThroughput.Applications;
import dev.vigil.bench.report.Figure;
import dev.vigil.bench.workload.PrincipalEvents;
import dev.vigil.model.kafka.KafkaClientSettings;
import dev.vigil.model.kafka.Topics;
import dev.vigil.streams.rules.RuleEngine;
import dev.vigil.streams.rules.RulesProperties;
import dev.vigil.model.rule.RuleMeta;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * What the new-terms rules' state costs for many principals: {@code principals} distinct service accounts each exec
 * once ({@link PrincipalEvents}: a first-seen term for {@code new-exec-principal} and for
 * {@code service-account-new-source}), all within the rules' learning day, so nothing fires and only state grows.
 * The detection application runs with these two rules alone; measured are the {@code stateful-new-terms} RocksDB
 * files after the store closed, its changelog topic in Kafka, and the heap and RSS the open application holds
 * beyond what the JVM held before (both after a full GC; RocksDB's memtables and block cache are off-heap, in RSS).
 */
public final class NewTermsState {

    private static final Logger LOG = LogManager.getLogger(NewTermsState.class);
    static final Set<String> RULES = Set.of("new-exec-principal", "service-account-new-source");
    private static final String STORE = "stateful-new-terms";
    private static final String APPLICATION = "bench-newterms";
    private static final int PARTITIONS = 2;

    private NewTermsState() {
    }

    public static List<Figure> measure(KafkaClientSettings kafka, int principals, Path stateDir) throws Exception {
        Topics topics = new Topics("bench.newterms.audit", "bench.newterms.watch", "bench.newterms.alerts",
                "bench.newterms.evidence", "bench.newterms.dlq");
        try (Admin admin = Admin.create(kafka.clientConfig())) {
            admin.createTopics(topics.all().stream().map(t -> new NewTopic(t, PARTITIONS, (short) 1)).toList())
                    .all().get();
        }
        long bytes = load(kafka, topics.audit(), principals);
        RuleEngine all = RuleEngine.load(RulesProperties.defaults());
        Set<String> others = all.rules().stream().map(RuleMeta::id).filter(id -> !RULES.contains(id))
                .collect(Collectors.toSet());
        RuleEngine engine = RuleEngine.load(new RulesProperties(null, null, null, others, null));
        long heapBefore = heapAfterGc();
        long rssBefore = ProcessMemory.rssBytes();
        long[] held = new long[2];
        TopologyThroughput.Run run = TopologyThroughput.runToEnd(kafka, topics, engine, APPLICATION, stateDir,
                Duration.ofMinutes(60), topics.audit(), Applications.DETECTION, () -> {
                    held[0] = heapAfterGc() - heapBefore;
                    held[1] = ProcessMemory.rssBytes() - rssBefore;
                });
        long disk = StateSize.storeFiles(stateDir.resolve(APPLICATION), STORE);
        long changelog = StateSize.topicBytes(kafka, APPLICATION, STORE);
        long repartition = StateSize.topicBytes(kafka, APPLICATION, "stateful-hits");
        LOG.info("new-terms state for {} principals: {} bytes on disk, {} in the changelog, heap +{}, RSS +{}",
                principals, disk, changelog, held[0], held[1]);
        String how = String.format(Locale.ROOT, "%,d distinct service accounts, one exec each (%,.0f bytes per"
                        + " record): 2 baselines per principal (new-exec-principal, service-account-new-source),"
                        + " within the learning day, the detection application with these 2 rules only, %d partitions;"
                        + " %.0f µs CPU/event, %,.0f events/s; the stateful-hits repartition topic took %.1f MiB",
                principals, (double) bytes / principals, PARTITIONS, run.cpuMicrosPerEvent(),
                run.records() / Math.max(run.seconds(), 1e-3), repartition / 1048576.0);
        return List.of(
                Figure.of("new-terms state on disk (RocksDB)", disk / 1048576.0, "MiB",
                        String.format(Locale.ROOT, "%s; %.0f bytes per principal, after the store closed", how,
                                (double) disk / principals)),
                Figure.of("new-terms state changelog in Kafka", changelog / 1048576.0, "MiB",
                        String.format(Locale.ROOT, "%.0f bytes per principal, before compaction",
                                (double) changelog / principals)),
                Figure.of("new-terms state: heap held", held[0] / 1048576.0, "MiB",
                        String.format(Locale.ROOT, "heap in use after a full GC with the application open minus"
                                + " before it started (%.0f bytes per principal); RSS grew by %.0f MiB"
                                + " (RocksDB memtables and block cache are off-heap)",
                                (double) held[0] / principals, held[1] / 1048576.0)));
    }

    private static long load(KafkaClientSettings kafka, String topic, int principals) {
        Instant receivedAt = Instant.now();
        Instant first = receivedAt.minus(Duration.ofHours(1));
        long spacing = Math.max(1, Duration.ofHours(1).toNanos() / Math.max(principals, 1));
        long bytes = 0;
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(AuditLoad.producerConfig(kafka),
                new StringSerializer(), new ByteArraySerializer())) {
            for (long i = 0; i < principals && failure.get() == null; i++) {
                byte[] value = PrincipalEvents.record(i, first.plusNanos(i * spacing), AuditLoad.CLUSTER, receivedAt);
                bytes += value.length;
                producer.send(new ProducerRecord<>(topic, PrincipalEvents.auditId(i), value), (metadata, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                });
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("loading " + topic + " failed", failure.get());
        }
        return bytes;
    }

    private static long heapAfterGc() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}

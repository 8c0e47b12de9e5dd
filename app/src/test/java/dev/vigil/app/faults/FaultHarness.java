package dev.vigil.app.faults;

import dev.vigil.bench.measure.TopologyThroughput;
import dev.vigil.embedded.EmbeddedKafka;
import dev.vigil.embedded.EmbeddedOpenSearch;
import dev.vigil.embedded.TopicReader;
import dev.vigil.model.json.VigilJson;
import dev.vigil.model.kafka.KafkaClientSettings;
import dev.vigil.model.kafka.Topics;
import dev.vigil.streams.rules.RuleEngine;
import dev.vigil.streams.rules.RulesProperties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import tools.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One fault scenario: a Kafka broker and an OpenSearch node in the test JVM, Vigil ({@code streams,alerting}) as
 * a child process against them — or several Vigil instances with roles of their own —, a steady replay of the
 * generated workload, a fault injected when 40 % of it is sent — and then the count: every event in
 * {@code vigil-audit-*} exactly once or in the DLQ, the alerts equal (ids and counts) to those of an undisturbed run
 * of the same topology over the same input, and the long-lived pods known before the fault alerted once each.
 */
final class FaultHarness implements AutoCloseable {

    static final String AUDIT_PATTERN = "vigil-audit-*";
    static final String ALERTS_PATTERN = "vigil-alerts-*";
    static final String LONG_LIVED_POD = "long-lived-pod";
    /** Rules judged on watch state at wall-clock time: their alerts differ between runs, so comparisons leave them out. */
    static final java.util.Set<String> WALL_CLOCK_RULES = java.util.Set.of(LONG_LIVED_POD,
            "namespace-without-default-deny", "pod-not-covered-by-network-policy", "workload-on-control-plane-node");
    /** The streams role's default application id, which is its consumer group. */
    static final String STREAMS_GROUP = "vigil-streams";
    /** The consumer group of the streams role's evidence application. */
    static final String EVIDENCE_GROUP = STREAMS_GROUP + "-evidence";

    /**
     * A Vigil instance of a scenario.
     *
     * @param name      names its log file and state directory
     * @param roles     {@code vigil.roles}
     * @param arguments further {@code vigil run} arguments
     */
    record Instance(String name, String roles, List<String> arguments) {
    }

    /** What happens to the system while the replay runs. */
    @FunctionalInterface
    interface Fault {
        void inject(FaultHarness harness) throws Exception;
    }

    final FaultSizes sizes;
    final Topics topics = Topics.defaults();
    final int partitions;
    final Path work;
    final EmbeddedKafka kafka;
    /** Null in scenarios without OpenSearch (no instance with a role that uses it). */
    final EmbeddedOpenSearch openSearch;
    /** The first instance: the only one of the single-instance scenarios. */
    final VigilChild vigil;
    final Map<String, VigilChild> instances = new LinkedHashMap<>();
    final LongLivedPods pods;
    private final OpenSearchScan scan;
    private final Instant workloadStart = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(30));
    private SteadyReplay replay;
    private Map<String, Long> reference;

    private FaultHarness(Path work, FaultSizes sizes, int partitions, boolean withOpenSearch, List<Instance> layout) {
        this.work = work;
        this.sizes = sizes;
        this.partitions = partitions;
        this.kafka = new EmbeddedKafka().start();
        kafka.createTopics(topics.all().stream().collect(Collectors.toMap(Function.identity(), topic -> partitions)));
        this.openSearch = withOpenSearch ? new EmbeddedOpenSearch().start() : null;
        this.scan = withOpenSearch ? new OpenSearchScan(openSearch.url()) : null;
        this.pods = new LongLivedPods(kafka.clientProperties(), topics.watch(), partitions);
        for (Instance instance : layout) {
            List<String> arguments = new ArrayList<>(List.of(
                    "--vigil.rules.long-lived-pod.limit=" + LongLivedPods.LIMIT.toMinutes() + "m",
                    "--vigil.streams.pods.punctuation-interval=1s"));
            arguments.addAll(instance.arguments());
            instances.put(instance.name(), new VigilChild(work, instance.name(), instance.roles(), partitions,
                    kafka.bootstrapServers(), withOpenSearch ? openSearch.url() : null, sizes.jvmOptions(), arguments));
        }
        this.vigil = instances.values().iterator().next();
    }

    /**
     * Starts a scenario in {@code target/faults/<name>}: kept after the run, so that the Vigil log of a failed
     * scenario can be read.
     */
    static FaultHarness start(String name) throws java.io.IOException {
        FaultSizes sizes = FaultSizes.fromSystemProperties();
        // A process killed with SIGKILL stays in its groups until the session timeout: its restart waits that long
        // for the rebalance (Kafka's default 45 s). Production keeps the default; the scenario need not wait.
        long sessionTimeout = sizes.sessionTimeout().toMillis();
        return start(name, sizes, 2, true, List.of(new Instance("vigil", "streams,alerting", List.of(
                "--vigil.streams.properties[session.timeout.ms]=" + sessionTimeout,
                "--vigil.kafka.properties[session.timeout.ms]=" + sessionTimeout))));
    }

    /** A scenario with {@code partitions} partitions per topic and the given instances, started side by side. */
    static FaultHarness start(String name, FaultSizes sizes, int partitions, boolean withOpenSearch,
                              List<Instance> layout) throws java.io.IOException {
        Path work = Path.of("target", "faults", name + "-" + System.currentTimeMillis()).toAbsolutePath();
        java.nio.file.Files.createDirectories(work);
        FaultHarness harness = new FaultHarness(work, sizes, partitions, withOpenSearch, layout);
        try {
            harness.instances.values().forEach(VigilChild::launch);
            harness.instances.values().forEach(VigilChild::awaitHealthy);
        } catch (RuntimeException | Error e) {
            closeAfterFailure(harness, e); // no child process may outlive a failed start
            throw e;
        }
        return harness;
    }

    private static void closeAfterFailure(FaultHarness harness, Throwable failure) {
        try {
            harness.close();
        } catch (Exception cleanup) {
            failure.addSuppressed(cleanup);
        }
    }

    VigilChild instance(String name) {
        return instances.get(name);
    }

    /** Old pods, then the steady replay; the fault at 40 % of it; returns when every event is acknowledged. */
    void run(Fault fault) throws Exception {
        pods.addOld();
        replay = new SteadyReplay(kafka.clientProperties(), topics.audit(), 20261123L, workloadStart, sizes.events(),
                sizes.rate()).start();
        await("40 % of the replay").atMost(sizes.settleTimeout())
                .until(() -> replay.sent() >= sizes.events() * 4L / 10);
        fault.inject(this);
        await("replay acknowledged").atMost(sizes.settleTimeout()).pollInterval(Duration.ofMillis(500))
                .until(() -> replay.done() || replay.failure() != null);
        assertThat(replay.failure()).as("replay producer").isNull();
    }

    /** Adds the young pods and waits until the running Vigil has consumed (and committed) them. */
    void addYoungPodsAndAwaitConsumed(Duration crossingIn) {
        pods.addYoung(crossingIn);
        await("young pods consumed").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(committed(topics.watch()))
                        .as("watch offsets committed by %s; Vigil log %s", STREAMS_GROUP, vigil.logFile())
                        .isEqualTo(endOffsets(topics.watch())));
    }

    /** Keeps a component down for the configured outage. */
    void stayDown() {
        await("outage").pollDelay(sizes.outage()).atMost(sizes.outage().plusSeconds(5)).until(() -> true);
    }

    /**
     * What {@link #verify()} counted in OpenSearch.
     *
     * @param events       events replayed
     * @param evidence     evidence documents in {@code vigil-audit-*}
     * @param deadLettered events in {@code vigil.dlq}
     * @param alerts       alert documents (without long-lived-pod alerts), equal to the undisturbed run's
     * @param pods         long-lived-pod alerts
     */
    record Indexed(int events, int evidence, int deadLettered, int alerts, int pods) {
    }

    Indexed verify() throws Exception {
        Set<String> expected = expectedEvidenceIds();
        assertThat(expected).hasSize(sizes.events());
        await("evidence indexed").atMost(sizes.settleTimeout()).pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(scan.count(AUDIT_PATTERN) + deadLetteredEvidenceIds().size())
                        .as("%s log:\n%s", vigil.name(), vigil.tail()).isGreaterThanOrEqualTo(expected.size()));
        Set<String> deadLettered = deadLetteredEvidenceIds();
        List<String> indexed = scan.all(AUDIT_PATTERN).stream().map(OpenSearchScan.Doc::id).toList();
        assertThat(indexed).as("evidence documents").doesNotHaveDuplicates();
        Set<String> both = new HashSet<>(indexed);
        both.retainAll(deadLettered);
        assertThat(both).as("events both indexed and dead-lettered").isEmpty();
        Set<String> everything = new HashSet<>(indexed);
        everything.addAll(deadLettered);
        assertThat(everything).as("every input event indexed or dead-lettered, nothing else").isEqualTo(expected);

        Map<String, Long> undisturbed = undisturbedAlerts();
        await("alerts equal to the undisturbed run").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(indexedAlerts()).isEqualTo(undisturbed));

        await("long-lived pods alerted").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(longLivedPodAlerts()).containsExactlyInAnyOrderElementsOf(pods.names()));
        Map<String, Long> published = TopicReader.readToEnd(kafka.clientProperties(), topics.alerts()).stream()
                .filter(record -> LONG_LIVED_POD.equals(json(record).path("rule").path("id").asString()))
                .collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.counting()));
        assertThat(published).as("long-lived-pod alerts published per pod").hasSize(pods.names().size())
                .allSatisfy((id, count) -> assertThat(count).as("records of alert %s", id).isEqualTo(1L));
        return new Indexed(expected.size(), indexed.size(), deadLettered.size(), undisturbed.size(), published.size());
    }

    /** Alert id to count, as indexed in OpenSearch (long-lived-pod alerts depend on wall-clock time: left out). */
    private Map<String, Long> indexedAlerts() throws Exception {
        List<OpenSearchScan.Doc> docs = scan.all(ALERTS_PATTERN, "rule.id", "vigil.count");
        assertThat(docs.stream().map(OpenSearchScan.Doc::id).toList()).as("alert documents").doesNotHaveDuplicates();
        return docs.stream().filter(doc -> !WALL_CLOCK_RULES.contains(doc.source().path("rule").path("id").asString()))
                .collect(Collectors.toMap(OpenSearchScan.Doc::id,
                        doc -> doc.source().path("vigil").path("count").asLong(), (a, b) -> a, TreeMap::new));
    }

    private List<String> longLivedPodAlerts() throws Exception {
        return scan.all(ALERTS_PATTERN, "rule.id", "orchestrator.resource.name").stream()
                .filter(doc -> LONG_LIVED_POD.equals(doc.source().path("rule").path("id").asString()))
                .map(doc -> doc.source().path("orchestrator").path("resource").path("name").asString())
                .toList();
    }

    /**
     * The evidence document ids ({@code <cluster>/<auditID>-<stage>}) of every event the replay sent.
     */
    Set<String> expectedEvidenceIds() {
        return replay.evidenceIds().stream().map(id -> SteadyReplay.CLUSTER + "/" + id).collect(Collectors.toSet());
    }

    /**
     * The same topology, undisturbed, in this JVM over the same input: the alerts it ends with (id to count,
     * long-lived-pod alerts left out); run once, after the replay.
     */
    Map<String, Long> undisturbedAlerts() throws Exception {
        if (reference == null) {
            reference = runUndisturbed();
            assertThat(reference).as("alerts of the undisturbed run").hasSizeGreaterThanOrEqualTo(
                    sizes.events() / SteadyReplay.MARKER_EVERY);
        }
        return reference;
    }

    private Map<String, Long> runUndisturbed() throws Exception {
        Topics reference = new Topics(topics.audit(), topics.watch(), "undisturbed.alerts", "undisturbed.evidence",
                "undisturbed.dlq");
        kafka.createTopics(Map.of(reference.alerts(), 1, reference.evidence(), 2, reference.dlq(), 1));
        RuleEngine engine = RuleEngine.load(new RulesProperties(null, null, null, null,
                new RulesProperties.LongLivedPod(LongLivedPods.LIMIT, null, null)));
        TopologyThroughput.runToEnd(KafkaClientSettings.of(kafka.bootstrapServers()), reference, engine,
                "undisturbed", work.resolve("undisturbed-state"), sizes.settleTimeout());
        Map<String, Long> alerts = new TreeMap<>();
        for (ConsumerRecord<String, byte[]> record : TopicReader.readToEnd(kafka.clientProperties(), reference.alerts())) {
            JsonNode alert = json(record);
            if (!WALL_CLOCK_RULES.contains(alert.path("rule").path("id").asString())) {
                alerts.put(record.key(), alert.path("vigil").path("count").asLong());
            }
        }
        return alerts;
    }

    /** Evidence document ids of the events in {@code vigil.dlq}. */
    Set<String> deadLetteredEvidenceIds() {
        Set<String> ids = new HashSet<>();
        for (ConsumerRecord<String, byte[]> record : TopicReader.readToEnd(kafka.clientProperties(), topics.dlq())) {
            JsonNode payload = VigilJson.mapper().readTree(json(record).path("payload").asString("{}"));
            ids.add(SteadyReplay.CLUSTER + "/" + payload.path("auditID").asString() + "-"
                    + payload.path("stage").asString());
        }
        return ids;
    }

    static JsonNode json(ConsumerRecord<String, byte[]> record) {
        return VigilJson.mapper().readTree(record.value());
    }

    private long committed(String topic) throws Exception {
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(STREAMS_GROUP)
                    .partitionsToOffsetAndMetadata().get();
            return offsets.entrySet().stream().filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                    .mapToLong(e -> e.getValue().offset()).sum();
        }
    }

    private long endOffsets(String topic) throws Exception {
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            Map<TopicPartition, OffsetSpec> request = IntStream.range(0, partitions).mapToObj(p -> new TopicPartition(topic, p))
                    .collect(Collectors.toMap(Function.identity(), p -> OffsetSpec.latest()));
            return admin.listOffsets(request).all().get().values().stream().mapToLong(info -> info.offset()).sum();
        }
    }

    @Override
    public void close() throws Exception {
        try {
            if (replay != null) {
                replay.close();
            }
            for (VigilChild instance : instances.values()) {
                instance.close();
            }
        } finally {
            if (openSearch != null) {
                openSearch.close();
            }
            kafka.close();
        }
    }
}

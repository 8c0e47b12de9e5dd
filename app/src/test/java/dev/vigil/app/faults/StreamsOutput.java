package dev.vigil.app.faults;

import dev.vigil.embedded.TopicReader;
import dev.vigil.model.audit.AuditEvent;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The count of a scenario whose Vigil instances run {@code streams} alone, made on Kafka itself with
 * {@code read_committed} (as the indexer reads): duplicates there are what exactly-once must prevent, whereas
 * OpenSearch's deterministic ids would hide them. Every event's evidence record exactly once (or the event in the
 * DLQ); every alert's records count 1, 2, 3 … without a gap or a repeat — an alert whose dedup state was lost would
 * start again at 1 — and end at the count of the undisturbed run, for exactly its alert ids; one long-lived-pod
 * alert per pod.
 */
final class StreamsOutput {

    /**
     * @param events       events replayed
     * @param evidence     evidence records on {@code vigil.evidence}
     * @param deadLettered events in {@code vigil.dlq}
     * @param alerts       alert ids (without long-lived-pod alerts), equal to the reference's
     * @param alertRecords records of those alerts (one per counted event)
     * @param carried      alerts of the killed instance's dedup partitions counted both before and after the kill
     * @param pods         long-lived-pod alerts (one per pod)
     */
    record Counts(int events, int evidence, int deadLettered, int alerts, long alertRecords, int carried, int pods) {
    }

    /** One record of {@code vigil.alerts}. */
    private record AlertRecord(int partition, long offset, String rule, long count, String pod) {
    }

    private StreamsOutput() {
    }

    /**
     * @param victimAlertPartitions partitions of the dedup tasks the killed instance ran: {@code vigil.alerts} has as
     *                              many partitions as the repartition topic and the same keys, so these numbers are
     *                              also the {@code vigil.alerts} partitions its alerts went to
     * @param alertEndsAtDeath      {@code vigil.alerts} end offsets once the victim was dead: older records were
     *                              written before the kill
     */
    static Counts verify(FaultHarness harness, Set<Integer> victimAlertPartitions,
                         Map<Integer, Long> alertEndsAtDeath) throws Exception {
        Map<String, Object> kafka = harness.kafka.clientProperties();
        await("long-lived pods alerted").atMost(harness.sizes.settleTimeout()).pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(podAlerts(alerts(harness)).values()).containsAll(harness.pods.names()));
        awaitSettled(harness);

        Set<String> expected = harness.expectedEvidenceIds();
        List<String> evidence = new ArrayList<>();
        TopicReader.forEach(kafka, harness.topics.evidence(), record -> evidence.add(evidenceId(record)));
        Set<String> deadLettered = harness.deadLetteredEvidenceIds();
        assertThat(evidence).as("evidence records").doesNotHaveDuplicates();
        Set<String> both = new HashSet<>(evidence);
        both.retainAll(deadLettered);
        assertThat(both).as("events with evidence and in the DLQ").isEmpty();
        Set<String> everything = new HashSet<>(evidence);
        everything.addAll(deadLettered);
        assertThat(everything).as("every input event with evidence or dead-lettered, nothing else").isEqualTo(expected);

        Map<String, List<AlertRecord>> alerts = alerts(harness);
        Map<String, List<AlertRecord>> ruleAlerts = alerts.entrySet().stream()
                .filter(e -> !FaultHarness.WALL_CLOCK_RULES.contains(e.getValue().get(0).rule()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
        ruleAlerts.forEach((id, records) -> assertThat(records.stream().map(AlertRecord::count).toList())
                .as("counts published for alert %s: each counted event once, none forgotten", id)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, records.size()).boxed().toList()));
        Map<String, Long> finalCounts = ruleAlerts.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> e.getValue().get(e.getValue().size() - 1).count(), (a, b) -> a, TreeMap::new));
        assertThat(finalCounts).as("alerts (id to count) equal to the undisturbed run's")
                .isEqualTo(harness.undisturbedAlerts());

        int carried = (int) ruleAlerts.values().stream().filter(records -> spansKill(records, victimAlertPartitions,
                alertEndsAtDeath)).count();
        assertThat(carried).as("alerts the killed instance counted and the survivor went on counting").isPositive();

        Map<String, String> pods = podAlerts(alerts);
        assertThat(alerts.entrySet().stream().filter(e -> pods.containsKey(e.getKey())))
                .as("long-lived-pod alerts published per pod")
                .allSatisfy(e -> assertThat(e.getValue()).as("records of alert %s", e.getKey()).hasSize(1));
        assertThat(pods.values()).as("pods alerted").containsExactlyInAnyOrderElementsOf(harness.pods.names());

        return new Counts(expected.size(), evidence.size(), deadLettered.size(), finalCounts.size(),
                ruleAlerts.values().stream().mapToLong(List::size).sum(), carried, pods.size());
    }

    private static boolean spansKill(List<AlertRecord> records, Set<Integer> victimPartitions,
                                     Map<Integer, Long> endsAtDeath) {
        int partition = records.get(0).partition();
        return victimPartitions.contains(partition)
                && records.stream().anyMatch(r -> r.offset() < endsAtDeath.get(partition))
                && records.stream().anyMatch(r -> r.offset() >= endsAtDeath.get(partition));
    }

    /** Alert id to the pod of its long-lived-pod alert. */
    private static Map<String, String> podAlerts(Map<String, List<AlertRecord>> alerts) {
        return alerts.entrySet().stream().filter(e -> FaultHarness.LONG_LIVED_POD.equals(e.getValue().get(0).rule()))
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get(0).pod()));
    }

    /** Every committed alert record, per alert id in offset order (an id lives on one partition). */
    private static Map<String, List<AlertRecord>> alerts(FaultHarness harness) {
        Map<String, List<AlertRecord>> alerts = new HashMap<>();
        TopicReader.forEach(harness.kafka.clientProperties(), harness.topics.alerts(), record -> {
            JsonNode alert = FaultHarness.json(record);
            alerts.computeIfAbsent(record.key(), id -> new ArrayList<>()).add(new AlertRecord(record.partition(),
                    record.offset(), alert.path("rule").path("id").asString(), alert.path("vigil").path("count").asLong(),
                    alert.path("orchestrator").path("resource").path("name").asString()));
        });
        return alerts;
    }

    private static String evidenceId(ConsumerRecord<String, byte[]> record) {
        JsonNode evidence = FaultHarness.json(record);
        JsonNode audit = evidence.path("kubernetes").path("audit");
        return AuditEvent.documentId(evidence.path("orchestrator").path("cluster").path("name").asString(null),
                audit.path("auditID").asString(), audit.path("stage").asString());
    }

    /**
     * Until both applications have committed their whole input (the repartition topic included) and no transaction
     * is open on an output topic (a killed instance's stays open until the broker aborts it).
     */
    private static void awaitSettled(FaultHarness harness) {
        List<String> outputs = List.of(harness.topics.evidence(), harness.topics.alerts(), harness.topics.dlq());
        try (Admin admin = Admin.create(harness.kafka.clientProperties())) {
            await("both streams applications caught up, no open transaction").atMost(harness.sizes.settleTimeout())
                    .pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                        assertCommittedToEnd(admin, FaultHarness.STREAMS_GROUP,
                                List.of(harness.topics.audit(), harness.topics.watch()), harness.partitions);
                        assertCommittedToEnd(admin, FaultHarness.EVIDENCE_GROUP, List.of(harness.topics.audit()),
                                harness.partitions);
                        Set<TopicPartition> partitions = partitions(outputs, harness.partitions);
                        assertThat(offsets(admin, partitions, IsolationLevel.READ_COMMITTED))
                                .as("last stable offsets of the outputs")
                                .isEqualTo(offsets(admin, partitions, IsolationLevel.READ_UNCOMMITTED));
                    });
        }
    }

    /** Every input partition committed, and every partition the group commits (its repartition topic) at its end. */
    private static void assertCommittedToEnd(Admin admin, String group, List<String> inputs, int partitions)
            throws Exception {
        Map<TopicPartition, Long> committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                .get().entrySet().stream().filter(e -> e.getValue() != null)
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        Set<TopicPartition> all = new HashSet<>(partitions(inputs, partitions));
        all.addAll(committed.keySet());
        Map<TopicPartition, Long> ends = offsets(admin, all, IsolationLevel.READ_UNCOMMITTED);
        assertThat(committed).as("offsets committed by %s", group).isEqualTo(ends);
    }

    private static Set<TopicPartition> partitions(List<String> topics, int partitions) {
        Set<TopicPartition> all = new HashSet<>();
        topics.forEach(topic -> LongStream.range(0, partitions).forEach(p -> all.add(new TopicPartition(topic, (int) p))));
        return all;
    }

    private static Map<TopicPartition, Long> offsets(Admin admin, Set<TopicPartition> partitions,
                                                     IsolationLevel isolation) throws Exception {
        return admin.listOffsets(partitions.stream().collect(Collectors.toMap(Function.identity(), p -> OffsetSpec.latest())),
                        new ListOffsetsOptions(isolation)).all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    /** The end offsets of a topic now, by partition number. */
    static Map<Integer, Long> endOffsets(Map<String, Object> kafka, String topic, int partitions) throws Exception {
        try (Admin admin = Admin.create(kafka)) {
            return offsets(admin, partitions(List.of(topic), partitions), IsolationLevel.READ_UNCOMMITTED).entrySet()
                    .stream().collect(Collectors.toMap(e -> e.getKey().partition(), Map.Entry::getValue));
        }
    }
}

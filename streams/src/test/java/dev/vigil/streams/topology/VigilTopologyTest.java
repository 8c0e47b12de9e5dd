package dev.vigil.streams.topology;

import dev.vigil.model.alert.Alert;
import dev.vigil.model.alert.Severity;
import dev.vigil.model.dlq.DeadLetter;
import dev.vigil.model.evidence.Evidence;
import dev.vigil.model.json.VigilJson;
import dev.vigil.model.testdata.AuditTestData;
import dev.vigil.streams.rules.DetectionEngine;
import dev.vigil.streams.rules.RuleEngine;
import dev.vigil.model.rule.RuleMeta;
import dev.vigil.streams.rules.RulesProperties;
import dev.vigil.streams.testing.TestAuditEvents;
import dev.vigil.streams.testing.TestDetectionEngine;
import dev.vigil.streams.testing.TopologyHarness;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class VigilTopologyTest {

    private static final Instant WALL_CLOCK = Instant.parse("2026-03-02T12:00:00Z");
    private static final RuleMeta ECHO = TestDetectionEngine.meta("echo-objects", Severity.MEDIUM, Duration.ZERO);

    @TempDir
    Path stateDir;

    private TopologyHarness harness;

    private void start(DetectionEngine engine) {
        harness = TopologyHarness.of(builder -> VigilTopology.build(builder, TopologyHarness.TOPICS, engine,
                TopologySettings.defaults()), WALL_CLOCK, stateDir);
    }

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    /** A careless rule: its message and details repeat the whole unredacted request and response objects. */
    private static TestDetectionEngine echoingEngine() {
        return TestDetectionEngine.create().rule(new TestDetectionEngine.TestRule(ECHO, record -> true,
                record -> null,
                record -> "request " + record.event().requestObject() + " response " + record.event().responseObject(),
                record -> VigilJson.mapper().createObjectNode()
                        .setAll(java.util.Map.of("request", nullSafe(record.event().requestObject()),
                                "response", nullSafe(record.event().responseObject())))));
    }

    private static tools.jackson.databind.JsonNode nullSafe(tools.jackson.databind.JsonNode node) {
        return node == null ? VigilJson.mapper().nullNode() : node;
    }

    private static List<String> texts(TestOutputTopic<String, byte[]> topic) {
        return topic.readValuesToList().stream().map(bytes -> new String(bytes, StandardCharsets.UTF_8)).toList();
    }

    @Test
    void noSecretValueReachesAnyOutputTopic() throws IOException {
        start(echoingEngine());
        List<AuditTestData.Line> fixtures = AuditTestData.lines(AuditTestData.file("fixtures/streams/redaction-audit.jsonl"));
        fixtures.forEach(line -> harness.auditEvent(line.text(), "prod-1"));

        List<String> evidence = texts(harness.raw(TopologyHarness.TOPICS.evidence().name()));
        List<String> alerts = texts(harness.raw(TopologyHarness.TOPICS.alerts().name()));
        List<String> deadLetters = texts(harness.raw(TopologyHarness.TOPICS.dlq().name()));

        assertThat(evidence).hasSize(fixtures.size());
        assertThat(alerts).as("the echo rule fires on every event").hasSize(fixtures.size());
        assertThat(deadLetters).isEmpty();
        List<String> secrets = Files.readAllLines(AuditTestData.file("fixtures/streams/redaction-secret-values.txt"))
                .stream().filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
        List<String> everything = new ArrayList<>(evidence);
        everything.addAll(alerts);
        for (String document : everything) {
            for (String secret : secrets) {
                assertThat(document).doesNotContain(secret);
            }
        }
        assertThat(String.join("\n", everything)).contains("[REDACTED]").contains("LOG_LEVEL").contains("debug");
    }

    @Test
    void evidenceRecordsWhatWasRedacted() {
        start(TestDetectionEngine.create());
        AuditTestData.lines(AuditTestData.file("fixtures/streams/redaction-audit.jsonl"))
                .forEach(line -> harness.auditEvent(line.text(), "prod-1"));

        List<KeyValue<String, Evidence>> evidence = harness.evidence().readKeyValuesToList();

        assertThat(evidence).hasSize(12);
        assertThat(evidence.get(0).key).isEqualTo("5f0c1d2e-7a8b-4c9d-8e0f-1a2b3c4d0001");
        assertThat(evidence.get(0).value.vigil().redacted()).hasSize(8).contains("requestObject.data.password");
        assertThat(evidence.get(11).value.vigil().redacted()).as("the ConfigMap").isEmpty();
        assertThat(evidence.get(11).value.kubernetes().audit().requestObject().path("data").path("LOG_LEVEL")
                .stringValue()).isEqualTo("debug");
    }

    @Test
    void everyDecodableEventBecomesEvidenceAndTheRestDeadLetters() {
        start(TestDetectionEngine.create());
        List<AuditTestData.Line> lines = AuditTestData.thirdPartyEvents();
        lines.forEach(line -> harness.auditEvent(line.text(), "test"));

        List<Evidence> evidence = harness.evidence().readValuesToList();
        List<DeadLetter> deadLetters = harness.dlq().readValuesToList();

        assertThat(deadLetters).hasSize(1);
        assertThat(deadLetters.get(0).payload()).contains("\"kind\":0");
        assertThat(deadLetters.get(0).cluster()).isEqualTo("test");
        assertThat(evidence).hasSize(lines.size() - 1);
    }

    @Test
    void theDetectionAndEvidenceApplicationsTogetherGiveWhatOneTopologyGivesWithEachDeadLetterOnce(
            @TempDir Path apps) {
        DetectionEngine engine = RuleEngine.load(RulesProperties.defaults());
        List<AuditTestData.Line> lines = AuditTestData.thirdPartyEvents();
        start(engine);
        lines.forEach(line -> harness.auditEvent(line.text(), "test"));
        List<String> evidence = texts(harness.raw(TopologyHarness.TOPICS.evidence().name()));
        List<String> alertIds = harness.alerts().readValuesToList().stream()
                .map(alert -> alert.id() + "#" + alert.vigil().count()).toList();
        List<DeadLetter> deadLetters = harness.dlq().readValuesToList();
        assertThat(alertIds).isNotEmpty();

        try (TopologyHarness detection = TopologyHarness.of(builder -> VigilTopology.detection(builder,
                TopologyHarness.TOPICS, engine, TopologySettings.defaults()), WALL_CLOCK, apps.resolve("detection"));
             TopologyHarness evidenceApp = TopologyHarness.of(builder -> VigilTopology.evidence(builder,
                     TopologyHarness.TOPICS, TopologySettings.defaults()), WALL_CLOCK, apps.resolve("evidence"))) {
            lines.forEach(line -> {
                detection.auditEvent(line.text(), "test");
                evidenceApp.auditEvent(line.text(), "test");
            });

            assertThat(detection.alerts().readValuesToList()).extracting(alert -> alert.id() + "#" + alert.vigil().count())
                    .containsExactlyElementsOf(alertIds);
            assertThat(detection.raw(TopologyHarness.TOPICS.evidence().name()).isEmpty()).isTrue();
            assertThat(detection.raw(TopologyHarness.TOPICS.dlq().name()).isEmpty())
                    .as("the detection application leaves undecodable records to the evidence application").isTrue();

            assertThat(texts(evidenceApp.raw(TopologyHarness.TOPICS.evidence().name())))
                    .containsExactlyElementsOf(evidence);
            assertThat(evidenceApp.dlq().readValuesToList()).hasSize(1)
                    .extracting(DeadLetter::reason, DeadLetter::payload)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(deadLetters.get(0).reason(),
                            deadLetters.get(0).payload()));
            assertThat(evidenceApp.raw(TopologyHarness.TOPICS.alerts().name()).isEmpty()).isTrue();
        }
    }

    @Test
    void aFailingRuleEngineDeadLettersTheRecordAndProcessingGoesOn() {
        DetectionEngine failing = new TestDetectionEngine() {
            @Override
            public List<dev.vigil.streams.rules.Detection> evaluate(dev.vigil.model.audit.AuditRecord record) {
                if ("boom".equals(record.event().auditID())) {
                    throw new IllegalStateException("engine bug");
                }
                return super.evaluate(record);
            }
        }.rule(TestDetectionEngine.meta("any", Severity.LOW, Duration.ofHours(1)), record -> true);
        start(failing);

        harness.auditEvent(TestAuditEvents.event("boom", "alice", "get", "pods", "shop", "a", 200,
                "2026-03-02T09:00:00Z"), "prod-1");
        harness.auditEvent(TestAuditEvents.event("fine", "alice", "get", "pods", "shop", "b", 200,
                "2026-03-02T09:00:01Z"), "prod-1");

        DeadLetter letter = harness.dlq().readValue();
        assertThat(letter.reason()).startsWith("processing failed in alert-detect").contains("engine bug");
        assertThat(letter.source()).isEqualTo("streams:k8s.audit.events/0@0");
        assertThat(letter.payload()).contains("\"auditID\":\"boom\"");
        assertThat(letter.cluster()).isEqualTo("prod-1");
        assertThat(harness.evidence().readValuesToList()).hasSize(2);
        assertThat(harness.alerts().readValuesToList()).extracting(Alert::message).containsExactly("alice did get");
    }

    @Test
    void theSameAuditIdFromTwoClustersGivesTwoEvidenceDocumentsAndTwoAlerts() {
        RuleMeta create = TestDetectionEngine.meta("test-create", Severity.HIGH, Duration.ZERO);
        start(TestDetectionEngine.create().rule(create, record -> "create".equals(record.event().verb())));
        String auditId = "5b0f7c3e-0d5c-4bb0-9a59-000000000001";

        harness.auditEvent(TestAuditEvents.event(auditId, "alice", "create", "pods", "shop", "web", 201,
                "2026-03-02T09:15:00Z"), "local");
        // another cluster's token replays the same audit id with another user and request URI
        harness.auditEvent(TestAuditEvents.event(auditId, "mallory", "create", "secrets", "kube-system", "forged", 201,
                "2026-03-02T09:16:00Z"), "attacker");

        List<KeyValue<String, Evidence>> evidence = harness.evidence().readKeyValuesToList();
        assertThat(evidence).extracting(record -> record.value.event().id()).containsExactly(
                "local/" + auditId + "-ResponseComplete", "attacker/" + auditId + "-ResponseComplete");
        assertThat(evidence).extracting(record -> record.value.documentId()).doesNotHaveDuplicates();
        assertThat(evidence.get(0).value.user().name()).isEqualTo("alice");
        assertThat(evidence.get(0).value.kubernetes().audit().requestURI()).isEqualTo("/api/v1/namespaces/shop/pods/web");
        assertThat(evidence).extracting(record -> record.key).containsOnly(auditId); // the topic's key stays auditID

        List<Alert> alerts = harness.alerts().readValuesToList();
        assertThat(alerts).hasSize(2).extracting(Alert::id).doesNotHaveDuplicates();
        assertThat(alerts).extracting(alert -> alert.orchestrator().cluster().name()).containsExactly("local", "attacker");
        assertThat(alerts).extracting(alert -> alert.user().name()).containsExactly("alice", "mallory");
    }
}

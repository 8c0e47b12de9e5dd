package dev.vigil.streams.topology;

import dev.vigil.model.json.VigilJson;
import dev.vigil.model.testdata.AuditTestData;
import dev.vigil.streams.alerts.DedupSettings;
import dev.vigil.streams.pods.PodSettings;
import dev.vigil.streams.redact.Redactor;
import dev.vigil.streams.rules.DetectionEngine;
import dev.vigil.streams.rules.RuleEngine;
import dev.vigil.streams.rules.RulesProperties;
import dev.vigil.streams.testing.TopologyHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The detection application decodes lazily (objects parsed only when a matched rule or a firing rule's alert reads
 * them); the single topology decodes fully. On the third-party data, the rule fixtures and the hostile events of
 * {@link HostileEventTopologyTest} both give the very same alerts, byte for byte — objects, redaction, the
 * {@code dropped_objects} marker and stateful rules included.
 */
class LazyDetectionTopologyTest {

    private static final Instant WALL_CLOCK = Instant.parse("2026-03-02T12:00:00Z");
    private static final TopologySettings SETTINGS = new TopologySettings(Redactor.withDefaults(),
            DedupSettings.defaults(), PodSettings.defaults(), Clock.fixed(WALL_CLOCK, ZoneOffset.UTC));

    private static String hostile(String name, String auditID) throws IOException {
        return Files.readString(AuditTestData.file("fixtures/hostile/" + name)).strip().replace("AUDIT-ID", auditID);
    }

    private static String withRequestObject(String event, String requestObject) {
        int at = event.indexOf(",\"requestObject\":");
        int end = event.indexOf(",\"requestReceivedTimestamp\"");
        return event.substring(0, at) + ",\"requestObject\":" + requestObject + event.substring(end);
    }

    private static List<String> events() throws IOException {
        List<String> events = new ArrayList<>();
        AuditTestData.thirdPartyEvents().forEach(line -> events.add(line.text()));
        AuditTestData.lines("fixtures/rules", ".jsonl").forEach(line -> events.add(line.text()));
        AuditTestData.lines("fixtures/streams", "audit.jsonl").forEach(line -> events.add(line.text()));
        events.add(hostile("patch-duplicate-key.json", "patch-1"));
        events.add(hostile("anonymous-clusterrolebinding-create.json", "crb-1")
                .replace("\"metadata\":{\"name\":\"pwn\"}", "\"metadata\":{\"name\":\"decoy\",\"name\":\"pwn\"}"));
        events.add(withRequestObject(hostile("anonymous-clusterrolebinding-create.json", "crb-deep"),
                "{\"a\":" + "[".repeat(700) + "]".repeat(700) + "}"));
        events.add(withRequestObject(hostile("anonymous-clusterrolebinding-create.json", "crb-twice"),
                "{\"metadata\":{\"name\":\"decoy\"}},\"requestObject\":" + "[".repeat(700) + "]".repeat(700)));
        events.add(withRequestObject(hostile("anonymous-clusterrolebinding-create.json", "crb-big"), "null")
                .replace(",\"requestObject\":null", "")
                .replace("\"annotations\":", "\"droppedObjects\":{\"requestObject\":\"too large\"},\"annotations\":"));
        return events;
    }

    private static List<String> alerts(TopologyHarness harness) {
        return harness.raw(TopologyHarness.TOPICS.alerts().name()).readValuesToList().stream()
                .map(bytes -> new String(bytes, StandardCharsets.UTF_8)).toList();
    }

    @Test
    void theDetectionApplicationRaisesExactlyWhatTheFullyDecodingTopologyRaises(@TempDir Path state) throws IOException {
        DetectionEngine engine = RuleEngine.load(RulesProperties.defaults());
        List<String> events = events();
        try (TopologyHarness full = TopologyHarness.of(builder -> VigilTopology.build(builder, TopologyHarness.TOPICS,
                engine, SETTINGS), WALL_CLOCK, state.resolve("full"));
             TopologyHarness lazy = TopologyHarness.of(builder -> VigilTopology.detection(builder,
                     TopologyHarness.TOPICS, engine, SETTINGS), WALL_CLOCK, state.resolve("lazy"))) {
            for (String event : events) {
                // the record ingest writes: the event's text as it arrived plus the envelope
                String text = event.strip();
                // each hostile event from a cluster of its own, so that dedup does not fold their alerts into one
                String cluster = text.contains("\"crb-") || text.contains("\"patch-1\"") ? "c" + events.indexOf(event) : "test";
                byte[] wire = (text.substring(0, text.length() - 1) + (text.length() > 2 ? "," : "")
                        + "\"cluster\":\"" + cluster + "\",\"receivedAt\":\"2026-03-02T11:00:02Z\"}").getBytes(StandardCharsets.UTF_8);
                full.audit("key", wire);
                lazy.audit("key", wire);
            }
            List<String> expected = alerts(full);
            assertThat(expected).hasSizeGreaterThan(50);
            assertThat(expected).anySatisfy(alert -> assertThat(alert).contains("dropped_objects"));
            assertThat(expected.stream().map(alert -> (ObjectNode) VigilJson.mapper().readTree(alert))
                    .filter(alert -> alert.path("vigil").path("evidence").path("audit_ids").toString()
                            .contains("crb-1"))).isNotEmpty();
            assertThat(alerts(lazy)).containsExactlyElementsOf(expected);
        }
    }
}

package dev.vigil.streams.topology;

import dev.vigil.model.alert.Alert;
import dev.vigil.model.audit.DroppedObjects;
import dev.vigil.model.evidence.Evidence;
import dev.vigil.model.json.VigilJson;
import dev.vigil.model.testdata.AuditTestData;
import dev.vigil.streams.alerts.AlertFactory;
import dev.vigil.streams.rules.RuleEngine;
import dev.vigil.streams.rules.RulesProperties;
import dev.vigil.streams.testing.TopologyHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11, the streams side: an audit event whose request object a user filled with something hostile is still
 * decoded, still becomes evidence and still fires its rules — duplicate keys read as the API server reads them, an
 * unreadable object dropped with a marker the alert carries.
 */
class HostileEventTopologyTest {

    private static final Instant WALL_CLOCK = Instant.parse("2026-03-02T12:00:00Z");

    @TempDir
    Path stateDir;

    private TopologyHarness harness;

    @BeforeEach
    void start() {
        harness = TopologyHarness.of(builder -> VigilTopology.build(builder, TopologyHarness.TOPICS,
                RuleEngine.load(RulesProperties.defaults()), TopologySettings.defaults()), WALL_CLOCK, stateDir);
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    private static String fixture(String name, String auditID) throws IOException {
        return Files.readString(AuditTestData.file("fixtures/hostile/" + name)).strip().replace("AUDIT-ID", auditID);
    }

    /** The record ingest writes: the event's text as it arrived plus the envelope. */
    private void pipe(String auditID, String eventText) {
        String wire = eventText.substring(0, eventText.length() - 1)
                + ",\"cluster\":\"prod-1\",\"receivedAt\":\"2026-03-02T11:00:02Z\"}";
        harness.audit(auditID, wire.getBytes(StandardCharsets.UTF_8));
    }

    private static String withRequestObject(String event, String requestObject) {
        int at = event.indexOf(",\"requestObject\":");
        int end = event.indexOf(",\"requestReceivedTimestamp\"");
        return event.substring(0, at) + ",\"requestObject\":" + requestObject + event.substring(end);
    }

    private List<Alert> anonymousAdminAlerts() {
        return harness.alerts().readValuesToList().stream()
                .filter(alert -> alert.rule().id().equals("anonymous-admin-action")).toList();
    }

    @Test
    void anEventWithADuplicateKeyInItsRequestObjectIsDecodedAlertsAndBecomesEvidence() throws IOException {
        pipe("patch-1", fixture("patch-duplicate-key.json", "patch-1"));
        String binding = fixture("anonymous-clusterrolebinding-create.json", "crb-1")
                .replace("\"metadata\":{\"name\":\"pwn\"}", "\"metadata\":{\"name\":\"decoy\",\"name\":\"pwn\"}");
        assertThat(binding).contains("\"name\":\"decoy\",\"name\":\"pwn\"");
        pipe("crb-1", binding);

        assertThat(harness.dlq().readValuesToList()).isEmpty();
        List<Evidence> evidence = harness.evidence().readValuesToList();
        assertThat(evidence).extracting(e -> e.kubernetes().audit().auditID()).containsExactly("patch-1", "crb-1");
        assertThat(evidence.get(0).kubernetes().audit().requestObject().path("data").path("mode").asString())
                .as("the last key wins, as in the API server").isEqualTo("evil");
        assertThat(evidence.get(1).kubernetes().audit().requestObject().path("metadata").path("name").asString())
                .isEqualTo("pwn");
        assertThat(anonymousAdminAlerts()).singleElement().satisfies(alert -> {
            assertThat(alert.vigil().evidence().auditIds()).containsExactly("crb-1");
            assertThat(alert.vigil().evidence().details().has(AlertFactory.DROPPED_OBJECTS)).isFalse();
        });
    }

    @Test
    void anEventWhoseRequestObjectIsUnreadableStillAlertsAndTheAlertSaysTheObjectIsMissing() throws IOException {
        String deep = withRequestObject(fixture("anonymous-clusterrolebinding-create.json", "crb-deep"),
                "{\"a\":" + "[".repeat(700) + "]".repeat(700) + "}");
        pipe("crb-deep", deep);

        assertThat(harness.dlq().readValuesToList()).isEmpty();
        List<String> evidence = harness.raw(TopologyHarness.TOPICS.evidence().name()).readValuesToList().stream()
                .map(bytes -> new String(bytes, StandardCharsets.UTF_8)).toList();
        assertThat(evidence).singleElement().satisfies(document -> {
            JsonNode audit = VigilJson.mapper().readTree(document).path("kubernetes").path("audit");
            assertThat(audit.has("requestObject")).isFalse();
            assertThat(DroppedObjects.of(audit).get("requestObject")).startsWith("unreadable").contains("nesting depth");
        });
        assertThat(anonymousAdminAlerts()).singleElement().satisfies(alert ->
                assertThat(alert.vigil().evidence().details().path(AlertFactory.DROPPED_OBJECTS).path("requestObject")
                        .asString()).startsWith("unreadable"));
    }

    @Test
    void anEventIngestShrankForKafkaStillAlertsAndTheAlertSaysSo() throws IOException {
        String shrunk = withRequestObject(fixture("anonymous-clusterrolebinding-create.json", "crb-big"), "null")
                .replace(",\"requestObject\":null", "")
                .replace("\"annotations\":", "\"droppedObjects\":{\"requestObject\":\"too large: the event was 2000000 "
                        + "bytes, a Kafka record may be 1048576\"},\"annotations\":");
        pipe("crb-big", shrunk);

        assertThat(harness.evidence().readValuesToList()).hasSize(1);
        assertThat(anonymousAdminAlerts()).singleElement().satisfies(alert ->
                assertThat(alert.vigil().evidence().details().path(AlertFactory.DROPPED_OBJECTS).path("requestObject")
                        .asString()).startsWith("too large"));
    }
}

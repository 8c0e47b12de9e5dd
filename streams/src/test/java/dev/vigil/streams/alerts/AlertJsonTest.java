package dev.vigil.streams.alerts;

import dev.vigil.model.alert.Alert;
import dev.vigil.model.alert.AlertStatus;
import dev.vigil.model.alert.RuleRef;
import dev.vigil.model.alert.Severity;
import dev.vigil.model.alert.Threat;
import dev.vigil.model.alert.VigilAlertInfo;
import dev.vigil.model.ecs.EcsEvent;
import dev.vigil.model.ecs.EcsSource;
import dev.vigil.model.ecs.EcsUser;
import dev.vigil.model.ecs.EcsUserAgent;
import dev.vigil.model.ecs.Orchestrator;
import dev.vigil.model.json.VigilJson;
import dev.vigil.model.kafka.JsonSerde;
import dev.vigil.model.rule.RuleMeta;
import dev.vigil.streams.redact.Redactor;
import dev.vigil.streams.rules.Detection;
import dev.vigil.streams.testing.TestAuditEvents;
import dev.vigil.streams.testing.TestDetectionEngine;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link AlertJson} writes the bytes the reflective {@code JsonSerde} wrote, and those bytes read back alike. */
class AlertJsonTest {

    private static final RuleMeta RULE = TestDetectionEngine.meta("test-create", Severity.HIGH, Duration.ofHours(1));
    private final AlertCandidateSerde serde = new AlertCandidateSerde();

    @Test
    void writesTheBytesOfTheJsonSerdeForAFactoryMadeCandidate() {
        AlertFactory factory = new AlertFactory(Redactor.withDefaults(),
                Clock.fixed(Instant.parse("2026-03-02T12:00:00.123456789Z"), ZoneOffset.UTC), Duration.ofHours(1));
        var record = TestAuditEvents.record(TestAuditEvents.event("a-1", "alice", "create", "pods", "shop", "web",
                201, "2026-03-02T09:15:00.5Z"), "prod-1");
        ObjectNode details = VigilJson.mapper().createObjectNode().put("container", "app").put("n", 3);
        details.putArray("list").add("x").addNull().add(15); // a fraction reads back as a BigDecimal node: not equal
        details.putObject("nested").putNull("gone").put("ok", true);
        AlertCandidate candidate = factory.candidates(List.of(new Detection(RULE, Severity.HIGH, "alice",
                "alice did create \"web\" – ünïcödé", details, record))).get(0);

        assertSameBytes(candidate);
    }

    @Test
    void writesTheBytesOfTheJsonSerdeWithEveryMemberSet() {
        Instant at = Instant.parse("2026-03-02T09:15:00Z");
        Alert alert = new Alert(at, "message with \\ and \n and \u0001", new EcsEvent("alert", "id-1",
                Instant.parse("2026-03-02T09:15:01.000001Z"), 73, List.of("iam", "configuration"), "vigil.alert",
                "create", "success"),
                new RuleRef("r", "Rule", "What it finds", "3", "vigil", "BSI APP.4.4.A4"),
                Threat.mitre(List.of("T1610", "T1611")),
                new EcsUser("alice", new EcsUser.Group(List.of("dev", "ops")), EcsUser.of("bob", List.of("x"))),
                new EcsSource("10.0.0.1"), new EcsUserAgent("kubectl/v1.30"),
                Orchestrator.kubernetes("prod-1", "shop", "pods", "web", "v1"),
                new VigilAlertInfo(Severity.CRITICAL, List.of("APP.4.4.A4"), 7, at, at.plusSeconds(60),
                        new VigilAlertInfo.Evidence(List.of("a-1", "a-2"), VigilJson.mapper().valueToTree(
                                java.util.Map.of("k", List.of(1, 2)))),
                        AlertStatus.RESOLVED, at.plusSeconds(120)));

        assertSameBytes(new AlertCandidate(alert, 3_600_000L, at.minusMillis(5)));
        assertThat(AlertCandidateSerde.alertBytes(alert)).isEqualTo(VigilJson.writeBytes(alert));
    }

    @Test
    void writesTheBytesOfTheJsonSerdeWithEveryOptionalMemberNull() {
        Alert bare = new Alert(null, null, null, null, null, null, null, null, null, null);
        Alert sparse = new Alert(Instant.EPOCH, "m",
                new EcsEvent(null, null, null, null, null, null, null, null),
                new RuleRef(null, null, null, null, null, null), new Threat(null, null),
                new EcsUser(null, null, null), new EcsSource(null), new EcsUserAgent(null),
                new Orchestrator(null, null, null, null, null),
                new VigilAlertInfo(null, null, 0, null, null, new VigilAlertInfo.Evidence(null, null)));
        Alert emptyLists = sparse.withVigil(new VigilAlertInfo(Severity.LOW, List.of(), 1, null, null, null));

        for (Alert alert : List.of(bare, sparse, emptyLists)) {
            assertSameBytes(new AlertCandidate(alert, 0L));
            assertThat(AlertCandidateSerde.alertBytes(alert)).isEqualTo(VigilJson.writeBytes(alert));
        }
        assertSameBytes(new AlertCandidate(null, -1L));
    }

    @Test
    void manyDocumentsThroughTheOneGeneratorStaySeparate() {
        Alert alert = new Alert(Instant.EPOCH, "m", null, null, null, null, null, null, null, null);
        for (int i = 0; i < 1_000; i++) {
            AlertCandidate candidate = new AlertCandidate(alert.withVigil(new VigilAlertInfo(Severity.INFO,
                    List.of(), i, null, null, null)), i);
            assertSameBytes(candidate);
        }
    }

    @Test
    void theAlertsTopicsJsonSerdeIsReplacedByOneWritingItsBytesAndAnyOtherKept() {
        Alert alert = new Alert(Instant.EPOCH, "m", null, null, Threat.mitre(List.of("T1")), null, null, null, null,
                new VigilAlertInfo(Severity.LOW, List.of("A"), 2, Instant.EPOCH, Instant.EPOCH,
                        new VigilAlertInfo.Evidence(List.of("a-1"), null)));
        JsonSerde<Alert> contract = JsonSerde.of(Alert.class);
        var serde = AlertCandidateSerde.alertSerde(contract);

        byte[] written = serde.serializer().serialize("vigil.alerts", alert);
        assertThat(written).isEqualTo(contract.serializer().serialize("vigil.alerts", alert));
        assertThat(serde.deserializer().deserialize("vigil.alerts", written)).isEqualTo(alert);
        assertThat(serde.serializer().serialize("vigil.alerts", null)).isNull();
        var other = org.apache.kafka.common.serialization.Serdes.serdeFrom(contract.serializer(),
                contract.deserializer());
        assertThat(AlertCandidateSerde.alertSerde(other)).isSameAs(other);
    }

    private void assertSameBytes(AlertCandidate candidate) {
        byte[] written = serde.serializer().serialize("alert-candidates", candidate);
        byte[] reflective = JsonSerde.of(AlertCandidate.class).serializer().serialize("alert-candidates", candidate);
        assertThat(new String(written, StandardCharsets.UTF_8))
                .isEqualTo(new String(reflective, StandardCharsets.UTF_8));
        assertThat(Arrays.equals(written, reflective)).isTrue();
        assertThat(serde.deserializer().deserialize("alert-candidates", written)).isEqualTo(candidate);
    }
}

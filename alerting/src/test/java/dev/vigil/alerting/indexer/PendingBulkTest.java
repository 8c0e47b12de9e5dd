package dev.vigil.alerting.indexer;

import dev.vigil.alerting.testing.TestDocuments;
import dev.vigil.model.alert.Alert;
import dev.vigil.model.alert.Severity;
import dev.vigil.model.audit.AuditEvent;
import dev.vigil.model.dlq.DeadLetter;
import dev.vigil.model.evidence.Evidence;
import dev.vigil.model.json.VigilJson;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PendingBulkTest {

    private static final Instant AT = Instant.parse("2026-11-23T21:14:05.123456Z");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T08:00:00Z"), ZoneOffset.UTC);

    @Test
    void evidenceIsIdentifiedByClusterAuditIdAndStageAndDatedByItsEvent() {
        AuditEvent event = TestDocuments.thirdPartyEvents().get(0);
        Evidence evidence = TestDocuments.evidence(TestDocuments.copy(event, "7f2c0c64-1b1e-4d8e-a4a1-b0b4ad3e9d10", AT),
                "prod-1", AT.plusMillis(50));

        PendingBulk bulk = PendingBulk.of(List.of(record("vigil.evidence", 0, 42, VigilJson.writeBytes(evidence))),
                DocumentKind.EVIDENCE);

        IndexItem item = bulk.toIndex().get(0).item();
        assertThat(item.id()).isEqualTo(evidence.documentId())
                .isEqualTo("prod-1/7f2c0c64-1b1e-4d8e-a4a1-b0b4ad3e9d10-" + event.stage());
        assertThat(item.index()).isEqualTo("vigil-audit-2026.11.23");
        assertThat(item.version()).isNull();
        assertThat(item.cluster()).isEqualTo("prod-1");
        assertThat(item.tree().path("kubernetes").path("audit").path("auditID").asString())
                .isEqualTo("7f2c0c64-1b1e-4d8e-a4a1-b0b4ad3e9d10");
    }

    @Test
    void theSameAuditIdFromAnotherClusterIsAnotherEvidenceDocument() {
        AuditEvent event = TestDocuments.copy(TestDocuments.thirdPartyEvents().get(0), "shared-id", AT);
        byte[] local = VigilJson.writeBytes(TestDocuments.evidence(event, "local", AT));
        byte[] other = VigilJson.writeBytes(TestDocuments.evidence(event, "attacker", AT));

        List<String> ids = PendingBulk.of(List.of(record("vigil.evidence", 0, 1, local),
                record("vigil.evidence", 0, 2, other)), DocumentKind.EVIDENCE).toIndex().stream()
                .map(entry -> entry.item().id()).toList();

        assertThat(ids).containsExactly("local/shared-id-" + event.stage(), "attacker/shared-id-" + event.stage());
    }

    @Test
    void alertsAreIdentifiedByEventIdAndVersionedByTheirCount() {
        Alert alert = TestDocuments.alert("anonymous-admin-action:prod-1/system:anonymous:29160000", "anonymous-admin-action",
                Severity.CRITICAL, "APP.4.4.A3", "prod-1", "kube-system", AT, "audit-1")
                .repeated(AT.plusSeconds(30), "audit-2").repeated(AT.plusSeconds(60), "audit-3");

        IndexItem item = PendingBulk.of(List.of(record("vigil.alerts", 2, 7, VigilJson.writeBytes(alert))),
                DocumentKind.ALERT).toIndex().get(0).item();

        assertThat(item.id()).isEqualTo(alert.id());
        assertThat(item.version()).isEqualTo(3L);
        assertThat(item.index()).isEqualTo("vigil-alerts-2026.11.23");
    }

    @Test
    void recordsThatAreNoDocumentsWaitForTheirDeadLetterWithTheReason() {
        byte[] notJson = "{\"event\": {\"id\": ".getBytes(StandardCharsets.UTF_8);
        byte[] array = "[1,2]".getBytes(StandardCharsets.UTF_8);
        byte[] noId = "{\"@timestamp\":\"2026-11-23T10:00:00Z\",\"message\":\"m\"}".getBytes(StandardCharsets.UTF_8);

        PendingBulk bulk = PendingBulk.of(List.of(record("vigil.alerts", 0, 1, notJson), record("vigil.alerts", 0, 2, array),
                record("vigil.alerts", 0, 3, noId), record("vigil.alerts", 0, 4, null)), DocumentKind.ALERT);

        assertThat(bulk.toIndex()).isEmpty();
        List<DeadLetter> letters = bulk.toDeadLetter().stream().map(entry -> entry.deadLetter(CLOCK)).toList();
        assertThat(letters).extracting(DeadLetter::source)
                .containsExactly("alerting:vigil.alerts/0@1", "alerting:vigil.alerts/0@2", "alerting:vigil.alerts/0@3");
        assertThat(letters.get(0).reason()).startsWith("not a JSON alert document");
        assertThat(letters.get(1).reason()).isEqualTo("not a JSON object: alert expected");
        assertThat(letters.get(2).reason()).contains("without the fields of its id (event.id)");
        assertThat(letters.get(2).payload()).isEqualTo(new String(noId, StandardCharsets.UTF_8));
        assertThat(letters).allSatisfy(letter -> assertThat(letter.receivedAt()).isEqualTo(CLOCK.instant()));
        assertThat(bulk.complete()).isFalse();
        bulk.toDeadLetter().forEach(bulk::deadLettered);
        assertThat(bulk.complete()).isTrue(); // the tombstone at offset 4 needed nothing
    }

    @Test
    void aRejectedDocumentIsSentOnceMoreWithItsFreeFormFieldsUnindexedThenDeadLettered() {
        AuditEvent event = TestDocuments.thirdPartyEvents().stream().filter(e -> e.requestObject() != null)
                .findFirst().orElseThrow();
        Evidence evidence = TestDocuments.evidence(TestDocuments.copy(event, "a-1", AT), "prod-1", AT);
        PendingBulk bulk = PendingBulk.of(List.of(record("vigil.evidence", 1, 9, VigilJson.writeBytes(evidence))),
                DocumentKind.EVIDENCE);

        assertThat(bulk.rejected(bulk.toIndex().get(0), "400 illegal_argument_exception: immense term")).isTrue();
        JsonNode fallback = bulk.toIndex().get(0).item().tree();
        assertThat(fallback.at("/kubernetes/audit/requestObject").isMissingNode()).isTrue();
        assertThat(fallback.at("/vigil/unindexed/kubernetes/audit/requestObject"))
                .isEqualTo(TestDocuments.asRead(event.requestObject()));
        assertThat(fallback.at("/vigil/unindexed_fields").toString()).contains("\"kubernetes.audit.requestObject\"");
        assertThat(fallback.at("/vigil/received_at").asString()).isEqualTo(evidence.vigil().receivedAt().toString());

        assertThat(bulk.rejected(bulk.toIndex().get(0), "400 mapper_parsing_exception: user.group")).isFalse();
        assertThat(bulk.toIndex()).isEmpty();
        DeadLetter letter = bulk.toDeadLetter().get(0).deadLetter(CLOCK);
        assertThat(letter.cluster()).isEqualTo("prod-1");
        assertThat(letter.reason()).isEqualTo("400 mapper_parsing_exception: user.group (also with its free-form "
                + "fields unindexed; first refusal: 400 illegal_argument_exception: immense term)");
        assertThat(VigilJson.mapper().readTree(letter.payload())).isEqualTo(TestDocuments.asRead(evidence));
    }

    @Test
    void aDocumentWithoutFreeFormFieldsIsDeadLetteredAtOnce() {
        Alert alert = TestDocuments.alert("cni-change:prod-1/kube-system:1", "cni-change", Severity.HIGH,
                "APP.4.4.A7", "prod-1", "kube-system", AT, "audit-9");
        Alert withoutDetails = new Alert(alert.timestamp(), alert.message(), alert.event(), alert.rule(), alert.threat(),
                alert.user(), alert.source(), alert.userAgent(), alert.orchestrator(),
                new dev.vigil.model.alert.VigilAlertInfo(Severity.HIGH, List.of("APP.4.4.A7"), 1, AT, AT,
                        new dev.vigil.model.alert.VigilAlertInfo.Evidence(List.of("audit-9"), null)));
        PendingBulk bulk = PendingBulk.of(List.of(record("vigil.alerts", 0, 3, VigilJson.writeBytes(withoutDetails))),
                DocumentKind.ALERT);

        assertThat(bulk.rejected(bulk.toIndex().get(0), "400 mapper_parsing_exception")).isFalse();
        assertThat(bulk.toDeadLetter().get(0).deadLetter(CLOCK).reason()).isEqualTo("400 mapper_parsing_exception");
    }

    @Test
    void commitsTheNextOffsetOfEveryPartitionAndForgetsLostPartitions() {
        Evidence evidence = TestDocuments.evidence(TestDocuments.copy(TestDocuments.thirdPartyEvents().get(1), "a-2", AT),
                "prod-1", AT);
        byte[] value = VigilJson.writeBytes(evidence);
        PendingBulk bulk = PendingBulk.of(List.of(record("vigil.evidence", 0, 5, value), record("vigil.evidence", 0, 6, value),
                record("vigil.evidence", 1, 100, value)), DocumentKind.EVIDENCE);

        assertThat(bulk.offsets()).isEqualTo(Map.of(new TopicPartition("vigil.evidence", 0), new OffsetAndMetadata(7),
                new TopicPartition("vigil.evidence", 1), new OffsetAndMetadata(101)));
        PendingBulk kept = bulk.without(List.of(new TopicPartition("vigil.evidence", 0)));
        assertThat(kept.size()).isEqualTo(1);
        assertThat(kept.offsets()).containsOnlyKeys(new TopicPartition("vigil.evidence", 1));
    }

    private static ConsumerRecord<String, byte[]> record(String topic, int partition, long offset, byte[] value) {
        return new ConsumerRecord<>(topic, partition, offset, "key", value);
    }
}

package dev.vigil.streams.alerts;

import dev.vigil.model.alert.Alert;
import dev.vigil.model.alert.Severity;
import dev.vigil.streams.redact.Redactor;
import dev.vigil.streams.rules.Detection;
import dev.vigil.model.rule.RuleMeta;
import dev.vigil.streams.testing.TestAuditEvents;
import dev.vigil.streams.testing.TestDetectionEngine;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DedupEntrySerdeTest {

    private static final RuleMeta RULE = TestDetectionEngine.meta("test-create", Severity.HIGH, Duration.ofHours(1));
    private final DedupEntrySerde serde = new DedupEntrySerde();

    private static Alert alert(String auditId) {
        AlertFactory factory = new AlertFactory(Redactor.withDefaults(),
                Clock.fixed(Instant.parse("2026-03-02T12:00:00Z"), ZoneOffset.UTC), Duration.ofHours(1));
        var record = TestAuditEvents.record(TestAuditEvents.event(auditId, "alice", "create", "pods", "shop", "web",
                201, "2026-03-02T09:15:00Z"), "prod-1");
        return factory.candidates(java.util.List.of(new Detection(RULE, Severity.HIGH, "alice", "alice did create",
                null, record))).get(0).alert();
    }

    private DedupEntry roundTrip(DedupEntry entry) {
        return serde.deserializer().deserialize("store", serde.serializer().serialize("store", entry));
    }

    @Test
    void keepsAlertExpiryAndSeenEvents() {
        SeenEvents seen = SeenEvents.empty();
        seen.add(SeenEvents.hash("prod-1", "a-1"), 2048);
        seen.add(SeenEvents.hash("prod-1", "a-2"), 2048);
        Alert alert = alert("a-1").repeated(Instant.parse("2026-03-02T09:20:00Z"), "a-2", 2);

        DedupEntry read = roundTrip(new DedupEntry(alert, 1_234_567L, seen));

        assertThat(read.alert()).isEqualTo(alert);
        assertThat(read.expiresAtMillis()).isEqualTo(1_234_567L);
        assertThat(read.seen().estimate()).isEqualTo(2);
        assertThat(read.seen().add(SeenEvents.hash("prod-1", "a-2"), 2048)).isFalse();
        assertThat(read.seen().add(SeenEvents.hash("prod-2", "a-2"), 2048)).isTrue();
    }

    @Test
    void readsAnEntryTheJsonSerdeWroteBeforeAndRemembersTheAuditIdsItLists() {
        Alert alert = alert("a-1").repeated(Instant.parse("2026-03-02T09:20:00Z"), "a-2");

        DedupEntry read = serde.deserializer().deserialize("store", DedupEntrySerde.legacyJson(alert, 42L));

        assertThat(read.alert()).isEqualTo(alert);
        assertThat(read.expiresAtMillis()).isEqualTo(42L);
        assertThat(read.seen().add(SeenEvents.hash("prod-1", "a-1"), 2048)).isFalse();
        assertThat(read.seen().add(SeenEvents.hash("prod-1", "a-2"), 2048)).isFalse();
        assertThat(read.seen().add(SeenEvents.hash("prod-1", "a-3"), 2048)).isTrue();
    }

    @Test
    void refusesBytesOfAnotherFormat() {
        assertThatThrownBy(() -> serde.deserializer().deserialize("store", new byte[] {7, 0, 0}))
                .isInstanceOf(SerializationException.class).hasMessageContaining("unknown format 7");
        assertThatThrownBy(() -> serde.deserializer().deserialize("store", new byte[] {1, 0}))
                .isInstanceOf(SerializationException.class);
    }
}

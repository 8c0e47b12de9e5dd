package dev.vigil.streams.stateful;

import dev.vigil.model.alert.Alert;
import dev.vigil.model.json.VigilJson;
import dev.vigil.streams.alerts.AlertFactory;
import dev.vigil.streams.redact.Redactor;
import dev.vigil.streams.rules.RuleEngine;
import dev.vigil.streams.rules.RulesProperties;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SequenceStepSerdeTest {

    /** The form the store held before: a record serialized by {@code JsonSerde}. */
    private record RecordForm(String auditId, long time, Alert alert) {
    }

    private final SequenceStepSerde serde = new SequenceStepSerde();

    @Test
    void writesWhatTheRecordFormWrote() {
        Alert alert = grantAlert();
        SequenceStep step = new SequenceStep("g-1", 1_772_445_600_000L, alert);

        assertThat(new String(serde.serializer().serialize("t", step), StandardCharsets.UTF_8))
                .isEqualTo(VigilJson.write(new RecordForm("g-1", 1_772_445_600_000L, alert)));
    }

    @Test
    void readsTheRecordFormAndDecodesTheAlertOnlyWhenAsked() {
        Alert alert = grantAlert();
        byte[] stored = VigilJson.writeBytes(new RecordForm("g-1", 1_772_445_600_000L, alert));

        SequenceStep read = serde.deserializer().deserialize("t", stored);

        assertThat(read.auditId()).isEqualTo("g-1");
        assertThat(read.time()).isEqualTo(1_772_445_600_000L);
        assertThat(read.alertDecoded()).isFalse();
        assertThat(read.alert()).isEqualTo(alert);
        assertThat(read.alertDecoded()).isTrue();
        assertThat(read).isEqualTo(new SequenceStep("g-1", 1_772_445_600_000L, alert));
    }

    @Test
    void anAlertThatCannotBeReadFailsWhenAskedNotWhenScanned() {
        byte[] stored = "{\"auditId\":\"g-2\",\"time\":5,\"alert\":{\"@timestamp\":\"not a time\"}}"
                .getBytes(StandardCharsets.UTF_8);

        SequenceStep read = serde.deserializer().deserialize("t", stored);

        assertThat(read.auditId()).isEqualTo("g-2");
        assertThat(read.time()).isEqualTo(5);
        assertThatThrownBy(read::alert).isInstanceOf(SerializationException.class);
    }

    @Test
    void aStepWithoutAlertAndOtherFieldsRoundTrip() {
        SequenceStep step = new SequenceStep("g-3", 7, null);

        SequenceStep read = serde.deserializer().deserialize("t", serde.serializer().serialize("t", step));

        assertThat(read).isEqualTo(step);
        assertThat(read.alert()).isNull();
        assertThat(serde.deserializer().deserialize("t", null)).isNull();
        assertThat(serde.serializer().serialize("t", null)).isNull();
    }

    @Test
    void notAStepIsASerializationError() {
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", "[1]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", "{\"auditId\":".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class);
    }

    private static Alert grantAlert() {
        RuleEngine engine = RuleEngine.load(RulesProperties.defaults());
        AlertFactory factory = new AlertFactory(Redactor.withDefaults(), Clock.systemUTC(), Duration.ofHours(1));
        return StatefulHits.hits(engine, factory, StatefulEvents.record(StatefulEvents.grant("g-1",
                        "dev@example.com", "cluster-admin", Instant.parse("2026-03-02T10:00:00Z")),
                "prod-1")).stream().filter(hit -> hit.rule().equals("rbac-grant-then-use")).findFirst().orElseThrow()
                .alert();
    }
}

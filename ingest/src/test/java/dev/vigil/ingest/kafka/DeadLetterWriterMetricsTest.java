package dev.vigil.ingest.kafka;

import dev.vigil.model.dlq.DeadLetter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 16: dead letters are counted by reason category and stage, once per letter however many parts it took. */
class DeadLetterWriterMetricsTest {

    @Test
    void eachAcknowledgedLetterIsCountedOnceByReasonCategoryAndSource() {
        RecordingProducer kafka = new RecordingProducer(64 * 1024);
        DeadLetterWriter writer = new DeadLetterWriter(kafka.producer(), "vigil.dlq");
        Instant now = Instant.now();

        writer.send(new DeadLetter("ingest:webhook:prod-1:item-3", "not an audit event: no kind Event", "{\"foo\":1}",
                now, "prod-1")).join();
        writer.send(new DeadLetter("ingest:webhook:prod-2:item-9", "not valid JSON: the input ends inside the item",
                "x".repeat(200_000), now, "prod-2")).join();

        MeterRegistry registry = kafka.producer().registry();
        assertThat(kafka.records()).hasSizeGreaterThan(2); // the long one in parts
        assertThat(registry.get("vigil.dead.letters").tag("reason", "not-an-audit-event").tag("source", "ingest:webhook")
                .counter().count()).isEqualTo(1.0);
        assertThat(registry.get("vigil.dead.letters").tag("reason", "not-json").tag("source", "ingest:webhook")
                .counter().count()).isEqualTo(1.0);
        assertThat(registry.get("vigil.dead.letters").meter().getId().getDescription()).isNotBlank();
    }
}

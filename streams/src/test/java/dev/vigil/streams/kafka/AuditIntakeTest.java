package dev.vigil.streams.kafka;

import dev.vigil.model.audit.AuditRecord;
import dev.vigil.model.dlq.DeadLetter;
import dev.vigil.model.testdata.AuditTestData;
import dev.vigil.streams.testing.TestAuditEvents;
import dev.vigil.streams.testing.TopologyHarness;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class AuditIntakeTest {

    private static final String DECODED = "decoded";
    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    @TempDir
    Path stateDir;

    private TopologyHarness harness;
    private TestOutputTopic<String, String> decoded;

    /** Decodes and writes {@code <cluster>|<auditID>|<receivedAt>} per accepted record. */
    static void topology(StreamsBuilder builder) {
        AuditIntake.decoded(builder, TopologyHarness.TOPICS)
                .mapValues(AuditIntakeTest::describe)
                .to(DECODED, Produced.with(Serdes.String(), Serdes.String()));
    }

    private static String describe(AuditRecord record) {
        return record.cluster() + "|" + record.event().auditID() + "|" + record.receivedAt();
    }

    @BeforeEach
    void start() {
        harness = TopologyHarness.of(AuditIntakeTest::topology, T0, stateDir);
        decoded = harness.driver().createOutputTopic(DECODED, Serdes.String().deserializer(),
                Serdes.String().deserializer());
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void decodesEnvelopedEventsKeepingTheirKey() {
        String event = TestAuditEvents.event("a-1", "alice", "create", "pods", "default", "nginx", 201,
                "2026-03-02T09:00:00Z");

        harness.audit("a-1", TestAuditEvents.encode(event, "prod-1"));

        assertThat(decoded.readKeyValue())
                .isEqualTo(KeyValue.pair("a-1", "prod-1|a-1|" + TestAuditEvents.RECEIVED_AT));
        assertThat(harness.dlq().isEmpty()).isTrue();
    }

    @Test
    void takesTheKafkaTimestampWhenTheEnvelopeHasNoReceivedAt() {
        String event = TestAuditEvents.event("a-2", "alice", "get", "pods", "default", "nginx", 200,
                "2026-03-02T09:00:00Z");
        Instant produced = Instant.parse("2026-03-02T09:30:00Z");

        harness.auditTopic().pipeInput("a-2", event.getBytes(StandardCharsets.UTF_8), produced);

        assertThat(decoded.readValue()).isEqualTo("null|a-2|" + produced);
    }

    @Test
    void sendsUndecodableRecordsToTheDeadLetterTopicWithReasonSourceAndCluster() {
        String malformed = AuditTestData.lines(AuditTestData.file("k8s-audit/falco-traces/fal_01_003.json")).get(0).text();
        harness.audit("bad-1", "not json at all".getBytes(StandardCharsets.UTF_8));
        harness.audit("bad-2", ("{\"kind\":\"Event\",\"cluster\":\"prod-1\",\"verb\":42}").getBytes(StandardCharsets.UTF_8));
        harness.audit("bad-3", malformed.getBytes(StandardCharsets.UTF_8));
        harness.audit("bad-4", null);

        TestOutputTopic<String, DeadLetter> dlq = harness.dlq();
        KeyValue<String, DeadLetter> notJson = dlq.readKeyValue();
        assertThat(notJson.key).isEqualTo("streams:k8s.audit.events/0@0");
        assertThat(notJson.value.source()).isEqualTo(notJson.key);
        assertThat(notJson.value.reason()).startsWith("not valid JSON");
        assertThat(notJson.value.payload()).isEqualTo("not json at all");
        assertThat(notJson.value.cluster()).isNull();
        assertThat(notJson.value.receivedAt()).isEqualTo(T0);

        DeadLetter wrongType = dlq.readValue();
        assertThat(wrongType.reason()).contains("verb").contains("expected a string");
        assertThat(wrongType.cluster()).isEqualTo("prod-1");
        assertThat(wrongType.source()).isEqualTo("streams:k8s.audit.events/0@1");

        DeadLetter falcoMalformed = dlq.readValue();
        assertThat(falcoMalformed.payload()).isEqualTo(malformed);
        assertThat(falcoMalformed.reason()).contains("kind");

        DeadLetter empty = dlq.readValue();
        assertThat(empty.reason()).isEqualTo("empty record");
        assertThat(empty.payload()).isEmpty();

        assertThat(dlq.isEmpty()).isTrue();
        assertThat(decoded.isEmpty()).isTrue();
    }

    @Test
    void keepsGoingAfterBadRecords() {
        harness.audit("bad", "{".getBytes(StandardCharsets.UTF_8));
        harness.audit("a-3", TestAuditEvents.encode(TestAuditEvents.event("a-3", "bob", "delete", "pods", "shop",
                "web", 200, "2026-03-02T09:00:00Z"), "prod-2"));

        assertThat(harness.dlq().readValuesToList()).hasSize(1);
        assertThat(decoded.readValue()).startsWith("prod-2|a-3|");
    }
}

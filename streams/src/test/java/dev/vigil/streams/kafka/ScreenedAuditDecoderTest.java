package dev.vigil.streams.kafka;

import dev.vigil.model.audit.RequestSummary;
import dev.vigil.streams.testing.TestAuditEvents;
import dev.vigil.streams.testing.TopologyHarness;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The detection application's decoder drops what the screen rules out: by the summary a byte-level reader vouches
 * for (without decoding), else by the decoded record; and counts what it drops.
 */
class ScreenedAuditDecoderTest {

    private static final String OUT = "screened";
    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    /** No rule fires on reads in this test. */
    private static final AuditIntake.Screen NO_READS = AuditIntake.Screen.of(summary -> !summary.verb().equals("get"),
            record -> !record.event().verb().equals("get"));

    @TempDir
    Path stateDir;

    private TopologyHarness harness;
    private TestOutputTopic<String, String> out;

    private void start(Function<byte[], RequestSummary> summaryOfBytes) {
        harness = TopologyHarness.of(builder -> topology(builder, summaryOfBytes), T0, stateDir);
        out = harness.driver().createOutputTopic(OUT, Serdes.String().deserializer(), Serdes.String().deserializer());
    }

    private static void topology(StreamsBuilder builder, Function<byte[], RequestSummary> summaryOfBytes) {
        AuditIntake.decodedWithoutDeadLetters(builder, TopologyHarness.TOPICS, NO_READS, summaryOfBytes)
                .mapValues(record -> record.event().auditID())
                .to(OUT, Produced.with(Serdes.String(), Serdes.String()));
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void dropsWhatTheScreenRulesOutByTheDecodedRecordAndCountsIt() {
        start(AuditIntake.AcceptedAuditDecoder.NO_BYTE_READER);

        harness.audit("a-1", event("a-1", "get"));
        harness.audit("a-2", event("a-2", "create"));
        harness.audit("a-3", "{".getBytes(StandardCharsets.UTF_8));

        assertThat(out.readValuesToList()).containsExactly("a-2");
        assertThat(screenedOut()).isEqualTo(1.0);
    }

    @Test
    void aSummaryFromTheBytesDecidesWithoutDecodingAndNullMeansDecode() {
        // the reader vouches for a read where the record is a create: only the bytes path can drop it
        start(bytes -> new String(bytes, StandardCharsets.UTF_8).contains("\"b-1\"") ? new RequestSummary("get",
                "ResponseComplete", "Metadata", "", "pods", "", "default", "alice", List.of(), 200, "allow", null, "", false) : null);

        harness.audit("b-1", event("b-1", "create"));
        harness.audit("b-2", event("b-2", "get"));
        harness.audit("b-3", event("b-3", "create"));

        assertThat(out.readValuesToList()).containsExactly("b-3");
        assertThat(screenedOut()).isEqualTo(2.0);
    }

    private static byte[] event(String id, String verb) {
        return TestAuditEvents.encode(TestAuditEvents.event(id, "alice", verb, "pods", "default", "web", 200,
                "2026-03-02T09:00:00Z"), "prod-1");
    }

    private double screenedOut() {
        return harness.driver().metrics().entrySet().stream()
                .filter(metric -> metric.getKey().name().equals(AuditIntake.AcceptedAuditDecoder.SCREENED_OUT
                        + "-total"))
                .mapToDouble(metric -> ((Number) metric.getValue().metricValue()).doubleValue()).sum();
    }
}

package dev.vigil.ingest.replay;

import dev.vigil.embedded.EmbeddedKafka;
import dev.vigil.embedded.WithEmbeddedKafka;
import dev.vigil.ingest.IngestTestApplication;
import dev.vigil.ingest.TestEvents;
import dev.vigil.ingest.TopicRecords;
import dev.vigil.model.json.VigilJson;
import dev.vigil.model.kafka.Topics;
import dev.vigil.model.testdata.AuditTestData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code vigil replay --format cloudwatch|auto} over EKS exports, against the real embedded broker. */
@WithEmbeddedKafka
class ReplayCloudWatchIT {

    private static final Topics TOPICS = Topics.defaults();
    private static String bootstrap;

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void topics(EmbeddedKafka kafka) {
        bootstrap = kafka.bootstrapServers();
        IngestTestApplication.createTopics(kafka, TOPICS);
    }

    private int replay(String... args) {
        List<String> all = new ArrayList<>(List.of("--bootstrap-servers", bootstrap));
        all.addAll(List.of(args));
        return new CommandLine(new ReplayCommand()).setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true)).execute(all.toArray(String[]::new));
    }

    @Test
    void subscriptionPayloadsGoInAsTheClusterOfTheirLogGroupAndABadRecordIsNamedByItsLine() throws IOException {
        List<String> ids = IntStream.range(0, 4).mapToObj(i -> TestEvents.auditId("replay-cw", i)).toList();
        ObjectNode bad = TestEvents.event(0, "unused");
        bad.put("kind", "NotAnEvent");
        // What a Firehose stream's S3 backup holds: the gzipped CloudWatch payloads, one after the other.
        Path file = dir.resolve("firehose-backup.gz");
        try (OutputStream gzip = new GZIPOutputStream(Files.newOutputStream(file))) {
            gzip.write(lines(
                    Files.readString(AuditTestData.file("fixtures/eks/subscription-control-message.json")).strip(),
                    subscription("/aws/eks/replay-cw/cluster", TestEvents.event(0, ids.get(0)),
                            TestEvents.event(1, ids.get(1))),
                    subscription("/aws/eks/replay-cw/cluster", TestEvents.event(2, ids.get(2)), bad,
                            TestEvents.event(0, ids.get(3)))));
        }

        int exit = replay("--format", "cloudwatch", file.toString());

        assertThat(exit).isZero();
        assertThat(TopicRecords.read(bootstrap, TOPICS.audit(), "replay-cw")).extracting(TopicRecords.Entry::key)
                .containsExactlyInAnyOrderElementsOf(ids);
        assertThat(TopicRecords.read(bootstrap, TOPICS.dlq(), "replay-cw")).singleElement().satisfies(letter -> {
            assertThat(letter.key()).isEqualTo("replay:firehose-backup.gz:3#2");
            assertThat(letter.value().get("reason").asString()).contains("kind");
            assertThat(VigilJson.mapper().readTree(letter.value().get("payload").asString())).isEqualTo(bad);
        });
        assertThat(out.toString()).contains("(cluster replay-cw)").contains("events sent:  4")
                .contains("rejected:     1").contains("firehose-backup.gz:3  ");
    }

    @Test
    void autoRecognisesALogsInsightsExportAndStillReadsNativeFiles() throws IOException {
        Path insights = dir.resolve("insights.json");
        Files.copy(AuditTestData.file("fixtures/eks/logs-insights-results.json"), insights);
        Path nativeLog = dir.resolve("audit.log");
        List<String> nativeIds = IntStream.range(0, 2).mapToObj(i -> TestEvents.auditId("replay-auto", i)).toList();
        Files.write(nativeLog, lines(TestEvents.compact(TestEvents.event(0, nativeIds.get(0))),
                TestEvents.compact(TestEvents.event(1, nativeIds.get(1)))));

        int exit = replay("--cluster", "replay-auto", insights.toString(), nativeLog.toString());

        assertThat(exit).isZero();
        assertThat(TopicRecords.read(bootstrap, TOPICS.audit(), "replay-auto")).extracting(TopicRecords.Entry::key)
                .containsExactlyInAnyOrder("6f1c8f0e-2d7a-4b8e-9a51-0c3e5d7b9a21",
                        "0b8e2c4d-6f1a-4c3b-8d9e-7a5b3c1d2e40", nativeIds.get(0), nativeIds.get(1));
        assertThat(out.toString()).contains("format:       cloudwatch (insights.json)")
                .contains("format:       native (audit.log)").contains("events sent:  4");
    }

    @Test
    void anUnknownFormatIsAnArgumentError() {
        assertThat(replay("--format", "splunk", "x.log")).isEqualTo(2);
        assertThat(err.toString()).contains("--format 'splunk' is none of auto, native, cloudwatch");
    }

    private static String subscription(String logGroup, ObjectNode... events) {
        ObjectNode payload = VigilJson.mapper().createObjectNode();
        payload.put("messageType", "DATA_MESSAGE");
        payload.put("owner", "111122223333");
        payload.put("logGroup", logGroup);
        payload.put("logStream", "kube-apiserver-audit-0123456789abcdef0123456789abcdef");
        payload.putArray("subscriptionFilters").add("vigil-audit");
        ArrayNode logEvents = payload.putArray("logEvents");
        for (int i = 0; i < events.length; i++) {
            logEvents.addObject().put("id", "id-" + i).put("timestamp", 1741079702187L + i)
                    .put("message", TestEvents.compact(events[i]));
        }
        return VigilJson.write(payload);
    }

    private static byte[] lines(String... lines) {
        return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    }
}

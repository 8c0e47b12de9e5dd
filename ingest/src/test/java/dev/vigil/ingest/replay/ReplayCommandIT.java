package dev.vigil.ingest.replay;

import dev.vigil.embedded.EmbeddedKafka;
import dev.vigil.embedded.WithEmbeddedKafka;
import dev.vigil.ingest.IngestTestApplication;
import dev.vigil.ingest.TestEvents;
import dev.vigil.ingest.TopicRecords;
import dev.vigil.model.audit.AuditEventParser;
import dev.vigil.model.audit.AuditRecordCodec;
import dev.vigil.model.kafka.Topics;
import dev.vigil.model.testdata.AuditTestData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code vigil replay} against the real embedded broker, run as the CLI runs it (picocli, no Spring). */
@WithEmbeddedKafka
class ReplayCommandIT {

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

    private int replay(ReplayCommand command, String... args) {
        List<String> all = new ArrayList<>(List.of("--bootstrap-servers", bootstrap));
        all.addAll(List.of(args));
        return new CommandLine(command).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(all.toArray(String[]::new));
    }

    @Test
    void theThirdPartyDataEndsUpInKafkaOrInTheDeadLetterTopicWithAReason() throws IOException {
        List<String> files = new ArrayList<>();
        try (Stream<Path> falco = Files.list(AuditTestData.folder("k8s-audit/falco-traces"))) {
            for (Path trace : falco.sorted().toList()) {
                files.add(copy(trace).toString());
            }
        }
        files.add(copy(AuditTestData.file("k8s-audit/audit2rbac/demo.log")).toString());
        files.add(copy(AuditTestData.file("k8s-audit/panther/test-logs.jsonl")).toString());
        List<String> args = new ArrayList<>(List.of("--cluster", "replay-3p"));
        args.addAll(files);

        int exit = replay(new ReplayCommand(), args.toArray(String[]::new));

        int lines = AuditTestData.thirdPartyEvents().size();
        List<TopicRecords.Entry> events = TopicRecords.read(bootstrap, TOPICS.audit(), "replay-3p");
        List<TopicRecords.Entry> dead = TopicRecords.read(bootstrap, TOPICS.dlq(), "replay-3p");
        assertThat(exit).isZero();
        assertThat(lines).isEqualTo(311);
        // Only the deliberately malformed falco trace is rejected; events without auditID go in under a derived id.
        assertThat(dead).singleElement().satisfies(letter -> {
            assertThat(letter.key()).isEqualTo("replay:fal_01_003.json:1");
            assertThat(letter.value().get("reason").asString()).contains("kind");
            assertThat(letter.value().get("payload").asString()).isEqualTo("{\"kind\": 0}");
        });
        assertThat(events).hasSize(lines - 1).allSatisfy(record -> {
            ObjectNode original = ((ObjectNode) record.value()).deepCopy();
            original.remove(List.of(AuditRecordCodec.CLUSTER, AuditRecordCodec.RECEIVED_AT));
            String expectedKey = original.hasNonNull("auditID") ? original.get("auditID").asString()
                    : AuditEventParser.derivedAuditId(original);
            assertThat(record.key()).isEqualTo(expectedKey);
        });
        assertThat(events.stream().filter(e -> AuditEventParser.isDerived(e.key())).count())
                .as("events without auditID").isPositive();
        assertThat(out.toString()).contains("lines read:   311").contains("events sent:  310")
                .contains("rejected:     1 (1 written to vigil.dlq)").contains("fal_01_003.json:1  kind");
    }

    @Test
    void readsGzipEventListDocumentsAndJsonArrays() throws IOException {
        Path gz = dir.resolve("audit.log.gz");
        try (OutputStream gzip = new GZIPOutputStream(Files.newOutputStream(gz))) {
            for (int i = 0; i < 3; i++) {
                gzip.write((TestEvents.compact(TestEvents.event(i, TestEvents.auditId("gz", i))) + "\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
        }
        Path eventList = dir.resolve("eventlist.json");
        Files.writeString(eventList, TestEvents.eventList("doc", 4).toPrettyString());
        Path array = dir.resolve("array.json");
        Files.writeString(array, TestEvents.eventList("array", 2).get("items").toPrettyString());

        int exit = replay(new ReplayCommand(), "--cluster", "replay-formats", gz.toString(), eventList.toString(),
                array.toString());

        assertThat(exit).isZero();
        assertThat(TopicRecords.read(bootstrap, TOPICS.audit(), "replay-formats")).extracting(TopicRecords.Entry::key)
                .containsExactlyInAnyOrderElementsOf(Stream.of(ids("gz", 3), ids("doc", 4), ids("array", 2))
                        .flatMap(List::stream).toList());
        assertThat(out.toString()).contains("events sent:  9").contains("rejected:     0");
    }

    /** Issue 11: what one item contains costs no other item of the file; the bad one is named by its line. */
    @Test
    void aHostileItemOfADocumentIsNamedByItsLineAndTheRestGoesOn() throws IOException {
        List<String> items = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            items.add(TestEvents.compact(TestEvents.event(i % 3, TestEvents.auditId("hostile-replay", i))));
        }
        items.set(2, items.get(2).replaceFirst("\"requestObject\":\\{", "\"requestObject\":{\"dup\":1,\"dup\":2,"));
        items.set(4, items.get(4).replaceFirst("\"verb\":\"(\\w+)\"", "\"verb\":$1"));
        items.set(6, items.get(6).replaceFirst("\"requestObject\":\\{", "\"requestObject\":{\"deep\":"
                + "[".repeat(600) + "]".repeat(600) + ","));
        Path file = dir.resolve("hostile.json");
        Files.writeString(file, "{\n  \"kind\": \"EventList\",\n  \"items\": [\n    "
                + String.join(",\n    ", items) + "\n  ]\n}\n");

        int exit = replay(new ReplayCommand(), "--cluster", "replay-hostile", file.toString());

        assertThat(exit).isZero();
        List<String> sent = TopicRecords.read(bootstrap, TOPICS.audit(), "replay-hostile").stream()
                .map(TopicRecords.Entry::key).toList();
        assertThat(sent).hasSize(9).doesNotContain(TestEvents.auditId("hostile-replay", 4))
                .contains(TestEvents.auditId("hostile-replay", 2), TestEvents.auditId("hostile-replay", 6));
        assertThat(out.toString()).contains("events sent:  9").contains("hostile.json:8  not valid JSON")
                .contains("hostile.json:10  the event was sent without its unreadable objects");
        assertThat(TopicRecords.read(bootstrap, TOPICS.dlq(), "replay-hostile"))
                .extracting(entry -> entry.key() + " " + entry.value().path("payload").asString())
                .containsExactlyInAnyOrder("replay:hostile.json:8 " + items.get(4), "replay:hostile.json:10 " + items.get(6));
    }

    @Test
    void nothingSendableExitsNonZeroAndListsTheFirstRejections() throws IOException {
        Path bad = dir.resolve("bad.log");
        Files.writeString(bad, IntStream.rangeClosed(1, 25).mapToObj(i -> "garbage line " + i)
                .collect(Collectors.joining("\n", "", "\n")));

        int exit = replay(new ReplayCommand(), "--cluster", "replay-bad", bad.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString()).contains("events sent:  0").contains("rejected:     25 (25 written to vigil.dlq)")
                .contains("bad.log:1  not valid JSON").contains("bad.log:20  not valid JSON")
                .doesNotContain("bad.log:21 ").contains("… and 5 more");
        assertThat(TopicRecords.read(bootstrap, TOPICS.dlq(), "replay-bad")).extracting(TopicRecords.Entry::key)
                .contains("replay:bad.log:1", "replay:bad.log:25").hasSize(25);
        assertThat(err.toString()).as("plain progress when not on a terminal").doesNotContain("\r");
    }

    /** Issue 16: a JSON object that is no audit event is rejected with its line, not counted as sent. */
    @Test
    void anObjectThatIsNoAuditEventIsRejectedWithItsLine() throws IOException {
        Path file = dir.resolve("foo.log");
        Files.writeString(file, TestEvents.compact(TestEvents.event(0, TestEvents.auditId("foo-replay", 1)))
                + "\n{\"foo\":1}\n");

        int exit = replay(new ReplayCommand(), "--cluster", "replay-foo", file.toString());

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("events sent:  1").contains("rejected:     1 (1 written to vigil.dlq)")
                .contains("foo.log:2  not an audit event");
        assertThat(TopicRecords.read(bootstrap, TOPICS.audit(), "replay-foo")).hasSize(1);
        assertThat(TopicRecords.read(bootstrap, TOPICS.dlq(), "replay-foo")).extracting(TopicRecords.Entry::key)
                .containsExactly("replay:foo.log:2");
    }

    @Test
    void rejectsInvalidArguments() {
        assertThat(replay(new ReplayCommand(), "--cluster", "no spaces", "x.log")).isEqualTo(2);
        assertThat(replay(new ReplayCommand(), "--follow", "a.log", "b.log")).isEqualTo(2);
        assertThat(err.toString()).contains("not a valid cluster name").contains("--follow takes exactly one FILE");
    }

    @Test
    void followTailsALiveLogAcrossRotationUntilStopped() throws Exception {
        Path log = dir.resolve("kube-apiserver-audit.log");
        append(log, "follow", 0, 2);
        ReplayCommand command = new ReplayCommand();
        var result = new java.util.concurrent.CompletableFuture<Integer>();
        Thread runner = new Thread(() -> result.complete(replay(command, "--cluster", "replay-follow", "--follow",
                log.toString())), "replay-follow-test");
        runner.start();

        awaitFollowRecords(2);
        append(log, "follow", 2, 3);
        awaitFollowRecords(3);
        Files.move(log, dir.resolve("kube-apiserver-audit-2026-11-23T10-00-00.log"));
        append(log, "follow", 3, 5);
        awaitFollowRecords(5);

        command.stop.request();
        assertThat(result.get(30, java.util.concurrent.TimeUnit.SECONDS)).isZero();
        assertThat(TopicRecords.read(bootstrap, TOPICS.audit(), "replay-follow")).extracting(TopicRecords.Entry::key)
                .containsExactlyInAnyOrderElementsOf(ids("follow", 5));
        assertThat(out.toString()).contains("events sent:  5");
    }

    private void awaitFollowRecords(int count) {
        await().atMost(Duration.ofSeconds(30)).until(
                () -> TopicRecords.read(bootstrap, TOPICS.audit(), "replay-follow").size() >= count);
    }

    private static void append(Path file, String seed, int from, int to) throws IOException {
        String lines = IntStream.range(from, to)
                .mapToObj(i -> TestEvents.compact(TestEvents.event(i % 3, TestEvents.auditId(seed, i))))
                .collect(Collectors.joining("\n", "", "\n"));
        Files.writeString(file, lines, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static List<String> ids(String seed, int count) {
        return IntStream.range(0, count).mapToObj(i -> TestEvents.auditId(seed, i)).toList();
    }

    private Path copy(Path resource) throws IOException {
        Path target = dir.resolve(resource.getFileName().toString());
        Files.copy(resource, target);
        return target;
    }
}

package dev.vigil.ingest.hostile;

import dev.vigil.embedded.CapturedLogs;
import dev.vigil.embedded.EmbeddedKafkaExtension;
import dev.vigil.embedded.WithEmbeddedKafka;
import dev.vigil.ingest.IngestTestApplication;
import dev.vigil.ingest.TestEvents;
import dev.vigil.ingest.TopicRecords;
import dev.vigil.model.json.VigilJson;
import dev.vigil.model.kafka.Topics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile input for the audit webhook, with a fixed seed: mutated and random EventLists (truncated, deeply nested,
 * huge strings, invalid UTF-8, wrong types in every kind of field, duplicate keys, 0-byte and oversize bodies) get
 * 2xx/4xx, never 5xx, never a hang; the good items of a partly bad batch land; bad credentials are never
 * accepted; the heap stays flat; and no secret value of any event ever appears in a log line.
 */
@WithEmbeddedKafka
@SpringBootTest(classes = IngestTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "vigil.roles=ingest",
                "server.address=127.0.0.1",
                "server.tomcat.connection-timeout=3s",
                "vigil.ingest.tokens[0].token=hostile-token-a",
                "vigil.ingest.tokens[0].cluster=hostile-a",
                "vigil.ingest.tokens[1].token=hostile-token-b",
                "vigil.ingest.tokens[1].cluster=hostile-b",
                "vigil.ingest.max-body-size=1MB",
                "vigil.ingest.ack-timeout=4s",
                "vigil.ingest.producer.delivery-timeout=3s",
                "vigil.ingest.producer.request-timeout=1s",
                "vigil.ingest.producer.max-block=2s"})
class WebhookFuzzIT {

    static final long SEED = 0x5EED_0F22L;
    static final int CASES = 150;
    static final Duration ANSWER_WITHIN = Duration.ofSeconds(30);
    static final String TOKEN_A = "hostile-token-a";
    /** {@code vigil.ingest.max-body-size} below. */
    static final int BODY_LIMIT = 1024 * 1024;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int port;

    CapturedLogs logs;

    @BeforeEach
    void captureLogs() {
        logs = CapturedLogs.attach();
    }

    @AfterEach
    void noSecretWasLogged() {
        logs.close();
        List<String> leaks = logs.lines().stream()
                .filter(line -> HostileBodies.SECRETS.stream().anyMatch(line::contains))
                .toList();
        assertThat(leaks).as("log lines with a secret value of an event").isEmpty();
    }

    @Test
    void mutatedBodiesAreAnsweredWith2xxOr4xxNeverWith5xxOrAHang() throws Exception {
        Random random = new Random(SEED);
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            byte[] body = HostileBodies.mutated(random);
            int status = statusOf(body);
            if (status == -1 && body.length > BODY_LIMIT) {
                // refused mid-upload without reading on (the connection is closed, not drained): a 413 to the sender
                status = 413;
            }
            statuses.merge(status, 1, Integer::sum);
            if (status < 200 || status >= 500) {
                failures.add("case " + i + " answered " + status + ": " + preview(body));
            }
        }
        assertThat(failures).isEmpty();
        assertThat(statuses).containsKeys(200, 400);
        assertThat(statuses.keySet()).allSatisfy(status -> assertThat(status).isBetween(200, 499));
    }

    @Test
    void emptyAndOversizeBodiesAreRefusedWithoutReadingThemWhole() throws Exception {
        assertThat(statusOf(new byte[0])).isEqualTo(400);

        CountingBody declared = CountingBody.zeros(8 * 1024 * 1024, true);
        assertThat(exchange(declared.publisher())).isIn(413, -1);
        CountingBody chunked = CountingBody.zeros(64 * 1024 * 1024, false);
        assertThat(exchange(chunked.publisher())).isIn(413, -1);
        // 1 MB is the limit; socket and parser buffers may add a little, reading on would add 63 MB.
        assertThat(chunked.pulled()).as("bytes the server let the client send").isLessThan(8L * 1024 * 1024);
    }

    @Test
    void theGoodItemsOfAPartlyBadBatchLandAndTheBadOnesAreDeadLettered() {
        ObjectNode list = HostileBodies.eventList("partly-bad", 10);
        List<String> good = new ArrayList<>();
        list.get("items").forEach(item -> good.add(item.get("auditID").asString()));
        ArrayNode items = (ArrayNode) list.get("items");
        items.add(42);
        items.add("an event as a string");
        items.addArray();
        ObjectNode noId = HostileBodies.withSecret(TestEvents.event(0, "x"), HostileBodies.SECRETS.get(0));
        noId.remove("auditID");
        items.add(noId);
        items.add(TestEvents.event(1, "partly-bad-badtime").put("stageTimestamp", "yesterday"));
        items.add(TestEvents.event(2, "partly-bad-baduser").put("user", "root"));

        HttpResponse<String> response = post("/v1/audit", TOKEN_A, HttpRequest.BodyPublishers.ofString(VigilJson.write(list)));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(VigilJson.write(json(response))).isEqualTo("{\"accepted\":10,\"rejected\":6}");
        assertThat(TopicRecords.read(bootstrap(), Topics.AUDIT).stream().map(TopicRecords.Entry::key)
                .filter(good::contains).collect(Collectors.toSet())).containsExactlyInAnyOrderElementsOf(good);
        List<TopicRecords.Entry> dead = TopicRecords.read(bootstrap(), Topics.DLQ).stream()
                .filter(entry -> entry.value().path("source").asString().startsWith("ingest:webhook:hostile-a"))
                .filter(entry -> entry.text().contains("partly-bad") || entry.value().path("payload").asString()
                        .matches("42|\"an event as a string\"|\\[]|.*db-credentials.*"))
                .toList();
        assertThat(dead).hasSize(6).allSatisfy(entry ->
                assertThat(entry.value().path("reason").asString()).isNotBlank());
    }

    /**
     * Issue 11: one hostile item at position 6 of a streamed EventList of 400 (over 64 KB) cost the rest of the
     * batch behind a 200. Now every item is on the audit topic or in the dead-letter topic with its bytes.
     */
    @Test
    void aHostileItemCostsNoOtherItemOfItsBatch() {
        int round = 0;
        for (var shape : HostileBodies.hostileItems().entrySet()) {
            String seed = "hostile-item-" + round++;
            List<String> items = new ArrayList<>(HostileBodies.eventTexts(seed, 400));
            String bad = shape.getValue().apply(items.get(5));
            items.set(5, bad);
            String body = HostileBodies.eventList(items);
            assertThat(body.length()).isGreaterThan(64 * 1024);
            Instant before = Instant.now();

            HttpResponse<String> response = post("/v1/audit", TOKEN_A, body);

            assertThat(response.statusCode()).as(shape.getKey()).isEqualTo(200);
            String answer = VigilJson.write(json(response));
            Map<String, TopicRecords.Entry> landed = TopicRecords.read(bootstrap(), Topics.AUDIT, "hostile-a").stream()
                    .collect(Collectors.toMap(TopicRecords.Entry::key, entry -> entry, (a, b) -> b));
            String deadText = deadLetterPayloads(before);
            boolean broken = shape.getKey().startsWith("bracket");
            for (int i = 0; i < (broken ? 5 : 400); i++) {
                if (i != 5) {
                    assertThat(landed).as("%s: item %d", shape.getKey(), i + 1).containsKey(TestEvents.auditId(seed, i));
                }
            }
            TopicRecords.Entry sixth = landed.get(TestEvents.auditId(seed, 5));
            switch (shape.getKey()) {
                case "duplicate key" -> {
                    assertThat(answer).isEqualTo("{\"accepted\":400,\"rejected\":0}");
                    assertThat(sixth.text()).as("sent on byte for byte").startsWith(bad.substring(0, bad.length() - 1));
                    assertThat(sixth.value().path("requestObject").path("a").asInt()).as("the last wins").isEqualTo(3);
                }
                case "nesting 600 deep", "60 000-character name" -> {
                    assertThat(answer).isEqualTo("{\"accepted\":400,\"rejected\":0,\"altered\":1}");
                    assertThat(sixth.value().has("requestObject")).isFalse();
                    assertThat(sixth.value().path("droppedObjects").path("requestObject").asString()).startsWith("unreadable");
                    assertThat(deadText).as(shape.getKey()).contains(bad);
                }
                case "syntax error" -> {
                    assertThat(answer).isEqualTo("{\"accepted\":399,\"rejected\":1}");
                    assertThat(sixth).isNull();
                    assertThat(deadText).as(shape.getKey()).contains(bad);
                }
                default -> {
                    JsonNode tree = json(response);
                    assertThat(tree.path("accepted").asLong()).isEqualTo(5);
                    assertThat(tree.path("unread").path("reason").asString()).contains("broken");
                    assertThat(deadText).as("every unread character").isEqualTo(body.substring(body.indexOf(bad)));
                }
            }
        }
    }

    /** The payloads of the dead letters cluster hostile-a received since {@code since}, in item and part order. */
    private static String deadLetterPayloads(Instant since) {
        return TopicRecords.read(bootstrap(), Topics.DLQ, "hostile-a").stream()
                .filter(entry -> !Instant.parse(entry.value().path("receivedAt").asString()).isBefore(since))
                .sorted(java.util.Comparator.comparing((TopicRecords.Entry entry) -> number(entry.key(), ":item-"))
                        .thenComparing(entry -> number(entry.key(), "#part-")))
                .map(entry -> entry.value().path("payload").asString())
                .collect(Collectors.joining());
    }

    private static long number(String source, String after) {
        int at = source.indexOf(after);
        if (at < 0) {
            return 0;
        }
        java.util.regex.Matcher digits = java.util.regex.Pattern.compile("\\d+").matcher(source);
        return digits.find(at + after.length()) ? Long.parseLong(digits.group()) : 0;
    }

    @Test
    void noCredentialsAWrongTokenOrAnotherClustersTokenAreNeverAccepted() {
        String body = VigilJson.write(HostileBodies.eventList("refused", 3));
        Map<String, Integer> attempts = new TreeMap<>();
        attempts.put("none", status(post("/v1/audit", null, body)));
        attempts.put("empty bearer", status(post("/v1/audit", "Bearer ", body)));
        attempts.put("wrong token", status(post("/v1/audit", "not-the-token", body)));
        attempts.put("token with a suffix", status(post("/v1/audit", TOKEN_A + "x", body)));
        attempts.put("token prefix", status(post("/v1/audit", TOKEN_A.substring(0, 10), body)));
        attempts.put("basic auth", status(post("/v1/audit", "Basic aG9zdGlsZS1hOmhvc3RpbGUtdG9rZW4tYQ==", body)));
        attempts.put("token in the query", status(post("/v1/audit?access_token=" + TOKEN_A, null, body)));
        attempts.put("token of another cluster", status(post("/v1/audit/hostile-a", "hostile-token-b", body)));

        assertThat(attempts).allSatisfy((attempt, status) -> assertThat(status).as(attempt).isIn(401, 403));
        assertThat(attempts.get("token of another cluster")).isEqualTo(403);
        Set<String> ids = Set.of(TestEvents.auditId("refused", 0), TestEvents.auditId("refused", 1),
                TestEvents.auditId("refused", 2));
        assertThat(TopicRecords.read(bootstrap(), Topics.AUDIT)).noneMatch(entry -> ids.contains(entry.key()));
        assertThat(TopicRecords.read(bootstrap(), Topics.DLQ)).noneMatch(entry -> entry.text().contains("refused"));
        // The log capture works (so the secret check after each test is not vacuous), and it names no token.
        assertThat(logs.lines()).anyMatch(line -> line.contains("Rejected an ingest request"))
                .noneMatch(line -> line.contains(TOKEN_A) || line.contains("hostile-token-b"));
    }

    @Test
    void aStalledBodyIsCutOffAndATricklingOneDoesNotStarveOthers() throws Exception {
        byte[] body = VigilJson.writeBytes(HostileBodies.eventList("slow", 3));
        try (SlowClient stalled = SlowClient.open(port, "Bearer " + TOKEN_A, body.length + 10_000)) {
            stalled.send(java.util.Arrays.copyOf(body, 100));
            SlowClient.Answer answer = stalled.awaitAnswer(Duration.ofSeconds(25));
            assertThat(answer.status() >= 500).as("stalled upload answered 5xx: %s", answer).isFalse();
            assertThat(answer.after()).as("time until cut off").isLessThan(Duration.ofSeconds(20));
        }
        try (SlowClient trickling = SlowClient.open(port, "Bearer " + TOKEN_A, body.length)) {
            trickling.trickle(body, 12, Duration.ofMillis(700));
            long started = System.nanoTime();
            HttpResponse<String> other = post("/v1/audit", TOKEN_A, VigilJson.write(HostileBodies.eventList("beside-slow", 2)));
            assertThat(other.statusCode()).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
            SlowClient.Answer answer = trickling.awaitAnswer(Duration.ofSeconds(40));
            assertThat(answer.status()).as("trickled upload: %s", answer).isBetween(200, 499);
        }
    }

    @Test
    void theHeapStaysFlatUnderHugeBodies() throws Exception {
        long before = usedHeapAfterGc();
        Random random = new Random(SEED + 1);
        for (int i = 0; i < 40; i++) {
            ObjectNode list = HostileBodies.eventList("huge-" + i, 1);
            ((ObjectNode) list.get("items").get(0)).put("userAgent", "u".repeat(700_000 + random.nextInt(200_000)));
            assertThat(statusOf(VigilJson.writeBytes(list))).isBetween(200, 499);
        }
        long growth = usedHeapAfterGc() - before;
        assertThat(growth).as("heap retained after 40 bodies of ~0.8 MB").isLessThan(64L * 1024 * 1024);
    }

    private int statusOf(byte[] body) throws InterruptedException {
        return exchange(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    /** The status, or -1 when the server closed the connection before answering (allowed only mid-upload). */
    private int exchange(HttpRequest.BodyPublisher body) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/audit"))
                .timeout(ANSWER_WITHIN).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + TOKEN_A).POST(body).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (HttpTimeoutException e) {
            throw new AssertionError("no answer within " + ANSWER_WITHIN, e);
        } catch (IOException e) {
            return -1;
        }
    }

    private HttpResponse<String> post(String path, String authorization, String body) {
        return post(path, authorization, HttpRequest.BodyPublishers.ofString(body));
    }

    private HttpResponse<String> post(String path, String authorization, HttpRequest.BodyPublisher body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(ANSWER_WITHIN).header("Content-Type", "application/json").POST(body);
        if (authorization != null) {
            request.header("Authorization", authorization.contains(" ") ? authorization : "Bearer " + authorization);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("POST " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int status(HttpResponse<String> response) {
        return response.statusCode();
    }

    private static JsonNode json(HttpResponse<String> response) {
        return VigilJson.mapper().readTree(response.body());
    }

    private static String bootstrap() {
        return EmbeddedKafkaExtension.kafka().bootstrapServers();
    }

    private static String preview(byte[] body) {
        String text = new String(body, 0, Math.min(body.length, 120), java.nio.charset.StandardCharsets.UTF_8);
        return body.length + " bytes: " + text;
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}

package dev.vigil.ingest.webhook;

import dev.vigil.ingest.TestEvents;
import dev.vigil.ingest.TopicRecords;
import dev.vigil.model.audit.AuditRecordCodec;
import dev.vigil.model.json.VigilJson;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

class AuditWebhookIT extends WebhookTestSupport {

    @Autowired
    MeterRegistry registry;

    @Test
    void anApiServerEventListOf400EventsBecomes400KeyedRecordsWithTheEnvelope() {
        ObjectNode list = TestEvents.eventList("list-400", 400);
        Map<String, JsonNode> sent = new HashMap<>();
        list.get("items").forEach(item -> sent.put(item.get("auditID").asString(), item));
        Instant before = Instant.now();

        HttpResponse<String> response = post("/v1/audit", "token-a", TestEvents.compact(list));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(VigilJson.write(json(response))).isEqualTo("{\"accepted\":400,\"rejected\":0}");
        // Answered only after Kafka acknowledged: every record is readable now, without waiting.
        List<TopicRecords.Entry> records = auditRecords(sent.keySet());
        assertThat(records).hasSize(400);
        assertThat(records).allSatisfy(record -> {
            assertThat(record.cluster()).isEqualTo("cluster-a");
            assertThat(record.value().get(AuditRecordCodec.CLUSTER).asString()).isEqualTo("cluster-a");
            assertThat(Instant.parse(record.value().get(AuditRecordCodec.RECEIVED_AT).asString()))
                    .isBetween(before, Instant.now());
            ObjectNode original = ((ObjectNode) record.value()).deepCopy();
            original.remove(List.of(AuditRecordCodec.CLUSTER, AuditRecordCodec.RECEIVED_AT));
            assertThat(original).isEqualTo(sent.get(record.key()));
            assertThat(record.value().get("auditID").asString()).isEqualTo(record.key());
        });
    }

    @Test
    void eachEventGoesOnInTheTextItArrivedInPlusTheEnvelope() {
        ObjectNode list = TestEvents.eventList("pretty", 3);
        String body = list.toPrettyString();
        List<String> ids = new java.util.ArrayList<>();
        list.get("items").forEach(item -> ids.add(item.get("auditID").asString()));

        assertThat(post("/v1/audit", "token-a", body).statusCode()).isEqualTo(200);

        List<TopicRecords.Entry> records = auditRecords(Set.copyOf(ids));
        assertThat(records).hasSize(3).allSatisfy(record -> {
            String envelope = ",\"cluster\":\"cluster-a\",\"receivedAt\":\""
                    + record.value().get("receivedAt").asString() + "\"}";
            assertThat(record.text()).endsWith(envelope);
            String original = record.text().substring(0, record.text().length() - envelope.length()) + "}";
            assertThat(original).as("the item as it stood in the body, indentation and all").contains("\n    ");
            assertThat(body).contains(original);
        });
    }

    @Test
    void acceptsASingleEventAndJsonLinesSentLikeCurlDoes() {
        ObjectNode single = TestEvents.event(1, TestEvents.auditId("single", 0));
        HttpResponse<String> one = post("/v1/audit", "token-a", single.toPrettyString());
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(json(one).get("accepted").asInt()).isEqualTo(1);

        List<String> ids = ids("lines", 3);
        String lines = IntStream.range(0, 3).mapToObj(i -> TestEvents.compact(TestEvents.event(i, ids.get(i))))
                .collect(Collectors.joining("\n", "", "\n"));
        // curl --data-binary sends application/x-www-form-urlencoded: the body must still be read as it is.
        HttpResponse<String> three = post("/v1/audit", "token-a", HttpRequest.BodyPublishers.ofString(lines),
                "application/x-www-form-urlencoded");
        assertThat(three.statusCode()).isEqualTo(200);
        assertThat(VigilJson.write(json(three))).isEqualTo("{\"accepted\":3,\"rejected\":0}");
        assertThat(auditRecords(Set.copyOf(ids))).hasSize(3);
        assertThat(auditRecords(Set.of(single.get("auditID").asString()))).hasSize(1);
    }

    @Test
    void aBodyThatIsNotJsonIs400WithTheReason() {
        assertBadRequest("this is not JSON", "not JSON");
        assertBadRequest("{\"kind\":\"EventList\",\"items\":[{\"auditID\":\"truncated-1\",\n\"stage\":", "not JSON");
        assertBadRequest("", "empty");
        assertBadRequest(gzip(TestEvents.compact(TestEvents.eventList("gzip", 2))), "gzip");
        assertThat(deadLetters("truncated-1")).isEmpty();
    }

    private void assertBadRequest(String body, String reason) {
        assertBadRequest(HttpRequest.BodyPublishers.ofString(body), reason);
    }

    private void assertBadRequest(byte[] body, String reason) {
        assertBadRequest(HttpRequest.BodyPublishers.ofByteArray(body), reason);
    }

    private void assertBadRequest(HttpRequest.BodyPublisher body, String reason) {
        HttpResponse<String> response = post("/v1/audit", "token-a", body, "application/json");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("detail").asString()).contains(reason);
    }

    @Test
    void aBadItemAmongGoodOnesGoesToTheDeadLetterTopicAndTheRestThrough() {
        ObjectNode list = TestEvents.eventList("one-bad", 5);
        ArrayNode items = (ArrayNode) list.get("items");
        ((ObjectNode) items.get(2)).remove("auditID");
        ((ObjectNode) items.get(2)).put("requestURI", "/api/v1/namespaces/shop/pods/one-bad-marker");
        List<String> good = List.of(0, 1, 3, 4).stream().map(i -> TestEvents.auditId("one-bad", i)).toList();

        HttpResponse<String> response = post("/v1/audit", "token-b", TestEvents.compact(list));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(VigilJson.write(json(response))).isEqualTo("{\"accepted\":4,\"rejected\":1}");
        assertThat(auditRecords(Set.copyOf(good))).hasSize(4).allSatisfy(r -> assertThat(r.cluster()).isEqualTo("cluster-b"));
        List<TopicRecords.Entry> dead = deadLetters("one-bad-marker");
        assertThat(dead).singleElement().satisfies(letter -> {
            assertThat(letter.key()).isEqualTo("ingest:webhook:cluster-b:item-3");
            assertThat(letter.cluster()).isEqualTo("cluster-b");
            assertThat(letter.value().get("source").asString()).isEqualTo("ingest:webhook:cluster-b:item-3");
            assertThat(letter.value().get("reason").asString()).contains("no auditID");
            assertThat(letter.value().get("cluster").asString()).isEqualTo("cluster-b");
            assertThat(VigilJson.mapper().readTree(letter.value().get("payload").asString())).isEqualTo(items.get(2));
        });
    }

    /** The status of a POST with {@code body}, or -1 when the server closed the connection before the answer arrived. */
    private int statusOrClosed(HttpRequest.BodyPublisher body) {
        try {
            return post("/v1/audit", "token-a", body, "application/json").statusCode();
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof java.io.IOException) {
                return -1;
            }
            throw e;
        }
    }

    /** Read-ahead outside the server's control: the HTTP client's own buffers and the socket buffers. */
    private static final long UNREAD_BOUND = 32L * 1024 * 1024;

    @Test
    void anOversizedBodyIs413WithoutBeingReadToTheEnd() {
        long size = 64L * 1024 * 1024;
        // Streamed without Content-Length (chunked): the limit is noticed while reading.
        OversizedEvent chunked = new OversizedEvent(size);
        HttpResponse<String> streamed = post("/v1/audit", "token-a",
                HttpRequest.BodyPublishers.ofInputStream(() -> chunked), "application/json");
        assertThat(streamed.statusCode()).isEqualTo(413);
        assertThat(json(streamed).get("detail").asString()).contains("larger than the limit");
        // The limit (2 MiB in these tests) plus what Tomcat swallows after the 413 and what the client and the
        // loopback socket buffers pull ahead before the connection closes (seen up to ~28 MiB): half the 64 MiB body.
        assertThat(chunked.served.get()).as("bytes the client was asked for").isLessThan(UNREAD_BOUND);

        // Declared too large: answered before a byte of the body is read.
        // The server answers 413 and closes without reading on; a client still sending may see the close before the
        // answer (the API server retries either way), so either counts — what matters is that the body is not read.
        OversizedEvent declared = new OversizedEvent(size);
        assertThat(statusOrClosed(HttpRequest.BodyPublishers.fromPublisher(
                HttpRequest.BodyPublishers.ofInputStream(() -> declared), size))).isIn(413, -1);
        assertThat(declared.served.get()).isLessThan(UNREAD_BOUND);
        assertThat(auditRecords(Set.of("oversized-1"))).isEmpty();
    }

    @Test
    void withoutValidCredentialsItIs401AndNothingReachesKafka() {
        List<String> ids = ids("unauthenticated", 3);
        String body = TestEvents.compact(TestEvents.eventList("unauthenticated", 3));
        for (String credentials : new String[] {null, "wrong-token", "Basic dG9rZW4tYTp0b2tlbi1h", "Bearer "}) {
            HttpResponse<String> response = post("/v1/audit", credentials, body);
            assertThat(response.statusCode()).as(String.valueOf(credentials)).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"vigil-ingest\"");
        }
        assertThat(post("/v1/audit/cluster-a", "wrong-token", body).statusCode()).isEqualTo(401);
        assertThat(auditRecords(Set.copyOf(ids))).isEmpty();
        assertThat(deadLetters(ids.get(0))).isEmpty();
    }

    @Test
    void aTokenMayOnlyPostAsItsOwnClusters() {
        List<String> ids = ids("forbidden", 2);
        HttpResponse<String> forbidden = post("/v1/audit/cluster-b", "token-a",
                TestEvents.compact(TestEvents.eventList("forbidden", 2)));
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(auditRecords(Set.copyOf(ids))).isEmpty();

        assertThat(post("/v1/audit/fleet-2", "token-fleet", TestEvents.compact(TestEvents.eventList("fleet-2", 2)))
                .statusCode()).isEqualTo(200);
        assertThat(post("/v1/audit", "token-fleet", TestEvents.compact(TestEvents.eventList("fleet-default", 2)))
                .statusCode()).isEqualTo(200);
        assertThat(post("/v1/audit/cluster-a", "token-fleet", TestEvents.compact(TestEvents.eventList("x", 1)))
                .statusCode()).isEqualTo(403);
        assertThat(auditRecords(Set.copyOf(ids("fleet-2", 2)))).extracting(TopicRecords.Entry::cluster)
                .containsExactly("fleet-2", "fleet-2");
        assertThat(auditRecords(Set.copyOf(ids("fleet-default", 2)))).extracting(TopicRecords.Entry::cluster)
                .containsExactly("fleet-1", "fleet-1");
    }

    @Test
    void countsEventsBatchesAndLatencies() {
        double accepted = count("vigil.ingest.events", "cluster", "cluster-b", "outcome", "accepted");
        double received = count("vigil.ingest.events", "cluster", "cluster-b", "outcome", "received");

        assertThat(post("/v1/audit", "token-b", TestEvents.compact(TestEvents.eventList("metrics", 7))).statusCode())
                .isEqualTo(200);

        assertThat(count("vigil.ingest.events", "cluster", "cluster-b", "outcome", "accepted")).isEqualTo(accepted + 7);
        assertThat(count("vigil.ingest.events", "cluster", "cluster-b", "outcome", "received")).isEqualTo(received + 7);
        assertThat(registry.get("vigil.ingest.batch.size").tag("cluster", "cluster-b").summary().max()).isGreaterThanOrEqualTo(7);
        assertThat(registry.get("vigil.ingest.request").tag("cluster", "cluster-b").tag("status", "200").timer().count())
                .isPositive();
        assertThat(registry.get("vigil.ingest.kafka.send").tag("topic", TOPICS.audit()).tag("outcome", "acknowledged")
                .timer().count()).isGreaterThanOrEqualTo(7);
    }

    private double count(String name, String... tags) {
        var counter = registry.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    private static List<String> ids(String seed, int count) {
        return IntStream.range(0, count).mapToObj(i -> TestEvents.auditId(seed, i)).toList();
    }

    private static byte[] gzip(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    /** One event whose requestObject holds a huge string, generated as it is read; counts the bytes served. */
    static final class OversizedEvent extends InputStream {
        private static final byte[] HEAD = ("{\"kind\":\"EventList\",\"items\":[{\"auditID\":\"oversized-1\","
                + "\"stage\":\"ResponseComplete\",\"requestObject\":{\"data\":\"").getBytes(StandardCharsets.UTF_8);
        private final long size;
        final AtomicLong served = new AtomicLong();

        OversizedEvent(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0];
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            long position = served.get();
            if (position >= size) {
                return -1;
            }
            int n = (int) Math.min(length, size - position);
            for (int i = 0; i < n; i++) {
                long at = position + i;
                buffer[offset + i] = at < HEAD.length ? HEAD[(int) at] : (byte) 'x';
            }
            served.addAndGet(n);
            return n;
        }
    }
}

package dev.vigil.ingest.webhook;

import dev.vigil.ingest.TestEvents;
import dev.vigil.ingest.TopicRecords;
import dev.vigil.model.audit.AuditRecordCodec;
import dev.vigil.model.json.VigilJson;
import dev.vigil.model.testdata.AuditTestData;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /v1/audit/firehose} as Amazon Data Firehose meets it: its headers, its JSON body with base64 records,
 * each record a CloudWatch Logs subscription payload gzipped the way CloudWatch Logs sends it (or already
 * decompressed by Firehose), on the embedded broker.
 */
class FirehoseEndpointIT extends WebhookTestSupport {

    private static final String ARN = "arn:aws:firehose:eu-central-1:111122223333:deliverystream/vigil-audit";

    @Autowired
    MeterRegistry registry;

    @Test
    void aCloudWatchDeliveryBecomesTheEventsOfTheLogGroupsClusterAndIsAnsweredAsFirehoseExpects() throws IOException {
        String payload = Files.readString(AuditTestData.file("fixtures/eks/subscription-privileged-pod.json")).strip();
        String control = Files.readString(AuditTestData.file("fixtures/eks/subscription-control-message.json")).strip();
        JsonNode logEvents = VigilJson.mapper().readTree(payload).get("logEvents");
        String requestId = "ed4acda5-034f-9f42-bba1-f29aea6d7d8f";
        Instant before = Instant.now();

        HttpResponse<String> response = deliver("firehose-key", requestId,
                delivery(requestId, gzip(control), gzip(payload)), false);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode answer = json(response);
        assertThat(answer.propertyNames()).containsExactly("requestId", "timestamp");
        assertThat(answer.get("requestId").asString()).isEqualTo(requestId);
        assertThat(answer.get("timestamp").isIntegralNumber()).isTrue();
        // Answered only after Kafka acknowledged: both events are there now, as the cluster of their log group.
        List<TopicRecords.Entry> records = auditRecords(Set.of("6f1c8f0e-2d7a-4b8e-9a51-0c3e5d7b9a21",
                "0b8e2c4d-6f1a-4c3b-8d9e-7a5b3c1d2e40"));
        assertThat(records).hasSize(2).allSatisfy(record -> {
            assertThat(record.cluster()).isEqualTo("eks-prod");
            assertThat(record.value().get(AuditRecordCodec.CLUSTER).asString()).isEqualTo("eks-prod");
            assertThat(Instant.parse(record.value().get(AuditRecordCodec.RECEIVED_AT).asString()))
                    .isBetween(before, Instant.now());
            ObjectNode original = ((ObjectNode) record.value()).deepCopy();
            original.remove(List.of(AuditRecordCodec.CLUSTER, AuditRecordCodec.RECEIVED_AT));
            JsonNode message = record.key().startsWith("6f1c") ? logEvents.get(0) : logEvents.get(1);
            assertThat(original).isEqualTo(VigilJson.mapper().readTree(message.get("message").asString()));
        });
        assertThat(registry.get("vigil.ingest.events").tags("source", "firehose", "cluster", "eks-prod",
                "outcome", "accepted").counter().count()).isGreaterThanOrEqualTo(2);
        assertThat(registry.get("vigil.ingest.request").tags("source", "firehose", "status", "200").timer().count())
                .isPositive();
    }

    @Test
    void aGzipEncodedBodyOfAlreadyDecompressedRecordsIsReadAndAMappedLogGroupNamesItsCluster() {
        List<String> ids = ids("firehose-plain", 3);
        String requestId = "4c3b2a10-0000-4000-8000-000000000001";
        byte[] body = gzip(delivery(requestId,
                subscription("/aws/eks/cluster-a/cluster", events(ids.subList(0, 2))).getBytes(StandardCharsets.UTF_8),
                subscription("/custom/audit", events(ids.subList(2, 3))).getBytes(StandardCharsets.UTF_8)));

        HttpResponse<String> response = deliver("token-a", requestId, body, true);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(auditRecords(Set.copyOf(ids))).hasSize(3)
                .allSatisfy(record -> assertThat(record.cluster()).isEqualTo("cluster-a"));
    }

    @Test
    void aBadRecordAmongGoodOnesIsDeadLetteredWithItsTextAndTheRestGoesThrough() {
        List<String> ids = ids("firehose-bad", 4);
        List<ObjectNode> events = events(ids);
        ObjectNode noId = events.get(2).deepCopy();
        noId.remove("auditID");
        noId.put("requestURI", "/api/v1/namespaces/shop/pods/firehose-bad-marker");
        String badMessages = subscription("/aws/eks/cluster-b/cluster", List.of(events.get(1), noId))
                .replace("}]}", "},{\"id\":\"9\",\"timestamp\":9,\"message\":\"E0304 firehose-bad-klog line\"}]}");
        String requestId = "4c3b2a10-0000-4000-8000-000000000002";

        HttpResponse<String> response = deliver("token-b", requestId, delivery(requestId,
                gzip(subscription("/aws/eks/cluster-b/cluster", events.subList(0, 1))),
                "firehose-bad-not-base64!".getBytes(StandardCharsets.UTF_8),
                gzip("firehose-bad-not-json"),
                gzip(badMessages),
                gzip(subscription("/aws/eks/cluster-b/cluster", events.subList(3, 4)))).replace(
                "\"" + Base64.getEncoder().encodeToString("firehose-bad-not-base64!".getBytes(StandardCharsets.UTF_8))
                        + "\"", "\"firehose-bad-not-base64!\""), false);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(auditRecords(Set.of(ids.get(0), ids.get(1), ids.get(3)))).hasSize(3)
                .allSatisfy(record -> assertThat(record.cluster()).isEqualTo("cluster-b"));
        assertThat(deadLetters("firehose-bad-not-base64!")).singleElement().satisfies(letter -> {
            assertThat(letter.key()).isEqualTo("ingest:firehose:cluster-b:" + requestId + ":record-2");
            assertThat(letter.value().get("reason").asString()).contains("not base64");
            assertThat(letter.value().get("payload").asString()).isEqualTo("firehose-bad-not-base64!");
        });
        assertThat(deadLetters("firehose-bad-not-json")).singleElement().satisfies(letter -> {
            assertThat(letter.key()).isEqualTo("ingest:firehose:cluster-b:" + requestId + ":record-3");
            assertThat(letter.value().get("reason").asString()).contains("not a CloudWatch Logs payload");
            assertThat(letter.value().get("payload").asString()).isEqualTo("firehose-bad-not-json");
        });
        assertThat(deadLetters("firehose-bad-marker")).singleElement().satisfies(letter -> {
            assertThat(letter.key()).isEqualTo("ingest:firehose:cluster-b:" + requestId + ":record-4:event-2");
            assertThat(letter.value().get("reason").asString()).contains("no auditID");
            assertThat(letter.value().get("cluster").asString()).isEqualTo("cluster-b");
            assertThat(VigilJson.mapper().readTree(letter.value().get("payload").asString())).isEqualTo(noId);
        });
        assertThat(deadLetters("firehose-bad-klog")).singleElement().satisfies(letter ->
                assertThat(letter.value().get("payload").asString()).isEqualTo("E0304 firehose-bad-klog line"));
    }

    @Test
    void withoutAValidAccessKeyItIs401InFirehosesFormatAndNothingReachesKafka() {
        List<String> ids = ids("firehose-401", 2);
        String requestId = "4c3b2a10-0000-4000-8000-000000000401";
        String body = delivery(requestId, gzip(subscription("/aws/eks/cluster-a/cluster", events(ids))));

        for (String key : new String[] {null, "", "wrong-key", "Bearer token-a"}) {
            HttpResponse<String> response = deliver(key, requestId, body.getBytes(StandardCharsets.UTF_8), false);
            assertThat(response.statusCode()).as(String.valueOf(key)).isEqualTo(401);
            assertThat(json(response).get("requestId").asString()).isEqualTo(requestId);
            assertThat(json(response).get("errorMessage").asString()).contains("access key");
        }
        // A bearer token is not a Firehose access key.
        assertThat(post(FirehoseController.PATH, "token-a", body).statusCode()).isEqualTo(401);
        assertThat(auditRecords(Set.copyOf(ids))).isEmpty();
    }

    @Test
    void aDeliveryWithALogGroupOfAClusterTheKeyMayNotDeliverForIsRefusedWhole() {
        List<String> ids = ids("firehose-403", 2);
        String requestId = "4c3b2a10-0000-4000-8000-000000000403";
        String body = delivery(requestId,
                gzip(subscription("/aws/eks/cluster-a/cluster", events(ids.subList(0, 1)))),
                gzip(subscription("/aws/eks/cluster-b/cluster", events(ids.subList(1, 2)))));

        HttpResponse<String> response = deliver("token-a", requestId, body.getBytes(StandardCharsets.UTF_8), false);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(json(response).get("requestId").asString()).isEqualTo(requestId);
        assertThat(json(response).get("errorMessage").asString()).contains("cluster-b");
        assertThat(auditRecords(Set.copyOf(ids))).as("not even the allowed record").isEmpty();
        assertThat(deadLetters(ids.get(0))).isEmpty();
    }

    @Test
    void aBodyThatIsNotAFirehoseDeliveryIs400WithTheReason() {
        for (String body : new String[] {"{\"requestId\":\"x\"}", "[1,2]", "{\"records\":{}}", "not json"}) {
            HttpResponse<String> response = deliver("token-a", "r-400", body.getBytes(StandardCharsets.UTF_8), false);
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(json(response).get("errorMessage").asString()).contains("not a Firehose delivery");
        }
    }

    @Test
    void aBodyOverTheLimitIs500SoThatFirehoseRetriesItAndKeepsItInItsBackupInsteadOfDroppingIt() {
        String requestId = "4c3b2a10-0000-4000-8000-000000000500";
        // One record of 3 MiB of base64, over the 2 MiB limit of these tests.
        byte[] body = ("{\"requestId\":\"" + requestId + "\",\"timestamp\":1741079702187,\"records\":[{\"data\":\""
                + "QUFB".repeat(3 * 1024 * 1024 / 4) + "\"}]}").getBytes(StandardCharsets.UTF_8);
        double refusedBefore = refusedForSize();

        // Declared too large: answered before the body is read; streamed (chunked): noticed while reading.
        HttpResponse<String> declared = deliver("token-a", requestId, HttpRequest.BodyPublishers.ofByteArray(body),
                false);
        HttpResponse<String> streamed = deliver("token-a", requestId,
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)), false);

        for (HttpResponse<String> response : List.of(declared, streamed)) {
            // Not 413: Firehose drops a delivery answered 413 for good, even from its S3 backup.
            assertThat(response.statusCode()).isEqualTo(500);
            assertThat(json(response).get("requestId").asString()).isEqualTo(requestId);
            assertThat(json(response).get("errorMessage").asString())
                    .contains("larger than the limit", "vigil.ingest.max-body-size");
        }
        assertThat(refusedForSize() - refusedBefore).isEqualTo(2);
    }

    private double refusedForSize() {
        var counter = registry.find("vigil.ingest.requests.refused")
                .tags("source", "firehose", "cluster", "cluster-a", "reason", "body-too-large").counter();
        return counter == null ? 0 : counter.count();
    }

    private HttpResponse<String> deliver(String accessKey, String requestId, String body, boolean gzip) {
        return deliver(accessKey, requestId, body.getBytes(StandardCharsets.UTF_8), gzip);
    }

    private HttpResponse<String> deliver(String accessKey, String requestId, byte[] body, boolean gzip) {
        return deliver(accessKey, requestId, HttpRequest.BodyPublishers.ofByteArray(body), gzip);
    }

    /** A request with the headers Firehose sends. */
    private HttpResponse<String> deliver(String accessKey, String requestId, HttpRequest.BodyPublisher body,
                                         boolean gzip) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + FirehoseController.PATH))
                .timeout(Duration.ofSeconds(40))
                .header("Content-Type", "application/json")
                .header("X-Amz-Firehose-Protocol-Version", "1.0")
                .header("X-Amz-Firehose-Request-Id", requestId)
                .header("X-Amz-Firehose-Source-Arn", ARN)
                .header("X-Amz-Firehose-Common-Attributes", "{\"commonAttributes\":{\"env\":\"test\"}}")
                .POST(body);
        if (accessKey != null) {
            request.header("X-Amz-Firehose-Access-Key", accessKey);
        }
        if (gzip) {
            request.header("Content-Encoding", "gzip");
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Firehose's request body: each record's data in base64. */
    static String delivery(String requestId, byte[]... records) {
        StringBuilder body = new StringBuilder("{\"requestId\":\"" + requestId + "\",\"timestamp\":"
                + System.currentTimeMillis() + ",\"records\":[");
        for (int i = 0; i < records.length; i++) {
            body.append(i == 0 ? "" : ",").append("{\"data\":\"")
                    .append(Base64.getEncoder().encodeToString(records[i])).append("\"}");
        }
        return body.append("]}").toString();
    }

    /** A CloudWatch Logs subscription payload of {@code events}, one log event each, as CloudWatch writes it. */
    static String subscription(String logGroup, List<ObjectNode> events) {
        ObjectNode payload = VigilJson.mapper().createObjectNode();
        payload.put("messageType", "DATA_MESSAGE");
        payload.put("owner", "111122223333");
        payload.put("logGroup", logGroup);
        payload.put("logStream", "kube-apiserver-audit-0123456789abcdef0123456789abcdef");
        payload.putArray("subscriptionFilters").add("vigil-audit");
        var logEvents = payload.putArray("logEvents");
        for (int i = 0; i < events.size(); i++) {
            logEvents.addObject().put("id", "3880730528273542049876621734643665187342018765432109" + i)
                    .put("timestamp", 1741079702187L + i).put("message", TestEvents.compact(events.get(i)));
        }
        return VigilJson.write(payload);
    }

    static List<ObjectNode> events(List<String> ids) {
        List<ObjectNode> events = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            events.add(TestEvents.event(i % 3, ids.get(i)));
        }
        return events;
    }

    static List<String> ids(String seed, int count) {
        return IntStream.range(0, count).mapToObj(i -> TestEvents.auditId(seed, i)).toList();
    }

    static byte[] gzip(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }
}

package dev.vigil.ingest.hostile;

import dev.vigil.embedded.EmbeddedKafkaExtension;
import dev.vigil.embedded.WithEmbeddedKafka;
import dev.vigil.ingest.IngestTestApplication;
import dev.vigil.ingest.TestEvents;
import dev.vigil.ingest.TopicRecords;
import dev.vigil.ingest.cloud.CloudSamples;
import dev.vigil.model.json.VigilJson;
import dev.vigil.model.kafka.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Slow-loris senders with a valid token: a credential with as many slow bodies in progress as it may have gets 429
 * with {@code Retry-After} for the next one, while another cluster's token is served at once; a body trickled past
 * the read deadline is answered 408 on a closed connection and nothing of it reaches Kafka; a refused body is not
 * drained at the sender's pace; the Pub/Sub push endpoint keeps the same deadline. The deadline and the limits are
 * small here so that the test takes seconds.
 */
@WithEmbeddedKafka
@SpringBootTest(classes = IngestTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "vigil.roles=ingest",
                "server.address=127.0.0.1",
                // Longer than the deadline: what cuts a trickling body off is the deadline, not the socket timeout.
                "server.tomcat.connection-timeout=20s",
                "vigil.ingest.tokens[0].token=slow-token-a",
                "vigil.ingest.tokens[0].cluster=slow-a",
                "vigil.ingest.tokens[1].token=slow-token-b",
                "vigil.ingest.tokens[1].cluster=slow-b",
                "vigil.ingest.body-read-timeout=3s",
                "vigil.ingest.max-concurrent-requests-per-credential=" + SlowSenderIT.LIMIT,
                "vigil.ingest.max-concurrent-requests=5",
                "vigil.ingest.retry-after=2s",
                "vigil.ingest.ack-timeout=4s",
                "vigil.ingest.producer.delivery-timeout=3s",
                "vigil.ingest.producer.request-timeout=1s",
                "vigil.ingest.producer.max-block=2s"})
class SlowSenderIT {

    static final int LIMIT = 3;
    static final Duration DEADLINE = Duration.ofSeconds(3);
    static final String TOKEN_A = "slow-token-a";
    static final String TOKEN_B = "slow-token-b";

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry registry;

    @Test
    void aCredentialAtItsLimitGets429WhileAnotherClustersBatchIsServedPromptly() throws Exception {
        List<SlowClient> slow = new ArrayList<>();
        try {
            for (int i = 0; i < LIMIT; i++) {
                byte[] body = VigilJson.writeBytes(HostileBodies.eventList("held-" + i, 2));
                SlowClient client = SlowClient.open(port, "Bearer " + TOKEN_A, body.length);
                client.trickle(body, body.length, Duration.ofMillis(200));
                slow.add(client);
            }
            String probe = VigilJson.write(HostileBodies.eventList("beside-held", 1));
            // The slow bodies hold their places once the server has read their headers, a moment after they connect.
            HttpResponse<String> refused = await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                    .until(() -> post(TOKEN_A, probe), response -> response.statusCode() == 429);

            assertThat(refused.headers().firstValue("Retry-After")).hasValue("2");
            assertThat(json(refused.body()).get("reason").asString()).isEqualTo("credential-limit");
            assertThat(json(refused.body()).get("status").asInt()).isEqualTo(429);

            List<String> others = ids("other-cluster", 2);
            long started = System.nanoTime();
            HttpResponse<String> other = post(TOKEN_B, VigilJson.write(HostileBodies.eventList("other-cluster", 2)));
            assertThat(other.statusCode()).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("another cluster's batch")
                    .isLessThan(Duration.ofSeconds(5));
            assertThat(audited(others)).containsExactlyInAnyOrderElementsOf(others);

            for (SlowClient client : slow) {
                SlowClient.Response cutOff = client.awaitResponse(Duration.ofSeconds(20));
                assertThat(cutOff.status()).as("held body: %s", cutOff).isEqualTo(408);
                assertThat(json(cutOff.body()).get("reason").asString()).isEqualTo("body-read-timeout");
            }
        } finally {
            for (SlowClient client : slow) {
                client.close();
            }
        }
        // The places are given back: the credential is served again.
        assertThat(post(TOKEN_A, VigilJson.write(HostileBodies.eventList("after-held", 1))).statusCode()).isEqualTo(200);
        assertThat(registry.counter("vigil.ingest.requests.refused", "source", "webhook", "cluster", "slow-a", "reason", "credential-limit")
                .count()).isGreaterThanOrEqualTo(1);
        assertThat(registry.counter("vigil.ingest.requests.refused", "source", "webhook", "cluster", "slow-a", "reason", "body-read-timeout")
                .count()).isGreaterThanOrEqualTo(LIMIT);
        assertThat(audited(IntStream.range(0, LIMIT).mapToObj(i -> ids("held-" + i, 2)).flatMap(List::stream).toList()))
                .as("records of bodies cut off").isEmpty();
    }

    @Test
    void aBodyTrickledPastTheDeadlineIsAnswered408AndNothingOfItIsProduced() throws Exception {
        byte[] body = VigilJson.writeBytes(HostileBodies.eventList("trickled", 3));
        List<String> ids = ids("trickled", 3);
        SlowClient.Response response;
        try (SlowClient client = SlowClient.open(port, "Bearer " + TOKEN_A, body.length)) {
            // One byte every 100 ms: the whole body would take minutes, the deadline ends it after 3 s.
            client.trickle(body, body.length, Duration.ofMillis(100));
            response = client.awaitResponse(Duration.ofSeconds(20));
        }

        assertThat(response.status()).as("%s", response).isEqualTo(408);
        assertThat(response.after()).isGreaterThanOrEqualTo(DEADLINE).isLessThan(DEADLINE.multipliedBy(3));
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.header("Connection")).isEqualTo("close");
        assertThat(response.closed()).as("connection closed after the answer").isTrue();
        JsonNode problem = json(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(408);
        assertThat(problem.get("reason").asString()).isEqualTo("body-read-timeout");
        assertThat(problem.get("detail").asString()).contains("3000 ms", "send it again");

        assertThat(audited(ids)).as("records of the trickled body").isEmpty();
        assertThat(TopicRecords.read(bootstrap(), Topics.DLQ))
                .noneMatch(entry -> ids.stream().anyMatch(entry.text()::contains));
    }

    @Test
    void aPubSubPushTrickledPastTheDeadlineIsAnswered408AndNothingOfItIsProduced() throws Exception {
        String marker = TestEvents.auditId("trickled-push", 0);
        ObjectNode entry = (ObjectNode) CloudSamples.json(CloudSamples.GKE_PRIVILEGED_POD);
        ((ObjectNode) entry.get("operation")).put("id", marker);
        ((ObjectNode) entry.at("/resource/labels")).put("cluster_name", "slow-a");
        byte[] body = ("{\"message\":{\"data\":\"" + Base64.getEncoder().encodeToString(VigilJson.writeBytes(entry))
                + "\",\"messageId\":\"1\"},\"subscription\":\"projects/p/subscriptions/s\"}")
                .getBytes(StandardCharsets.UTF_8);
        SlowClient.Response response;
        try (SlowClient client = SlowClient.open(port, "/v1/audit/pubsub?token=" + TOKEN_A, null, body.length)) {
            client.trickle(body, body.length, Duration.ofMillis(100));
            response = client.awaitResponse(Duration.ofSeconds(20));
        }

        assertThat(response.status()).as("%s", response).isEqualTo(408);
        assertThat(response.after()).isGreaterThanOrEqualTo(DEADLINE).isLessThan(DEADLINE.multipliedBy(3));
        assertThat(response.closed()).as("connection closed after the answer").isTrue();
        assertThat(json(response.body()).get("reason").asString()).isEqualTo("body-read-timeout");
        assertThat(registry.counter("vigil.ingest.cloud.refused", "source", "gke", "reason", "body-read-timeout")
                .count()).isGreaterThanOrEqualTo(1);
        assertThat(TopicRecords.read(bootstrap(), Topics.AUDIT)).noneMatch(record -> record.text().contains(marker));
        assertThat(TopicRecords.read(bootstrap(), Topics.DLQ)).noneMatch(letter -> letter.text().contains(marker));
    }

    @Test
    void aRefusedBodyIsNotDrainedAtTheSendersPace() throws Exception {
        byte[] body = VigilJson.writeBytes(HostileBodies.eventList("undrained", 3));
        SlowClient.Response response;
        try (SlowClient client = SlowClient.open(port, "Bearer not-a-token", body.length)) {
            client.trickle(body, body.length, Duration.ofMillis(100));
            response = client.awaitResponse(Duration.ofSeconds(10));
        }

        assertThat(response.status()).isEqualTo(401);
        // Tomcat would otherwise read the rest of the body, a byte every 100 ms, before freeing the thread.
        assertThat(response.closed()).as("connection closed right after the answer").isTrue();
    }

    private static List<String> ids(String seed, int size) {
        return IntStream.range(0, size).mapToObj(i -> TestEvents.auditId(seed, i)).toList();
    }

    private static Set<String> audited(List<String> ids) {
        return TopicRecords.read(bootstrap(), Topics.AUDIT).stream().map(TopicRecords.Entry::key)
                .filter(ids::contains).collect(Collectors.toSet());
    }

    private HttpResponse<String> post(String token, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/audit"))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(String body) {
        return VigilJson.mapper().readTree(body);
    }

    private static String bootstrap() {
        return EmbeddedKafkaExtension.kafka().bootstrapServers();
    }
}

package dev.vigil.console.deadletters;

import dev.vigil.alerting.dlq.DeadLetterPublisher;
import dev.vigil.console.ConsoleApiTest;
import dev.vigil.console.ConsoleUsersForTests;
import dev.vigil.console.triage.TriageIT;
import dev.vigil.console.triage.TriageTestApplication;
import dev.vigil.embedded.EmbeddedOpenSearchExtension;
import dev.vigil.model.dlq.DeadLetter;
import dev.vigil.model.json.VigilJson;
import dev.vigil.model.kafka.KafkaClientSettings;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /v1/dead-letters} reading the real broker's dead-letter topic, for admins only. */
@ConsoleApiTest
class DeadLetterApiIT {

    private final String id = UUID.randomUUID().toString().substring(0, 8);
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    private int port;
    @Autowired
    private KafkaClientSettings kafka;

    @DynamicPropertySource
    static void openSearch(DynamicPropertyRegistry registry) {
        registry.add("vigil.opensearch.url", () -> EmbeddedOpenSearchExtension.openSearch().url());
    }

    @Test
    void showsDeadLettersNewestFirstRedactedAndCountedByReason() throws Exception {
        Instant now = Instant.now();
        try (DeadLetterPublisher publisher = new DeadLetterPublisher(kafka, TriageTestApplication.DLQ_TOPIC, "dlq-it")) {
            publisher.publish(new DeadLetter("ingest:webhook-" + id, "not JSON: Unexpected character ('x' (code 120))",
                    "x{broken", now.minusSeconds(30), "prod-" + id));
            publisher.publish(new DeadLetter("ingest:webhook-" + id, "not JSON: Unexpected end-of-input at line 3",
                    "{\"kind\":\"Event\",", now.minusSeconds(20), "prod-" + id));
            publisher.publish(new DeadLetter("alerting:it.evidence." + id + "/0@7",
                    "OpenSearch rejected the evidence document a-1 for index vigil-audit-2024.01.01: 400 mapper",
                    "{\"requestObject\":{\"spec\":{\"url\":\"postgres://app:s3cr3t-pw-" + id + "@db:5432/shop\"}}}",
                    now.minusSeconds(10), "prod-" + id));
        }
        sendRaw("garbage-" + id + " that is no dead letter");

        JsonNode page = get("/v1/dead-letters?since=1h&source=" + id, "ada");
        assertThat(page.path("total").asLong()).isEqualTo(3);
        List<String> sources = new ArrayList<>();
        page.path("dead_letters").forEach(letter -> sources.add(letter.path("source").asString()));
        assertThat(sources).containsExactly("alerting:it.evidence." + id + "/0@7", "ingest:webhook-" + id,
                "ingest:webhook-" + id);
        JsonNode newest = page.path("dead_letters").get(0);
        assertThat(newest.path("payload").asString()).doesNotContain("s3cr3t-pw").contains("[REDACTED]");
        assertThat(newest.path("cluster").asString()).isEqualTo("prod-" + id);
        assertThat(newest.path("received_at").asString()).isNotBlank();
        assertThat(page.path("by_reason").get(0).path("key").asString()).isEqualTo("not JSON");
        assertThat(page.path("by_reason").get(0).path("count").asLong()).isEqualTo(2);
        assertThat(page.path("by_source").get(0).path("key").asString()).isEqualTo("ingest");

        assertThat(get("/v1/dead-letters?since=1h&source=" + id + "&reason=end-of-input", "ada").path("total")
                .asLong()).isEqualTo(1);
        assertThat(get("/v1/dead-letters?since=" + Instant.now().plusSeconds(60) + "&source=" + id, "ada")
                .path("total").asLong()).isZero();
        assertThat(get("/v1/dead-letters?since=1h&reason=not+a+dead-letter+record", "ada").path("dead_letters")
                .findValuesAsString("payload")).anyMatch(payload -> payload.contains("garbage-" + id));
    }

    @Test
    void onlyAdminsSeeDeadLettersAndBadParametersAre400() throws Exception {
        assertThat(send("/v1/dead-letters", "vera").statusCode()).isEqualTo(403);
        assertThat(send("/v1/dead-letters", "ana").statusCode()).isEqualTo(403);
        assertThat(send("/v1/dead-letters?since=yesterday", "ada").statusCode()).isEqualTo(400);
        assertThat(send("/v1/dead-letters?size=0", "ada").statusCode()).isEqualTo(400);
    }

    private void sendRaw(String text) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(kafka.clientConfig(), new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(TriageTestApplication.DLQ_TOPIC, "raw",
                    text.getBytes(StandardCharsets.UTF_8))).get();
        }
    }

    private JsonNode get(String path, String user) throws Exception {
        HttpResponse<String> response = send(path, user);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return VigilJson.mapper().readTree(response.body());
    }

    private HttpResponse<String> send(String path, String user) throws Exception {
        return http.send(ConsoleUsersForTests.basic(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)),
                user, TriageIT.PASSWORD).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}

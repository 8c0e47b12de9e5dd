package dev.vigil.console.stream;

import dev.vigil.console.ConsoleIntegrationTest;
import dev.vigil.console.ConsoleTestApplication;
import dev.vigil.embedded.EmbeddedKafkaExtension;
import dev.vigil.model.alert.Alert;
import dev.vigil.model.alert.RuleRef;
import dev.vigil.model.alert.Severity;
import dev.vigil.model.alert.Threat;
import dev.vigil.model.alert.VigilAlertInfo;
import dev.vigil.model.ecs.EcsEvent;
import dev.vigil.model.ecs.EcsSource;
import dev.vigil.model.ecs.EcsUser;
import dev.vigil.model.ecs.EcsUserAgent;
import dev.vigil.model.ecs.Orchestrator;
import dev.vigil.model.json.VigilJson;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static dev.vigil.console.ConsoleUsersForTests.VIEWER;
import static dev.vigil.console.ConsoleUsersForTests.VIEWER_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code GET /v1/alerts/stream} on the real embedded Kafka: alerts written to the topic reach open streams live. */
@ConsoleIntegrationTest
class AlertStreamIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static KafkaProducer<String, String> producer;

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void producer() {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedKafkaExtension.kafka().bootstrapServers(),
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000),
                new StringSerializer(), new StringSerializer());
    }

    @AfterAll
    static void closeProducer() {
        producer.close();
    }

    @Test
    void newAlertsReachEveryOpenStream() throws Exception {
        try (SseClient first = openLive(); SseClient second = openLive()) {
            Alert alert = alert(1);

            send(alert.id(), VigilJson.write(alert));

            for (SseClient stream : List.of(first, second)) {
                await().atMost(WAIT).untilAsserted(() -> assertThat(stream.events("alert")).anySatisfy(event -> {
                    assertThat(event.id()).isEqualTo(alert.id());
                    JsonNode document = VigilJson.mapper().readTree(event.data());
                    assertThat(document.path("message").asString()).isEqualTo(alert.message());
                    assertThat(document.path("vigil").path("severity").asString()).isEqualTo("critical");
                    assertThat(document.path("orchestrator").path("cluster").path("name").asString()).isEqualTo("prod-1");
                }));
            }
        }
    }

    @Test
    void anAlertUpdatedByDedupArrivesAgainWithTheSameId() throws Exception {
        try (SseClient stream = openLive()) {
            Alert first = alert(1);
            Alert repeated = first.repeated(first.timestamp().plusSeconds(30), "audit-2");

            send(first.id(), VigilJson.write(first));
            send(repeated.id(), VigilJson.write(repeated));

            await().atMost(WAIT).untilAsserted(() -> assertThat(ofId(stream, first.id())).hasSize(2));
            List<SseClient.Event> events = ofId(stream, first.id());
            assertThat(VigilJson.mapper().readTree(events.get(0).data()).path("vigil").path("count").asLong()).isEqualTo(1);
            assertThat(VigilJson.mapper().readTree(events.get(1).data()).path("vigil").path("count").asLong()).isEqualTo(2);
        }
    }

    @Test
    void recordsThatAreNoAlertAreSkipped() throws Exception {
        try (SseClient stream = openLive()) {
            String key = "broken-" + UUID.randomUUID();
            Alert good = alert(1);

            send(key, "this is { not json");
            send(key, "[\"an array, not an alert\"]");
            send(good.id(), VigilJson.write(good));

            await().atMost(WAIT).untilAsserted(() -> assertThat(ofId(stream, good.id())).hasSize(1));
            assertThat(stream.events("alert")).noneMatch(event -> key.equals(event.id()) || event.data().contains("not json"));
        }
    }

    @Test
    void idleStreamsGetKeepAliveComments() {
        try (SseClient stream = openLive()) {
            await().atMost(WAIT).untilAsserted(() -> assertThat(stream.comments()).contains("keep-alive"));
        }
    }

    @Test
    void theStreamRequiresLogin() throws Exception {
        try (SseClient stream = SseClient.open(http, streamUrl(), null)) {
            assertThat(stream.head().get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(401);
        }
    }

    private SseClient openLive() {
        String credentials = Base64.getEncoder()
                .encodeToString((VIEWER + ":" + VIEWER_PASSWORD).getBytes(StandardCharsets.UTF_8));
        SseClient stream = SseClient.open(http, streamUrl(), "Basic " + credentials);
        await().atMost(WAIT).untilAsserted(() -> assertThat(stream.events("status"))
                .anySatisfy(status -> assertThat(status.data()).isEqualTo("{\"live\":true}")));
        assertThat(stream.head()).isCompletedWithValueMatching(head -> head.statusCode() == 200
                && head.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        return stream;
    }

    private static List<SseClient.Event> ofId(SseClient stream, String id) {
        return stream.events("alert").stream().filter(event -> id.equals(event.id())).toList();
    }

    private static void send(String key, String value) throws Exception {
        producer.send(new ProducerRecord<>(ConsoleTestApplication.ALERTS_TOPIC, key, value)).get();
    }

    private URI streamUrl() {
        return URI.create("http://127.0.0.1:" + port + "/v1/alerts/stream");
    }

    private static Alert alert(long count) {
        Instant at = Instant.parse("2026-11-23T10:15:30Z");
        String id = "anonymous-admin-action-" + UUID.randomUUID();
        return new Alert(at, "Anonymous user created clusterrolebindings/pwn (allowed)",
                new EcsEvent("alert", id, at.plusMillis(250), Severity.CRITICAL.score(), List.of("iam"), "vigil.alert",
                        null, null),
                new RuleRef("anonymous-admin-action", "Anonymous admin action", "…", "1", "vigil-core", "BSI APP.4.4.A3"),
                Threat.mitre(List.of("T1078.001")),
                EcsUser.of("system:anonymous", List.of("system:unauthenticated")),
                new EcsSource("203.0.113.7"), new EcsUserAgent("curl/8.5.0"),
                Orchestrator.kubernetes("prod-1", "kube-system", "clusterrolebindings", "pwn",
                        "rbac.authorization.k8s.io/v1"),
                new VigilAlertInfo(Severity.CRITICAL, List.of("APP.4.4.A3"), count, at, at,
                        new VigilAlertInfo.Evidence(List.of("audit-1"), null)));
    }
}

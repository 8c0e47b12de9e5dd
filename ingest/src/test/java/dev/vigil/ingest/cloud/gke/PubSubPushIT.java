package dev.vigil.ingest.cloud.gke;

import dev.vigil.embedded.EmbeddedKafkaExtension;
import dev.vigil.embedded.WithEmbeddedKafka;
import dev.vigil.ingest.IngestTestApplication;
import dev.vigil.ingest.TopicRecords;
import dev.vigil.ingest.cloud.CloudSamples;
import dev.vigil.model.audit.AuditRecordCodec;
import dev.vigil.model.json.VigilJson;
import dev.vigil.model.kafka.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Pub/Sub push endpoint as Pub/Sub meets it: byte-exact push bodies (base64 LogEntry in {@code message.data})
 * over HTTP, Google-style OIDC tokens signed with a key published on a real local JWK endpoint, the embedded broker
 * behind; refused deliveries leave nothing in Kafka.
 */
@WithEmbeddedKafka
@SpringBootTest(classes = IngestTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "vigil.roles=ingest",
                "server.address=127.0.0.1",
                "vigil.ingest.tokens[0].token=token-gke-prod",
                "vigil.ingest.tokens[0].cluster=gke-prod-1",
                "vigil.ingest.tokens[1].token=token-elsewhere",
                "vigil.ingest.tokens[1].cluster=elsewhere",
                "vigil.sources.gke.audience=" + PubSubPushIT.AUDIENCE,
                "vigil.sources.gke.subscribers[0].email=" + PubSubPushIT.PUSHER,
                "vigil.sources.gke.subscribers[0].clusters=gke-prod-1",
                "server.tomcat.accesslog.enabled=true",
                "server.tomcat.accesslog.buffered=false",
                "server.tomcat.accesslog.prefix=pubsub-access",
                "server.tomcat.accesslog.pattern=common"})
class PubSubPushIT {

    static final String AUDIENCE = "https://vigil.example.com/v1/audit/pubsub";
    static final String PUSHER = "pubsub-push@example-project.iam.gserviceaccount.com";
    private static final Topics TOPICS = Topics.defaults();
    private static final GoogleKeys GOOGLE = new GoogleKeys();
    private static final Path ACCESS_LOGS;

    static {
        try {
            ACCESS_LOGS = Files.createTempDirectory("vigil-access-log");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void google(DynamicPropertyRegistry registry) {
        registry.add("vigil.sources.gke.jwk-set-uri", GOOGLE::jwkSetUri);
        registry.add("server.tomcat.accesslog.directory", ACCESS_LOGS::toString);
    }

    @AfterAll
    static void stopGoogle() {
        GOOGLE.close();
    }

    @Test
    void anOidcPushOfAPrivilegedPodCreateIsAnsweredAfterKafkaAcknowledgedIt() {
        String auditID = UUID.randomUUID().toString();
        Instant before = Instant.now();

        HttpResponse<String> response = push("", "Bearer " + GOOGLE.token(AUDIENCE, PUSHER), pushBody(entry(auditID)));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"accepted\":1,\"rejected\":0}");
        // Answered only after Kafka acknowledged: readable now, without waiting.
        List<TopicRecords.Entry> records = audit(auditID);
        assertThat(records).singleElement().satisfies(record -> {
            assertThat(record.cluster()).isEqualTo("gke-prod-1");
            JsonNode event = record.value();
            assertThat(event.get(AuditRecordCodec.CLUSTER).asString()).isEqualTo("gke-prod-1");
            assertThat(Instant.parse(event.get(AuditRecordCodec.RECEIVED_AT).asString())).isBetween(before, Instant.now());
            assertThat(event.get("verb").asString()).isEqualTo("create");
            assertThat(event.at("/objectRef/name").asString()).isEqualTo("debug-shell");
            assertThat(event.at("/requestObject/spec/containers/0/securityContext/privileged").asBoolean()).isTrue();
        });
        assertThat(GOOGLE.fetches()).as("the key set is cached").isLessThanOrEqualTo(2);
    }

    @Test
    void aMalformedLogEntryIsDeadLetteredAndAnswered200SoPubSubDoesNotRedeliverIt() {
        String marker = "malformed-" + UUID.randomUUID();
        String notJson = "{\"insertId\":\"" + marker + "\",\"protoPayload\":";
        String token = "Bearer " + GOOGLE.token(AUDIENCE, PUSHER);

        HttpResponse<String> broken = push("", token, pushBody(notJson));
        ObjectNode notAudit = (ObjectNode) VigilJson.mapper().readTree("{\"insertId\":\"" + marker + "-text\","
                + "\"textPayload\":\"hello\",\"resource\":{\"type\":\"k8s_cluster\",\"labels\":{\"cluster_name\":\"gke-prod-1\"}}}");
        HttpResponse<String> foreign = push("", token, pushBody(notAudit.toString()));

        assertThat(broken.statusCode()).isEqualTo(200);
        assertThat(broken.body()).isEqualTo("{\"accepted\":0,\"rejected\":1}");
        assertThat(foreign.statusCode()).isEqualTo(200);
        List<TopicRecords.Entry> letters = deadLetters(marker);
        assertThat(letters).hasSize(2);
        assertThat(letters).anySatisfy(letter -> {
            assertThat(letter.value().get("payload").asString()).isEqualTo(notJson);
            assertThat(letter.value().get("reason").asString()).startsWith("message.data is not a JSON LogEntry");
            assertThat(letter.value().get("cluster").asString()).isEqualTo("gke-prod-1");
            assertThat(letter.key()).startsWith("ingest:gke:gke-prod-1:message-");
        });
        assertThat(letters).anySatisfy(letter ->
                assertThat(letter.value().get("reason").asString()).contains("no protoPayload"));
    }

    @Test
    void tokensThatAreForgedExpiredForAnotherAudienceOrAnotherAccountAre401AndReachNothing() {
        Instant now = Instant.now();
        List<String> refused = List.of(
                GOOGLE.signForeign(GOOGLE.claims(AUDIENCE, PUSHER, now).build()),
                GOOGLE.sign(GOOGLE.claims(AUDIENCE, PUSHER, now.minusSeconds(7200)).build()),
                GOOGLE.sign(GOOGLE.claims("https://other.example.com/push", PUSHER, now).build()),
                GOOGLE.sign(GOOGLE.claims(AUDIENCE, PUSHER, now).issuer("https://evil.example.com").build()),
                GOOGLE.sign(GOOGLE.claims(AUDIENCE, PUSHER, now).claim("email_verified", false).build()),
                GOOGLE.sign(GOOGLE.claims(AUDIENCE, PUSHER, now.plusSeconds(600)).build()),
                GOOGLE.token(AUDIENCE, "someone-else@example-project.iam.gserviceaccount.com"),
                "not-a-jwt");
        String auditID = UUID.randomUUID().toString();

        for (String token : refused) {
            HttpResponse<String> response = push("", "Bearer " + token, pushBody(entry(auditID)));
            assertThat(response.statusCode()).as(token).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"vigil-ingest\"");
        }
        assertThat(push("", null, pushBody(entry(auditID))).statusCode()).isEqualTo(401);
        assertThat(push("?token=wrong", null, pushBody(entry(auditID))).statusCode()).isEqualTo(401);

        assertThat(audit(auditID)).isEmpty();
        assertThat(deadLetters(auditID)).isEmpty();
    }

    @Test
    void anIngestTokenInTheQueryWorksWithoutOidcAndNeverReachesTheAccessLog() throws IOException {
        String auditID = UUID.randomUUID().toString();

        HttpResponse<String> response = push("?token=token-gke-prod", null, pushBody(entry(auditID)));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(audit(auditID)).singleElement()
                .satisfies(record -> assertThat(record.cluster()).isEqualTo("gke-prod-1"));
        await().atMost(Duration.ofSeconds(10)).until(() -> accessLog().contains("token=[REDACTED]"));
        assertThat(accessLog()).contains("POST /v1/audit/pubsub?token=[REDACTED] HTTP/1.1\" 200")
                .doesNotContain("token-gke-prod");
    }

    @Test
    void aClusterTheCredentialsMayNotDeliverIs403AndReachesNothing() {
        String auditID = UUID.randomUUID().toString();
        ObjectNode otherCluster = entry(auditID);
        ((ObjectNode) otherCluster.at("/resource/labels")).put("cluster_name", "gke-staging");

        HttpResponse<String> oidc = push("", "Bearer " + GOOGLE.token(AUDIENCE, PUSHER), pushBody(otherCluster));
        HttpResponse<String> token = push("?token=token-elsewhere", null, pushBody(entry(auditID)));

        assertThat(oidc.statusCode()).isEqualTo(403);
        assertThat(token.statusCode()).isEqualTo(403);
        assertThat(json(token).get("instance").asString()).isEqualTo("/v1/audit/pubsub");
        assertThat(audit(auditID)).isEmpty();
        assertThat(deadLetters(auditID)).isEmpty();
    }

    /** The sample LogEntry with its own operation id (the auditID), so that tests sharing the topic tell theirs apart. */
    private static ObjectNode entry(String auditID) {
        ObjectNode entry = (ObjectNode) CloudSamples.json(CloudSamples.GKE_PRIVILEGED_POD);
        ((ObjectNode) entry.get("operation")).put("id", auditID);
        entry.put("insertId", auditID);
        return entry;
    }

    /** Pub/Sub's push body, exactly as it documents it. */
    private static String pushBody(Object logEntry) {
        String data = Base64.getEncoder().encodeToString(logEntry.toString().getBytes(StandardCharsets.UTF_8));
        return "{\"message\":{\"attributes\":{\"logging.googleapis.com/timestamp\":\"2024-05-14T09:21:07.412345Z\"},"
                + "\"data\":\"" + data + "\",\"messageId\":\"2070443601311540\",\"message_id\":\"2070443601311540\","
                + "\"publishTime\":\"2024-05-14T09:21:10.749Z\",\"publish_time\":\"2024-05-14T09:21:10.749Z\"},"
                + "\"subscription\":\"projects/example-project/subscriptions/vigil-gke-audit\"}";
    }

    private HttpResponse<String> push(String query, String authorization, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + PubSubPushController.PATH + query))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("User-Agent", "APIs-Google; (+https://developers.google.com/webmasters/APIs-Google.html)")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
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

    private static JsonNode json(HttpResponse<String> response) {
        return VigilJson.mapper().readTree(response.body());
    }

    private static List<TopicRecords.Entry> audit(String auditID) {
        return TopicRecords.read(EmbeddedKafkaExtension.kafka().bootstrapServers(), TOPICS.audit()).stream()
                .filter(entry -> auditID.equals(entry.key()))
                .toList();
    }

    private static List<TopicRecords.Entry> deadLetters(String marker) {
        return TopicRecords.read(EmbeddedKafkaExtension.kafka().bootstrapServers(), TOPICS.dlq()).stream()
                .filter(entry -> entry.text().contains(marker))
                .toList();
    }

    private static String accessLog() throws IOException {
        try (Stream<Path> files = Files.list(ACCESS_LOGS)) {
            StringBuilder all = new StringBuilder();
            for (Path file : files.toList()) {
                all.append(Files.readString(file));
            }
            return all.toString();
        }
    }
}

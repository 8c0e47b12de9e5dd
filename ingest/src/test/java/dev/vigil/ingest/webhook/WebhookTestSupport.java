package dev.vigil.ingest.webhook;

import dev.vigil.embedded.EmbeddedKafkaExtension;
import dev.vigil.embedded.WithEmbeddedKafka;
import dev.vigil.ingest.IngestTestApplication;
import dev.vigil.ingest.TopicRecords;
import dev.vigil.model.json.VigilJson;
import dev.vigil.model.kafka.Topics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * The webhook as the API server meets it: the ingest role in a Spring Boot server on a random port, the embedded
 * broker of this test run behind it, {@link HttpClient} in front. Subclasses share one application context.
 */
@WithEmbeddedKafka
@SpringBootTest(classes = IngestTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "vigil.roles=ingest",
                "server.address=127.0.0.1",
                "vigil.ingest.tokens[0].token=token-a",
                "vigil.ingest.tokens[0].cluster=cluster-a",
                "vigil.ingest.tokens[1].token=token-b",
                "vigil.ingest.tokens[1].cluster=cluster-b",
                "vigil.ingest.tokens[2].name=fleet",
                "vigil.ingest.tokens[2].token=token-fleet",
                "vigil.ingest.tokens[2].clusters=fleet-1,fleet-2",
                "vigil.ingest.tokens[3].name=eks-firehose",
                "vigil.ingest.tokens[3].token=firehose-key",
                "vigil.ingest.tokens[3].clusters=eks-prod",
                "vigil.ingest.firehose.log-groups.[/custom/audit]=cluster-a",
                "vigil.ingest.max-body-size=2MB",
                "vigil.ingest.ack-timeout=4s",
                "vigil.ingest.retry-after=7s",
                "vigil.ingest.producer.request-timeout=1s",
                "vigil.ingest.producer.delivery-timeout=3s",
                "vigil.ingest.producer.max-block=2s"})
abstract class WebhookTestSupport {

    static final Topics TOPICS = Topics.defaults();

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int port;

    HttpResponse<String> post(String path, String token, String body) {
        return post(path, token, HttpRequest.BodyPublishers.ofString(body), "application/json");
    }

    HttpResponse<String> post(String path, String token, HttpRequest.BodyPublisher body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(40))
                .header("Content-Type", contentType)
                .POST(body);
        if (token != null) {
            request.header("Authorization", token.contains(" ") ? token : "Bearer " + token);
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

    static JsonNode json(HttpResponse<String> response) {
        return VigilJson.mapper().readTree(response.body());
    }

    static String bootstrapServers() {
        return EmbeddedKafkaExtension.kafka().bootstrapServers();
    }

    /** The audit records whose key is one of {@code auditIDs}. */
    static List<TopicRecords.Entry> auditRecords(Collection<String> auditIDs) {
        return TopicRecords.read(bootstrapServers(), TOPICS.audit()).stream()
                .filter(entry -> auditIDs.contains(entry.key()))
                .toList();
    }

    /** The dead letters whose payload mentions {@code marker}. */
    static List<TopicRecords.Entry> deadLetters(String marker) {
        return TopicRecords.read(bootstrapServers(), TOPICS.dlq()).stream()
                .filter(entry -> entry.text().contains(marker))
                .toList();
    }
}

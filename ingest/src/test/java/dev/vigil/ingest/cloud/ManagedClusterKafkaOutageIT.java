package dev.vigil.ingest.cloud;

import dev.vigil.embedded.EmbeddedKafka;
import dev.vigil.embedded.KafkaSettings;
import dev.vigil.ingest.IngestTestApplication;
import dev.vigil.ingest.TopicRecords;
import dev.vigil.model.json.VigilJson;
import dev.vigil.model.kafka.KafkaClientSettings;
import dev.vigil.model.kafka.Topics;
import dev.vigil.model.testdata.AuditTestData;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Vigil's Kafka goes away while a cloud delivers: each cloud must be told so in the way that makes it deliver again —
 * Firehose a non-2xx answer with {@code errorMessage}, Pub/Sub a 503, and the AKS source must leave its event hub's
 * offsets where they were — and what it delivers again once Kafka is back must land. Vigil's broker here is this
 * test's own (stopping the shared one would disturb the other tests); the Event Hubs stand-in is a second one.
 */
@SpringBootTest(classes = ManagedClusterKafkaOutageIT.OwnBroker.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "vigil.roles=ingest",
                "server.address=127.0.0.1",
                "vigil.ingest.tokens[0].name=clouds",
                "vigil.ingest.tokens[0].token=" + ManagedClusterKafkaOutageIT.TOKEN,
                "vigil.ingest.tokens[0].clusters=eks-prod,gke-prod-1",
                "vigil.ingest.ack-timeout=4s",
                "vigil.ingest.retry-after=2s",
                "vigil.ingest.producer.request-timeout=1s",
                "vigil.ingest.producer.delivery-timeout=3s",
                "vigil.ingest.producer.max-block=2s"})
class ManagedClusterKafkaOutageIT {

    static final String TOKEN = "outage-token";
    static final String HUB = "aks-audit";
    static final String GROUP = "vigil-outage";
    static final String CONNECTION_STRING = "Endpoint=sb://vigil-outage.servicebus.windows.net/;"
            + "SharedAccessKeyName=listen;SharedAccessKey=bm90LWEtcmVhbC1rZXk=;EntityPath=" + HUB;
    private static final Topics TOPICS = Topics.defaults();
    private static final EmbeddedKafka VIGIL_KAFKA = new EmbeddedKafka().start();
    private static final EmbeddedKafka EVENT_HUBS = new EmbeddedKafka(KafkaSettings.builder()
            .saslPlainUser("$ConnectionString", CONNECTION_STRING).build()).start();

    static {
        IngestTestApplication.createTopics(VIGIL_KAFKA, TOPICS);
        EVENT_HUBS.createTopics(Map.of(HUB, 1));
    }

    /** The ingest role on this test's own broker. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class OwnBroker {

        @Bean
        KafkaClientSettings kafkaClientSettings() {
            return KafkaClientSettings.of(VIGIL_KAFKA.bootstrapServers());
        }

        @Bean
        Topics topics() {
            return TOPICS;
        }

        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry registry;

    @DynamicPropertySource
    static void eventHubs(DynamicPropertyRegistry registry) {
        registry.add("vigil.sources.aks[0].name", () -> "aks-prod");
        registry.add("vigil.sources.aks[0].bootstrap-servers", EVENT_HUBS::saslBootstrapServers);
        registry.add("vigil.sources.aks[0].topic", () -> HUB);
        registry.add("vigil.sources.aks[0].connection-string", () -> CONNECTION_STRING);
        registry.add("vigil.sources.aks[0].consumer-group", () -> GROUP);
        registry.add("vigil.sources.aks[0].clusters", () -> "aks-prod-1");
        registry.add("vigil.sources.aks[0].security", () -> "SASL_PLAINTEXT");
    }

    @AfterAll
    static void stopBrokers() {
        EVENT_HUBS.close();
        VIGIL_KAFKA.close();
    }

    @Test
    void firehoseIsAnsweredWithAnErrorMessageWhileKafkaIsDownAndItsRetryLands() {
        String warmUp = UUID.randomUUID().toString();
        String auditID = UUID.randomUUID().toString();
        // Kafka is reachable first, so the producer knows the topic's partitions before the outage.
        assertThat(firehose(warmUp).statusCode()).isEqualTo(200);

        HttpResponse<String> refused = duringOutage(() -> firehose(auditID));

        assertThat(refused.statusCode()).isEqualTo(503);
        JsonNode answer = VigilJson.mapper().readTree(refused.body());
        assertThat(answer.get("requestId").asString()).isEqualTo("request-" + auditID);
        assertThat(answer.get("errorMessage").asString()).contains("Kafka did not acknowledge");
        // Firehose retries the same delivery until it gets a 200.
        retryUntil200(() -> firehose(auditID));
        assertThat(audit(auditID)).isNotEmpty()
                .allSatisfy(record -> assertThat(record.cluster()).isEqualTo("eks-prod"));
    }

    @Test
    void pubSubIsAnswered503WhileKafkaIsDownAndItsRedeliveryLands() {
        String warmUp = UUID.randomUUID().toString();
        String auditID = UUID.randomUUID().toString();
        assertThat(pubSub(warmUp).statusCode()).isEqualTo(200);

        HttpResponse<String> refused = duringOutage(() -> pubSub(auditID));

        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(VigilJson.mapper().readTree(refused.body()).get("reason").asString()).isEqualTo("kafka-unavailable");
        // Pub/Sub redelivers an unacknowledged message.
        retryUntil200(() -> pubSub(auditID));
        assertThat(audit(auditID)).isNotEmpty()
                .allSatisfy(record -> assertThat(record.cluster()).isEqualTo("gke-prod-1"));
    }

    @Test
    void theAksSourceCommitsNoOffsetWhileKafkaIsDownAndDeliversTheRecordOnceItIsBack() {
        String warmUp = UUID.randomUUID().toString();
        String auditID = UUID.randomUUID().toString();
        long before = committed();
        sendToEventHub(aksMessage(warmUp));
        await().atMost(Duration.ofSeconds(30)).until(() -> committed() == before + 1);

        VIGIL_KAFKA.stop();
        try {
            sendToEventHub(aksMessage(auditID));
            await().atMost(Duration.ofSeconds(30)).until(() -> failedDeliveries() >= 2);
            assertThat(committed()).as("no offset committed while Kafka is down").isEqualTo(before + 1);
        } finally {
            VIGIL_KAFKA.start();
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> committed() == before + 2);
        assertThat(audit(auditID)).isNotEmpty()
                .allSatisfy(record -> assertThat(record.cluster()).isEqualTo("aks-prod-1"));
    }

    private static <T> T duringOutage(Supplier<T> action) {
        VIGIL_KAFKA.stop();
        try {
            return action.get();
        } finally {
            VIGIL_KAFKA.start();
        }
    }

    private static void retryUntil200(Supplier<HttpResponse<String>> delivery) {
        AtomicReference<HttpResponse<String>> last = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            last.set(delivery.get());
            return last.get().statusCode() == 200;
        });
    }

    /** A Firehose delivery of the EKS fixture's events, the privileged pod's under {@code auditID}. */
    private HttpResponse<String> firehose(String auditID) {
        String payload;
        try {
            payload = Files.readString(AuditTestData.file("fixtures/eks/subscription-privileged-pod.json")).strip()
                    .replace("6f1c8f0e-2d7a-4b8e-9a51-0c3e5d7b9a21", auditID)
                    .replace("0b8e2c4d-6f1a-4c3b-8d9e-7a5b3c1d2e40", UUID.randomUUID().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String requestId = "request-" + auditID;
        String body = "{\"requestId\":\"" + requestId + "\",\"timestamp\":" + System.currentTimeMillis()
                + ",\"records\":[{\"data\":\"" + Base64.getEncoder().encodeToString(gzip(payload)) + "\"}]}";
        return send(HttpRequest.newBuilder(uri("/v1/audit/firehose"))
                .header("X-Amz-Firehose-Request-Id", requestId)
                .header("X-Amz-Firehose-Access-Key", TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** A Pub/Sub push of the GKE sample under {@code auditID}, authenticated by the token parameter. */
    private HttpResponse<String> pubSub(String auditID) {
        ObjectNode entry = (ObjectNode) CloudSamples.json(CloudSamples.GKE_PRIVILEGED_POD);
        ((ObjectNode) entry.get("operation")).put("id", auditID);
        entry.put("insertId", auditID);
        String data = Base64.getEncoder().encodeToString(VigilJson.writeBytes(entry));
        String body = "{\"message\":{\"data\":\"" + data + "\",\"messageId\":\"" + auditID.substring(0, 8)
                + "\"},\"subscription\":\"projects/p/subscriptions/vigil\"}";
        return send(HttpRequest.newBuilder(uri("/v1/audit/pubsub?token=" + TOKEN))
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                    .build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The AKS sample's message with its one record's event under {@code auditID}. */
    private static String aksMessage(String auditID) {
        ObjectNode body = (ObjectNode) CloudSamples.json(CloudSamples.AKS_PRIVILEGED_POD);
        ObjectNode record = (ObjectNode) ((ArrayNode) body.get("records")).get(0);
        ObjectNode event = (ObjectNode) VigilJson.mapper().readTree(record.at("/properties/log").asString());
        ((ObjectNode) record.get("properties")).put("log", event.put("auditID", auditID).toString());
        return body.toString();
    }

    private static void sendToEventHub(String value) {
        Map<String, Object> config = Map.of(
                CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, EVENT_HUBS.saslBootstrapServers(),
                CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT",
                SaslConfigs.SASL_MECHANISM, "PLAIN",
                SaslConfigs.SASL_JAAS_CONFIG, "org.apache.kafka.common.security.plain.PlainLoginModule required "
                        + "username=\"$ConnectionString\" password=\"" + CONNECTION_STRING + "\";");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(HUB, value.getBytes(StandardCharsets.UTF_8))).get();
        } catch (Exception e) {
            throw new IllegalStateException("the Event Hubs stand-in did not take the message", e);
        }
    }

    /** The offset the AKS source's group committed on the hub. */
    private static long committed() {
        try (Admin admin = Admin.create(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
                EVENT_HUBS.bootstrapServers()))) {
            Map<?, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(GROUP)
                    .partitionsToOffsetAndMetadata().get();
            return offsets.values().stream().mapToLong(o -> o == null ? 0 : o.offset()).sum();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Batches the AKS source read but could not deliver because Kafka did not acknowledge them. */
    private long failedDeliveries() {
        Timer timer = registry.find("vigil.ingest.cloud.delivery").tags("source", "aks:aks-prod",
                "outcome", "kafka-unavailable").timer();
        return timer == null ? 0 : timer.count();
    }

    private static List<TopicRecords.Entry> audit(String auditID) {
        return TopicRecords.read(VIGIL_KAFKA.bootstrapServers(), TOPICS.audit()).stream()
                .filter(entry -> auditID.equals(entry.key()))
                .toList();
    }

    private static byte[] gzip(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}

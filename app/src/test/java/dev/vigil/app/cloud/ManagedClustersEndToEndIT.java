package dev.vigil.app.cloud;

import dev.vigil.app.VigilApplication;
import dev.vigil.app.cli.RunCommand;
import dev.vigil.app.cli.VigilCommand;
import dev.vigil.app.embedded.EmbeddedStack;
import dev.vigil.embedded.EmbeddedKafka;
import dev.vigil.embedded.KafkaSettings;
import dev.vigil.embedded.TopicReader;
import dev.vigil.model.json.VigilJson;
import dev.vigil.model.kafka.Topics;
import dev.vigil.model.testdata.AuditTestData;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
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
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 15's "done when", on {@code vigil run} (ingest → Kafka → streams → indexer → OpenSearch): a Firehose delivery
 * of CloudWatch Logs records (EKS), a Pub/Sub push of a Cloud Logging entry (GKE) and an Event Hubs message of a
 * diagnostic setting (AKS, read from a second embedded broker standing in for Event Hubs' Kafka endpoint with SASL
 * PLAIN), each carrying the privileged pod creation of the model's fixtures, raise {@code privileged-pod} for the
 * cluster their envelope names; a malformed record beside each good one lands in {@code vigil.dlq}; deliveries
 * without valid credentials are refused and leave nothing in Kafka; and the same payloads as files through
 * {@code vigil replay --format cloudwatch|gke|aks} hit the same alerts (same rule, cluster and resource).
 */
class ManagedClustersEndToEndIT {

    private static final String EKS_KEY = "e2e-firehose-key";
    private static final String GKE_TOKEN = "e2e-gke-token";
    private static final String HUB = "aks-audit";
    private static final String CONNECTION_STRING = "Endpoint=sb://vigil-e2e.servicebus.windows.net/;"
            + "SharedAccessKeyName=listen;SharedAccessKey=bm90LWEtcmVhbC1rZXk=;EntityPath=" + HUB;
    private static final String EKS_PRIVILEGED_ID = "6f1c8f0e-2d7a-4b8e-9a51-0c3e5d7b9a21";
    private static final String EKS_OTHER_ID = "0b8e2c4d-6f1a-4c3b-8d9e-7a5b3c1d2e40";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dataDir;

    private static EmbeddedKafka eventHubs;
    private static ConfigurableApplicationContext vigil;

    /** What the deliveries carried: the privileged pods' audit ids, the markers of the malformed records. */
    private record Cloud(String cluster, String auditID, String malformed) {
    }

    @BeforeAll
    static void start() {
        eventHubs = new EmbeddedKafka(KafkaSettings.builder().saslPlainUser("$ConnectionString", CONNECTION_STRING)
                .build()).start();
        eventHubs.createTopics(Map.of(HUB, 1));
        RunCommand run = new RunCommand(VigilApplication::start);
        int exitCode = VigilCommand.commandLine(run).execute("run", "--server.port=0",
                "--vigil.embedded.kafka-port=0", "--vigil.embedded.opensearch-port=0",
                "--vigil.embedded.data-dir=" + dataDir, "--vigil.kafka.partitions=1",
                "--vigil.roles=ingest,streams,alerting",
                "--vigil.ingest.tokens[0].name=eks-firehose", "--vigil.ingest.tokens[0].token=" + EKS_KEY,
                "--vigil.ingest.tokens[0].clusters=eks-prod",
                "--vigil.ingest.tokens[1].name=gke-push", "--vigil.ingest.tokens[1].token=" + GKE_TOKEN,
                "--vigil.ingest.tokens[1].clusters=gke-prod-1",
                "--vigil.sources.gke.enabled=true",
                "--vigil.sources.aks[0].name=aks-prod",
                "--vigil.sources.aks[0].bootstrap-servers=" + eventHubs.saslBootstrapServers(),
                "--vigil.sources.aks[0].topic=" + HUB,
                "--vigil.sources.aks[0].connection-string=" + CONNECTION_STRING,
                "--vigil.sources.aks[0].consumer-group=vigil",
                "--vigil.sources.aks[0].clusters=aks-prod-1",
                "--vigil.sources.aks[0].security=SASL_PLAINTEXT");
        assertThat(exitCode).isZero();
        vigil = run.context().orElseThrow();
    }

    @AfterAll
    static void stop() {
        if (vigil != null) {
            vigil.close();
        }
        if (eventHubs != null) {
            eventHubs.close();
        }
    }

    @Test
    void eachCloudsPrivilegedPodIsAnAlertOfItsClusterLiveAndReplayed() throws Exception {
        List<String> refused = refusedDeliveries();
        Cloud eks = firehose();
        Cloud gke = pubSub();
        Cloud aks = eventHub();

        for (Cloud cloud : List.of(eks, gke, aks)) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> assertThat(alertOf(cloud.auditID())).as(cloud.cluster()).isNotNull());
            assertThat(alertOf(cloud.auditID()).path("orchestrator").path("cluster").path("name").asString())
                    .isEqualTo(cloud.cluster());
        }
        List<String> deadLetters = topicTexts(Topics.DLQ);
        for (Cloud cloud : List.of(eks, gke, aks)) {
            assertThat(deadLetters).as("malformed record of " + cloud.cluster())
                    .anySatisfy(letter -> assertThat(letter).contains(cloud.malformed()));
        }
        List<String> audit = topicTexts(Topics.AUDIT);
        for (String id : refused) {
            assertThat(audit).as("refused delivery " + id).noneMatch(text -> text.contains(id));
            assertThat(deadLetters).as("refused delivery " + id).noneMatch(text -> text.contains(id));
        }

        // The same payloads as files (each with ids of its own): the same rule, cluster and resource.
        Path files = Files.createDirectories(dataDir.resolve("replay"));
        String eksReplayed = UUID.randomUUID().toString();
        replay("cloudwatch", Files.writeString(files.resolve("eks.json"), eksPayload(eksReplayed)));
        String gkeReplayed = UUID.randomUUID().toString();
        replay("gke", Files.writeString(files.resolve("gke.json"), VigilJson.write(gkeEntry(gkeReplayed))));
        String aksReplayed = UUID.randomUUID().toString();
        replay("aks", Files.writeString(files.resolve("aks.json"), VigilJson.write(aksMessage(aksReplayed, null))));
        Map<Cloud, String> replayedIds = Map.of(eks, eksReplayed, gke, gkeReplayed, aks, aksReplayed);
        for (Cloud cloud : List.of(eks, gke, aks)) {
            String replayedId = replayedIds.get(cloud);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> assertThat(alertOf(replayedId)).as(cloud.cluster()).isNotNull());
            JsonNode replayed = alertOf(replayedId);
            JsonNode delivered = alertOf(cloud.auditID());
            assertThat(replayed.path("rule").path("id").asString()).isEqualTo("privileged-pod");
            assertThat(replayed.path("orchestrator").path("cluster").path("name").asString())
                    .isEqualTo(cloud.cluster());
            assertThat(replayed.path("orchestrator").path("resource")).isNotEmpty()
                    .isEqualTo(delivered.path("orchestrator").path("resource"));
        }
    }

    /** EKS: one Firehose delivery, a gzip CloudWatch Logs record of the fixture's events and a broken record. */
    private static Cloud firehose() {
        String auditID = UUID.randomUUID().toString();
        String malformed = "e2e-firehose-malformed-" + UUID.randomUUID();
        HttpResponse<String> response = firehose(EKS_KEY, "e2e-eks", gzip(eksPayload(auditID)),
                gzip("not a CloudWatch Logs payload " + malformed));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new Cloud("eks-prod", auditID, malformed);
    }

    /** GKE: the Cloud Logging entry pushed with the ingest token in the query, a malformed one pushed beside it. */
    private static Cloud pubSub() {
        String auditID = UUID.randomUUID().toString();
        String malformed = "e2e-pubsub-malformed-" + UUID.randomUUID();
        HttpResponse<String> good = pubSub("?token=" + GKE_TOKEN, VigilJson.write(gkeEntry(auditID)));
        HttpResponse<String> bad = pubSub("?token=" + GKE_TOKEN, "{\"insertId\":\"" + malformed + "\",\"protoPayload\":");
        assertThat(good.statusCode()).as(good.body()).isEqualTo(200);
        assertThat(good.body()).isEqualTo("{\"accepted\":1,\"rejected\":0}");
        assertThat(bad.statusCode()).as(bad.body()).isEqualTo(200);
        assertThat(bad.body()).isEqualTo("{\"accepted\":0,\"rejected\":1}");
        return new Cloud("gke-prod-1", auditID, malformed);
    }

    /** AKS: one Event Hubs message whose second record's log is not JSON. */
    private static Cloud eventHub() {
        String auditID = UUID.randomUUID().toString();
        String malformed = "e2e-aks-malformed-" + UUID.randomUUID();
        ObjectNode message = aksMessage(auditID, "{\"auditID\":\"" + malformed + "\",");
        Map<String, Object> config = Map.of(
                CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, eventHubs.saslBootstrapServers(),
                CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT",
                SaslConfigs.SASL_MECHANISM, "PLAIN",
                SaslConfigs.SASL_JAAS_CONFIG, "org.apache.kafka.common.security.plain.PlainLoginModule required "
                        + "username=\"$ConnectionString\" password=\"" + CONNECTION_STRING + "\";");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(HUB, VigilJson.writeBytes(message))).get();
        } catch (Exception e) {
            throw new IllegalStateException("the Event Hubs stand-in did not take the message", e);
        }
        return new Cloud("aks-prod-1", auditID, malformed);
    }

    /** Deliveries without valid credentials (401) or for a cluster the credentials may not deliver (403). */
    private static List<String> refusedDeliveries() {
        List<String> ids = new ArrayList<>();
        for (String key : new String[] {null, "wrong-key", GKE_TOKEN}) {
            String id = UUID.randomUUID().toString();
            ids.add(id);
            HttpResponse<String> response = firehose(key, "e2e-refused", gzip(eksPayload(id)));
            assertThat(response.statusCode()).as(String.valueOf(key)).isEqualTo(key == null || !key.equals(GKE_TOKEN)
                    ? 401 : 403);
        }
        for (String query : new String[] {"", "?token=wrong-token", "?token=" + EKS_KEY}) {
            String id = UUID.randomUUID().toString();
            ids.add(id);
            HttpResponse<String> response = pubSub(query, VigilJson.write(gkeEntry(id)));
            assertThat(response.statusCode()).as(query).isEqualTo(query.endsWith(EKS_KEY) ? 403 : 401);
        }
        return ids;
    }

    private static void replay(String format, Path file) {
        String kafka = vigil.getBean(EmbeddedStack.class).kafka().orElseThrow().bootstrapServers();
        int exitCode = VigilCommand.commandLine(new RunCommand(VigilApplication::start))
                .execute("replay", "--format", format, "--bootstrap-servers", kafka, file.toString());
        assertThat(exitCode).as("vigil replay --format " + format).isZero();
    }

    /** The EKS fixture's subscription payload, its privileged pod under {@code auditID}. */
    private static String eksPayload(String auditID) {
        try {
            return Files.readString(AuditTestData.file("fixtures/eks/subscription-privileged-pod.json")).strip()
                    .replace(EKS_PRIVILEGED_ID, auditID).replace(EKS_OTHER_ID, UUID.randomUUID().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The GKE fixture's LogEntry under {@code auditID} (its operation id). */
    private static ObjectNode gkeEntry(String auditID) {
        ObjectNode entry = (ObjectNode) fixture("fixtures/gke/privileged-pod-create.json");
        ((ObjectNode) entry.get("operation")).put("id", auditID);
        entry.put("insertId", auditID);
        return entry;
    }

    /** The AKS fixture's message under {@code auditID}, with a second record of {@code brokenLog} when given. */
    private static ObjectNode aksMessage(String auditID, String brokenLog) {
        ObjectNode message = (ObjectNode) fixture("fixtures/aks/privileged-pod-create.json");
        ArrayNode records = (ArrayNode) message.get("records");
        ObjectNode good = (ObjectNode) records.get(0);
        ObjectNode event = (ObjectNode) VigilJson.mapper().readTree(good.at("/properties/log").asString());
        ((ObjectNode) good.get("properties")).put("log", event.put("auditID", auditID).toString());
        if (brokenLog != null) {
            ObjectNode broken = good.deepCopy();
            ((ObjectNode) broken.get("properties")).put("log", brokenLog);
            records.add(broken);
        }
        return message;
    }

    private static JsonNode fixture(String resource) {
        try {
            return VigilJson.mapper().readTree(Files.readString(AuditTestData.file(resource)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Firehose's HTTP endpoint request, with its headers, each record's data in base64. */
    private static HttpResponse<String> firehose(String accessKey, String requestId, byte[]... records) {
        StringBuilder body = new StringBuilder("{\"requestId\":\"" + requestId + "\",\"timestamp\":"
                + System.currentTimeMillis() + ",\"records\":[");
        for (int i = 0; i < records.length; i++) {
            body.append(i == 0 ? "" : ",").append("{\"data\":\"")
                    .append(Base64.getEncoder().encodeToString(records[i])).append("\"}");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + "/v1/audit/firehose"))
                .header("Content-Type", "application/json")
                .header("X-Amz-Firehose-Request-Id", requestId)
                .POST(HttpRequest.BodyPublishers.ofString(body.append("]}").toString()));
        if (accessKey != null) {
            request.header("X-Amz-Firehose-Access-Key", accessKey);
        }
        return send(request);
    }

    /** Pub/Sub's push body: {@code logEntry} in {@code message.data}. */
    private static HttpResponse<String> pubSub(String query, String logEntry) {
        String data = Base64.getEncoder().encodeToString(logEntry.getBytes(StandardCharsets.UTF_8));
        String body = "{\"message\":{\"data\":\"" + data + "\",\"messageId\":\"" + Math.abs(logEntry.hashCode())
                + "\"},\"subscription\":\"projects/example-project/subscriptions/vigil-gke-audit\"}";
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + "/v1/audit/pubsub" + query))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The {@code privileged-pod} alert whose evidence lists {@code auditID}, or null. */
    private static JsonNode alertOf(String auditID) throws IOException, InterruptedException {
        ArrayNode hits = (ArrayNode) search("/vigil-alerts-*/_search", """
                {"size": 100, "query": {"term": {"rule.id": "privileged-pod"}}}""").path("hits").path("hits");
        for (JsonNode hit : hits) {
            JsonNode source = hit.path("_source");
            for (JsonNode id : source.path("vigil").path("evidence").path("audit_ids")) {
                if (id.asString().equals(auditID)) {
                    return source;
                }
            }
        }
        return null;
    }

    private static JsonNode search(String path, String query) throws IOException, InterruptedException {
        String url = vigil.getBean(EmbeddedStack.class).openSearch().orElseThrow().url();
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url + path
                        + "?ignore_unavailable=true&allow_no_indices=true"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(query)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return VigilJson.mapper().readTree(response.body());
    }

    /** Every record of a topic of Vigil's embedded broker, as text. */
    private static List<String> topicTexts(String topic) {
        String kafka = vigil.getBean(EmbeddedStack.class).kafka().orElseThrow().bootstrapServers();
        return TopicReader.readToEnd(kafka, topic).stream()
                .map(record -> new String(record.value(), StandardCharsets.UTF_8))
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

    private static String baseUrl() {
        return "http://127.0.0.1:" + vigil.getEnvironment().getRequiredProperty("local.server.port");
    }
}

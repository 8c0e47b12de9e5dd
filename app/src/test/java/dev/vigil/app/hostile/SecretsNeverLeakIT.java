package dev.vigil.app.hostile;

import dev.vigil.app.VigilApplication;
import dev.vigil.app.cli.RunCommand;
import dev.vigil.app.cli.VigilCommand;
import dev.vigil.app.embedded.EmbeddedStack;
import dev.vigil.embedded.CapturedLogs;
import dev.vigil.model.json.VigilJson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Secrets sent in audit events — a Secret's data and stringData, its last-applied-configuration annotation, a
 * password-named env value of a pod, and a secret in a field of the wrong type — never reach OpenSearch (not in
 * any stored source, not findable by a search) and never appear in a log line of the whole pipeline
 * (webhook → Kafka → streams → indexer), run as {@code vigil run} runs it.
 */
class SecretsNeverLeakIT {

    private static final String TOKEN = "secrets-it-token-not-an-event-secret";
    private static final String PASSWORD = "Tr0ub4dor-leak-check-7d1e";
    private static final String API_KEY = "sk_live_leak_check_91QzA7";
    private static final String ENCODED = Base64.getEncoder().encodeToString(PASSWORD.getBytes(StandardCharsets.UTF_8));
    private static final List<String> SECRETS = List.of(PASSWORD, API_KEY, ENCODED);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dataDir;

    private static ConfigurableApplicationContext vigil;
    private static CapturedLogs logs;

    @BeforeAll
    static void start() {
        RunCommand run = new RunCommand(VigilApplication::start);
        int exitCode = VigilCommand.commandLine(run).execute("run", "--server.port=0",
                "--vigil.embedded.kafka-port=0", "--vigil.embedded.opensearch-port=0",
                "--vigil.embedded.data-dir=" + dataDir, "--vigil.kafka.partitions=1",
                "--vigil.roles=ingest,streams,alerting", "--vigil.ingest.token=" + TOKEN);
        assertThat(exitCode).isZero();
        vigil = run.context().orElseThrow();
        logs = CapturedLogs.attach();
    }

    @AfterAll
    static void stop() {
        if (logs != null) {
            logs.close();
        }
        if (vigil != null) {
            vigil.close();
        }
    }

    @Test
    void secretsOfEventsReachNeitherOpenSearchNorTheLogs() throws Exception {
        List<String> ids = new ArrayList<>();
        ArrayNode items = VigilJson.mapper().createArrayNode();
        items.add(secretCreate(ids));
        items.add(podWithSecretEnv(ids));
        items.add(privilegedPodWithSecretEnv(ids));
        ObjectNode wrongType = secretCreate(new ArrayList<>());
        wrongType.put("stageTimestamp", PASSWORD);
        items.add(wrongType);
        ObjectNode list = VigilJson.mapper().createObjectNode().put("kind", "EventList").put("apiVersion", "audit.k8s.io/v1");
        list.set("items", items);

        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/v1/audit"))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(list.toString())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"accepted\":3,\"rejected\":1}");

        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(evidenceIds()).containsAll(ids));
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(search("/vigil-alerts-*/_search?size=100").path("hits").path("hits"))
                        .isNotEmpty());

        String stored = search("/vigil-*/_search?size=1000").path("hits").toString();
        assertThat(stored).contains(ids).contains("[REDACTED]");
        assertThat(SECRETS).allSatisfy(secret -> {
            assertThat(stored).as("stored documents").doesNotContain(secret);
            assertThat(search("/vigil-*/_search?q=" + java.net.URLEncoder.encode("\"" + secret + "\"",
                    StandardCharsets.UTF_8)).path("hits").path("total").path("value").asLong())
                    .as("documents found by searching for %s", secret).isZero();
        });
        assertThat(logs.lines()).as("log lines so far").isNotEmpty()
                .noneMatch(line -> SECRETS.stream().anyMatch(line::contains));
    }

    private static ObjectNode secretCreate(List<String> ids) {
        ObjectNode event = event(ids, "create", "secrets", "db-credentials", "shop");
        ObjectNode secret = event.putObject("requestObject");
        secret.put("kind", "Secret").put("apiVersion", "v1");
        secret.putObject("metadata").put("name", "db-credentials").put("namespace", "shop").putObject("annotations")
                .put("kubectl.kubernetes.io/last-applied-configuration",
                        "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"stringData\":{\"api-key\":\"" + API_KEY + "\"}}");
        secret.putObject("data").put("password", ENCODED);
        secret.putObject("stringData").put("api-key", API_KEY);
        event.set("responseObject", secret.deepCopy());
        return event;
    }

    private static ObjectNode podWithSecretEnv(List<String> ids) {
        ObjectNode event = event(ids, "create", "pods", "api-6d8f7", "shop");
        ObjectNode pod = event.putObject("requestObject").put("kind", "Pod").put("apiVersion", "v1");
        pod.putObject("metadata").put("name", "api-6d8f7").put("namespace", "shop");
        ObjectNode spec = pod.putObject("spec");
        spec.put("serviceAccountName", "api").put("automountServiceAccountToken", false);
        ArrayNode env = spec.putArray("containers").addObject().put("name", "api").put("image", "example/api:1")
                .putArray("env");
        env.addObject().put("name", "DB_PASSWORD").put("value", PASSWORD);
        env.addObject().put("name", "STRIPE_API_KEY").put("value", API_KEY);
        return event;
    }

    private static ObjectNode privilegedPodWithSecretEnv(List<String> ids) {
        ObjectNode event = podWithSecretEnv(ids);
        ObjectNode container = (ObjectNode) event.path("requestObject").path("spec").path("containers").get(0);
        container.putObject("securityContext").put("privileged", true);
        return event;
    }

    private static ObjectNode event(List<String> ids, String verb, String resource, String name, String namespace) {
        String auditID = UUID.randomUUID().toString();
        ids.add("local/" + auditID + "-ResponseComplete"); // evidence ids carry the cluster the token maps to
        Instant now = Instant.now();
        ObjectNode event = VigilJson.mapper().createObjectNode();
        event.put("kind", "Event").put("apiVersion", "audit.k8s.io/v1").put("level", "RequestResponse")
                .put("auditID", auditID).put("stage", "ResponseComplete")
                .put("requestURI", "/api/v1/namespaces/" + namespace + "/" + resource).put("verb", verb);
        event.putObject("user").put("username", "alice@example.com").putArray("groups").add("system:authenticated");
        event.putArray("sourceIPs").add("192.168.1.20");
        event.putObject("objectRef").put("resource", resource).put("namespace", namespace).put("name", name)
                .put("apiVersion", "v1");
        event.putObject("responseStatus").put("code", 201);
        event.put("requestReceivedTimestamp", now.toString()).put("stageTimestamp", now.plusMillis(3).toString());
        event.putObject("annotations").put("authorization.k8s.io/decision", "allow");
        return event;
    }

    private static List<String> evidenceIds() throws IOException, InterruptedException {
        List<String> ids = new ArrayList<>();
        search("/vigil-audit-*/_search?size=1000&_source=false").path("hits").path("hits")
                .forEach(hit -> ids.add(hit.path("_id").asString()));
        return ids;
    }

    private static JsonNode search(String path) throws IOException, InterruptedException {
        String url = vigil.getBean(EmbeddedStack.class).openSearch().orElseThrow().url();
        String separator = path.contains("?") ? "&" : "?";
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url + path + separator
                + "ignore_unavailable=true&allow_no_indices=true")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return VigilJson.mapper().readTree(response.body());
    }

    private static String baseUrl() {
        return "http://127.0.0.1:" + vigil.getEnvironment().getRequiredProperty("local.server.port");
    }
}

package dev.vigil.app.hostile;

import dev.vigil.app.VigilApplication;
import dev.vigil.app.cli.RunCommand;
import dev.vigil.app.cli.VigilCommand;
import dev.vigil.app.embedded.EmbeddedStack;
import dev.vigil.model.json.VigilJson;
import dev.vigil.model.testdata.AuditTestData;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 11's evasion, end to end as {@code vigil run} runs it (webhook → Kafka → streams → indexer → OpenSearch): a
 * cluster user with patch rights puts a duplicate key into item 6 of a streamed 400-event batch, an anonymous
 * ClusterRoleBinding create follows as item 7. Before the fix the read ended at item 6: 200, five events landed,
 * no alert. Now every one of the 400 events is evidence and the anonymous binding raises its critical alert.
 */
class HostileBatchEndToEndIT {

    private static final String TOKEN = "hostile-batch-it-token";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dataDir;

    private static ConfigurableApplicationContext vigil;

    @BeforeAll
    static void start() {
        RunCommand run = new RunCommand(VigilApplication::start);
        int exitCode = VigilCommand.commandLine(run).execute("run", "--server.port=0",
                "--vigil.embedded.kafka-port=0", "--vigil.embedded.opensearch-port=0",
                "--vigil.embedded.data-dir=" + dataDir, "--vigil.kafka.partitions=1",
                "--vigil.roles=ingest,streams,alerting", "--vigil.ingest.token=" + TOKEN);
        assertThat(exitCode).isZero();
        vigil = run.context().orElseThrow();
    }

    @AfterAll
    static void stop() {
        if (vigil != null) {
            vigil.close();
        }
    }

    @Test
    void aDuplicateKeyInOneItemHidesNeitherTheRestOfTheBatchNorTheAnonymousBindingAfterIt() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> ids = new ArrayList<>();
        List<String> items = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            String auditID = run + "-" + UUID.randomUUID();
            ids.add(auditID);
            items.add(switch (i) {
                case 5 -> fixture("patch-duplicate-key.json", auditID);
                case 6 -> fixture("anonymous-clusterrolebinding-create.json", auditID);
                default -> controllerRead(auditID, i);
            });
        }
        String body = "{\"kind\":\"EventList\",\"apiVersion\":\"audit.k8s.io/v1\",\"metadata\":{},\"items\":["
                + String.join(",", items) + "]}";
        assertThat(body.length()).as("long enough to be streamed, not probed").isGreaterThan(64 * 1024);
        assertThat(body).as("item 6 repeats a key").contains("\"mode\":\"safe\",\"mode\":\"evil\"");

        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/v1/audit"))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"accepted\":400,\"rejected\":0}");
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(evidenceCount(run)).isEqualTo(400));
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(alertAuditIds("anonymous-admin-action")).contains(ids.get(6)));
        JsonNode patch = search("/vigil-audit-*/_search", """
                {"query": {"term": {"kubernetes.audit.auditID": "%s"}}}""".formatted(ids.get(5)))
                .path("hits").path("hits").get(0).path("_source");
        assertThat(patch.path("kubernetes").path("audit").path("verb").asString()).isEqualTo("patch");
        assertThat(patch.path("user").path("name").asString()).isEqualTo("mallory");
    }

    private static String fixture(String name, String auditID) throws IOException {
        return Files.readString(AuditTestData.file("fixtures/hostile/" + name)).strip().replace("AUDIT-ID", auditID);
    }

    /** What most of a real batch is: a controller reading pods, at Metadata level. */
    private static String controllerRead(String auditID, int i) {
        Instant now = Instant.now();
        ObjectNode event = VigilJson.mapper().createObjectNode();
        event.put("kind", "Event").put("apiVersion", "audit.k8s.io/v1").put("level", "Metadata")
                .put("auditID", auditID).put("stage", "ResponseComplete")
                .put("requestURI", "/api/v1/namespaces/shop/pods/web-" + i).put("verb", "get");
        event.putObject("user").put("username", "system:serviceaccount:kube-system:replicaset-controller")
                .putArray("groups").add("system:serviceaccounts").add("system:serviceaccounts:kube-system")
                .add("system:authenticated");
        event.putArray("sourceIPs").add("10.0.0.10");
        event.put("userAgent", "kube-controller-manager/v1.31.0 (linux/amd64) kubernetes/9b57c73/system:serviceaccount:"
                + "kube-system:replicaset-controller");
        event.putObject("objectRef").put("resource", "pods").put("namespace", "shop").put("name", "web-" + i)
                .put("apiVersion", "v1");
        event.putObject("responseStatus").putObject("metadata");
        ((ObjectNode) event.path("responseStatus")).put("code", 200);
        event.put("requestReceivedTimestamp", now.toString()).put("stageTimestamp", now.plusMillis(2).toString());
        event.putObject("annotations").put("authorization.k8s.io/decision", "allow")
                .put("authorization.k8s.io/reason", "RBAC: allowed by ClusterRoleBinding \"system:controller:"
                        + "replicaset-controller\" of ClusterRole \"system:controller:replicaset-controller\" to "
                        + "ServiceAccount \"replicaset-controller/kube-system\"");
        return VigilJson.write(event);
    }

    private static long evidenceCount(String run) throws IOException, InterruptedException {
        return search("/vigil-audit-*/_count", """
                {"query": {"prefix": {"kubernetes.audit.auditID": "%s-"}}}""".formatted(run)).path("count").asLong();
    }

    private static List<String> alertAuditIds(String rule) throws IOException, InterruptedException {
        List<String> ids = new ArrayList<>();
        ArrayNode hits = (ArrayNode) search("/vigil-alerts-*/_search", """
                {"size": 100, "query": {"term": {"rule.id": "%s"}}}""".formatted(rule)).path("hits").path("hits");
        hits.forEach(hit -> hit.path("_source").path("vigil").path("evidence").path("audit_ids")
                .forEach(id -> ids.add(id.asString())));
        return ids;
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

    private static String baseUrl() {
        return "http://127.0.0.1:" + vigil.getEnvironment().getRequiredProperty("local.server.port");
    }
}

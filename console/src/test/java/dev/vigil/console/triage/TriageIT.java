package dev.vigil.console.triage;

import dev.vigil.alerting.dlq.DeadLetterPublisher;
import dev.vigil.alerting.index.IndexManager;
import dev.vigil.alerting.index.RetentionProperties;
import dev.vigil.alerting.indexer.BulkIndexer;
import dev.vigil.alerting.indexer.IndexerProperties;
import dev.vigil.alerting.opensearch.OpenSearchRest;
import dev.vigil.alerting.testing.KafkaTestSupport;
import dev.vigil.alerting.testing.TestDocuments;
import dev.vigil.console.ConsoleApiTest;
import dev.vigil.console.ConsoleUsersForTests;
import dev.vigil.embedded.EmbeddedOpenSearchExtension;
import dev.vigil.model.alert.Alert;
import dev.vigil.model.alert.Severity;
import dev.vigil.model.json.VigilJson;
import dev.vigil.model.kafka.KafkaClientSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Triage over HTTP with the real alert indexer between the embedded broker and node: the stream's dedup updates of
 * an alert never erase what an analyst decided about it.
 */
@ConsoleApiTest
public class TriageIT {

    public static final String PASSWORD = ConsoleApiTest.PASSWORD;
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final String id = UUID.randomUUID().toString().substring(0, 8);
    private final String cluster = "triage-" + id;
    private final Instant time = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(5));
    private final HttpClient http = HttpClient.newHttpClient();
    private IndexManager indexes;
    private DeadLetterPublisher deadLetters;
    private BulkIndexer indexer;

    @LocalServerPort
    private int port;
    @Autowired
    private KafkaClientSettings kafka;
    @Autowired
    private OpenSearchClient client;

    @DynamicPropertySource
    static void openSearch(DynamicPropertyRegistry registry) {
        registry.add("vigil.opensearch.url", () -> EmbeddedOpenSearchExtension.openSearch().url());
    }

    @BeforeEach
    void startTheRealAlertIndexer() {
        indexes = new IndexManager(new OpenSearchRest(client), RetentionProperties.defaults());
        indexes.start();
        assertThat(indexes.awaitReady(WAIT)).isTrue();
        deadLetters = new DeadLetterPublisher(kafka, TriageTestApplication.DLQ_TOPIC, "triage-it-dlq");
        IndexerProperties properties = new IndexerProperties(500, org.springframework.util.unit.DataSize.ofMegabytes(5),
                Duration.ofMillis(100), Duration.ZERO, true, Duration.ofMillis(100), Duration.ofSeconds(1),
                "triage-it-alerts-" + id, "triage-it-evidence-" + id, 1, 1);
        indexer = BulkIndexer.alerts(TriageTestApplication.ALERTS_TOPIC, kafka, properties, client, deadLetters, indexes,
                new SimpleMeterRegistry());
        indexer.start();
    }

    @AfterEach
    void stop() {
        indexer.stop();
        deadLetters.close();
        indexes.stop();
    }

    @Test
    void aStreamUpdateOfATriagedAlertKeepsItsTriage() throws Exception {
        Alert alert = alert("anonymous-admin-action", "1");
        produce(alert);
        JsonNode indexed = awaitAlert(alert.id(), 1);
        assertThat(indexed.at("/vigil/triage").isMissingNode()).isTrue(); // nobody triaged it: open

        HttpResponse<String> put = send("PUT", "/v1/alerts/" + alert.id() + "/triage", "ana",
                "{\"status\":\"acknowledged\",\"assignee\":\"ana\",\"notes\":\"looking into the binding\"}");
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        assertThat(VigilJson.mapper().readTree(put.body()).path("alert_count").asLong())
                .as("the verdict records the count it saw").isEqualTo(1);

        produce(alert.repeated(time.plusSeconds(30), "audit-2"));
        JsonNode updated = awaitAlert(alert.id(), 2);
        JsonNode triage = updated.at("/vigil/triage");
        assertThat(triage.path("status").asString()).isEqualTo("acknowledged");
        assertThat(triage.path("assignee").asString()).isEqualTo("ana");
        assertThat(triage.path("notes").asString()).isEqualTo("looking into the binding");
        assertThat(triage.path("updated_by").asString()).isEqualTo("ana");
        assertThat(Instant.parse(triage.path("updated_at").asString())).isAfter(time);
        JsonNode listed = get("/v1/alerts?cluster=" + cluster).path("alerts").get(0);
        assertThat(listed.at("/vigil/triage/status").asString()).isEqualTo("acknowledged");
        assertThat(listed.at("/vigil/count").asLong()).isEqualTo(2);
        // a hit after the verdict: the alert counts one event more than the verdict saw
        assertThat(triage.path("alert_count").asLong()).isEqualTo(1);
        assertThat(listed.at("/vigil/triage/alert_count").asLong()).isEqualTo(1);
    }

    @Test
    void closesSeveralAlertsAtOnceAndFiltersByStatus() throws Exception {
        Alert first = alert("privileged-pod", "a");
        Alert second = alert("privileged-pod", "b");
        Alert third = alert("cni-change", "c");
        produce(first, second, third);
        awaitAlert(third.id(), 1);
        awaitAlert(second.id(), 1);
        awaitAlert(first.id(), 1);

        HttpResponse<String> bulk = send("POST", "/v1/alerts/triage", "ana", """
                {"ids": ["%s", "%s"], "status": "closed", "reason": "false positive"}
                """.formatted(first.id(), second.id()));
        assertThat(bulk.statusCode()).as(bulk.body()).isEqualTo(200);
        assertThat(VigilJson.mapper().readTree(bulk.body()).path("updated").asInt()).isEqualTo(2);
        send("PUT", "/v1/alerts/" + third.id() + "/triage", "ana", "{\"status\":\"acknowledged\"}");

        String inCluster = "/v1/alerts?cluster=" + cluster;
        assertThat(ids(get(inCluster + "&status=closed"))).containsExactlyInAnyOrder(first.id(), second.id());
        assertThat(ids(get(inCluster + "&status=acknowledged"))).containsExactly(third.id());
        assertThat(ids(get(inCluster + "&status=open"))).isEmpty();
        assertThat(ids(get(inCluster + "&status=open,acknowledged"))).containsExactly(third.id());
        JsonNode closed = get("/v1/alerts/" + first.id()).at("/alert/vigil/triage");
        assertThat(closed.path("reason").asString()).isEqualTo("false_positive");

        // reopening makes it open again
        send("PUT", "/v1/alerts/" + first.id() + "/triage", "ana", "{\"status\":\"open\"}");
        assertThat(ids(get(inCluster + "&status=open"))).containsExactly(first.id());
    }

    @Test
    void aTriageIndexOfTheVersionBeforeAlertCountsTakesTheFieldOnTheFirstWrite() {
        // the index as consoles before alert_count created it: strict, so a verdict with the new field would be refused
        OpenSearchRest rest = new OpenSearchRest(client);
        rest.delete("/" + TriageStore.INDEX);
        assertThat(rest.put("/" + TriageStore.INDEX, VigilJson.mapper().readTree("""
                {"settings": {"index": {"number_of_shards": 1, "auto_expand_replicas": "0-1"}},
                 "mappings": {"dynamic": "strict", "properties": {
                   "alert_id": {"type": "keyword"}, "rule_id": {"type": "keyword"}, "cluster": {"type": "keyword"},
                   "alert_timestamp": {"type": "date"}, "status": {"type": "keyword"}, "reason": {"type": "keyword"},
                   "assignee": {"type": "keyword"}, "notes": {"type": "text"}, "updated_by": {"type": "keyword"},
                   "updated_at": {"type": "date"}}}}
                """)).ok()).isTrue();
        String alertId = "privileged-pod:" + id + ":old-index";

        TriageStore store = new TriageStore(client); // a console started after the upgrade
        store.write(List.of(new TriageStore.Entry(alertId, "privileged-pod", cluster, time,
                new Triage(Triage.CLOSED, Triage.FALSE_POSITIVE, null, null, "ana", Instant.now(), 3L))));

        assertThat(store.find(List.of(alertId)).get(alertId).alertCount()).isEqualTo(3L);
    }

    @Test
    void viewersMayNotTriageAndBadChangesAreRefused() throws Exception {
        Alert alert = alert("anonymous-admin-action", "v");
        produce(alert);
        awaitAlert(alert.id(), 1);
        String path = "/v1/alerts/" + alert.id() + "/triage";

        assertThat(send("PUT", path, "vera", "{\"status\":\"acknowledged\"}").statusCode()).isEqualTo(403);
        assertThat(send("PUT", path, "ana", "{\"status\":\"closed\"}").statusCode()).isEqualTo(400); // no reason
        assertThat(send("PUT", path, "ana", "{\"status\":\"done\"}").statusCode()).isEqualTo(400);
        assertThat(send("PUT", "/v1/alerts/no-such-alert/triage", "ana", "{\"status\":\"acknowledged\"}")
                .statusCode()).isEqualTo(404);
        assertThat(send("GET", "/v1/alerts?status=done", "vera", null).statusCode()).isEqualTo(400);
        assertThat(get("/v1/alerts/" + alert.id()).at("/alert/vigil/triage").isMissingNode()).isTrue();
    }

    private Alert alert(String rule, String suffix) {
        return TestDocuments.alert(rule + ":" + id + ":" + suffix, rule, Severity.HIGH, "APP.4.4.A3", cluster,
                "kube-system", time, "audit-1-" + suffix);
    }

    private void produce(Alert... alerts) {
        KafkaTestSupport.produce(kafka, TriageTestApplication.ALERTS_TOPIC, List.of(alerts), Alert::id,
                VigilJson::writeBytes);
    }

    private JsonNode awaitAlert(String alertId, long count) {
        List<JsonNode> found = new ArrayList<>();
        await().atMost(WAIT).untilAsserted(() -> {
            HttpResponse<String> response = send("GET", "/v1/alerts/" + alertId, "ana", null);
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode alert = VigilJson.mapper().readTree(response.body()).path("alert");
            assertThat(alert.at("/vigil/count").asLong()).isEqualTo(count);
            found.add(alert);
        });
        return found.get(found.size() - 1);
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = send("GET", path, "ana", null);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return VigilJson.mapper().readTree(response.body());
    }

    private HttpResponse<String> send(String method, String path, String user, String json)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(ConsoleUsersForTests.basic(request, user, PASSWORD).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("alerts").forEach(alert -> ids.add(alert.at("/event/id").asString()));
        return ids;
    }
}

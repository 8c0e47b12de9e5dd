package dev.vigil.console.compliance;

import dev.vigil.alerting.index.IndexFamily;
import dev.vigil.alerting.testing.KafkaTestSupport;
import dev.vigil.alerting.testing.TestDocuments;
import dev.vigil.console.ConsoleApiTest;
import dev.vigil.console.ConsoleUsersForTests;
import dev.vigil.console.IndexedForTests;
import dev.vigil.console.triage.TriageIT;
import dev.vigil.embedded.EmbeddedOpenSearchExtension;
import dev.vigil.model.alert.Alert;
import dev.vigil.model.alert.Severity;
import dev.vigil.model.audit.AuditEvent;
import dev.vigil.model.evidence.Evidence;
import dev.vigil.model.json.VigilJson;
import dev.vigil.model.kafka.KafkaClientSettings;
import dev.vigil.model.kafka.Topics;
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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /v1/compliance} with and without the cluster watch: A21 (no pod older than 24 h) is judged on watch
 * state, so pod activity in the audit log alone never makes it clean; unknown clusters are 404.
 */
@ConsoleApiTest
class ComplianceIT {

    private final String id = UUID.randomUUID().toString().substring(0, 8);
    private final String watched = "watched-" + id;
    private final String unwatched = "unwatched-" + id;
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    private int port;
    @Autowired
    private KafkaClientSettings kafka;
    @Autowired
    private Topics topics;

    @DynamicPropertySource
    static void openSearch(DynamicPropertyRegistry registry) {
        registry.add("vigil.opensearch.url", () -> EmbeddedOpenSearchExtension.openSearch().url());
    }

    @Test
    void a21IsNotObservedWithoutTheWatchAndCleanWithIt() throws Exception {
        indexPodCreations(watched, unwatched);
        KafkaTestSupport.produce(kafka, topics.watch(), List.of(watched + "/Pod/payments/api-0"), key -> key,
                key -> ("{\"cluster\":\"" + watched + "\",\"type\":\"ADDED\",\"object\":{}}")
                        .getBytes(StandardCharsets.UTF_8));

        JsonNode withoutWatch = row(get("/v1/compliance?cluster=" + unwatched), "APP.4.4.A21");
        assertThat(withoutWatch.path("relevantEvents").asLong()).isPositive(); // pods were created …
        assertThat(withoutWatch.path("status").asString()).isEqualTo("not observed"); // … but nobody watched them
        assertThat(withoutWatch.path("missingSources").get(0).asString()).isEqualTo("watch");

        JsonNode withWatch = row(get("/v1/compliance?cluster=" + watched), "APP.4.4.A21");
        assertThat(withWatch.path("status").asString()).isEqualTo("clean");
        assertThat(withWatch.path("missingSources")).isEmpty();
        // audit-only requirements do not care about the watch
        assertThat(row(get("/v1/compliance?cluster=" + unwatched), "APP.4.4.A9").path("status").asString())
                .isEqualTo("clean");
    }

    @Test
    void theWindowIsSelectableAndUnknownClustersAreNotFound() throws Exception {
        indexPodCreations(unwatched);
        JsonNode day = get("/v1/compliance?cluster=" + unwatched + "&window=24h");
        assertThat(day.path("window").asString()).isEqualTo("1d");
        assertThat(Instant.parse(day.path("since").asString()))
                .isCloseTo(Instant.now().minus(1, ChronoUnit.DAYS), within());
        assertThat(send("/v1/compliance?cluster=never-seen-" + id).statusCode()).isEqualTo(404);
        assertThat(send("/v1/compliance?window=forever").statusCode()).isEqualTo(400);
        assertThat(send("/v1/compliance?window=365d").statusCode()).isEqualTo(400);
    }

    @Test
    void onlyOpenPostureFindingsCountAndAnOpenOneCountsHoweverOldItIs() throws Exception {
        String cluster = "posture-" + id;
        indexPodCreations(cluster);
        KafkaTestSupport.produce(kafka, topics.watch(), List.of(cluster + "/Namespace//shop"), key -> key,
                key -> ("{\"cluster\":\"" + cluster + "\",\"type\":\"ADDED\",\"object\":{}}")
                        .getBytes(StandardCharsets.UTF_8));
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Alert namespace = TestDocuments.alert("ns-" + id, "namespace-without-default-deny", Severity.MEDIUM,
                "APP.4.4.A7", cluster, "shop", now.minus(20, ChronoUnit.MINUTES), "none");
        Alert resolved = namespace.withVigil(namespace.vigil().opened(namespace.timestamp())
                .resolved(now.minus(5, ChronoUnit.MINUTES)));
        Alert placement = TestDocuments.alert("cp-" + id, "workload-on-control-plane-node", Severity.MEDIUM,
                "APP.4.4.A14", cluster, "shop", now.minus(30, ChronoUnit.DAYS), "none");
        Alert openForAMonth = placement.withVigil(placement.vigil().opened(placement.timestamp()));
        indexAlerts(List.of(resolved, openForAMonth));

        JsonNode report = get("/v1/compliance?cluster=" + cluster);
        JsonNode a7 = row(report, "APP.4.4.A7");
        assertThat(a7.path("alertsInWindow").asLong()).as("a resolved finding does not count").isZero();
        assertThat(a7.path("status").asString()).isNotEqualTo("violated");
        JsonNode a14 = row(report, "APP.4.4.A14");
        assertThat(a14.path("alertsInWindow").asLong()).as("open for a month, still open").isEqualTo(1);
        assertThat(a14.path("alerts24h").asLong()).isEqualTo(1);
        assertThat(a14.path("status").asString()).isEqualTo("violated");
    }

    private void indexAlerts(List<Alert> alerts) throws Exception {
        IndexedForTests.index(IndexFamily.ALERTS, alerts, Alert::id, Alert::timestamp);
    }

    private static org.assertj.core.data.TemporalUnitOffset within() {
        return new org.assertj.core.data.TemporalUnitWithinOffset(1, ChronoUnit.MINUTES);
    }

    private void indexPodCreations(String... clusters) throws Exception {
        List<AuditEvent> events = TestDocuments.thirdPartyEvents();
        AuditEvent podCreation = events.stream().filter(event -> event.objectRef() != null
                && "pods".equals(event.objectRef().resource()) && "create".equals(event.verb())).findFirst().orElseThrow();
        AuditEvent secretRead = events.stream().filter(event -> event.objectRef() != null
                && "secrets".equals(event.objectRef().resource())).findFirst().orElseThrow();
        Instant time = Instant.now().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        List<Evidence> evidence = new ArrayList<>();
        for (String cluster : clusters) {
            evidence.add(TestDocuments.evidence(TestDocuments.copy(podCreation, "pod-" + cluster, time), cluster, time));
            evidence.add(TestDocuments.evidence(TestDocuments.copy(secretRead, "sec-" + cluster, time), cluster, time));
        }
        IndexedForTests.index(IndexFamily.EVIDENCE, evidence, Evidence::documentId, Evidence::timestamp);
    }

    private static JsonNode row(JsonNode report, String requirement) {
        for (JsonNode row : report.path("requirements")) {
            if (requirement.equals(row.path("id").asString())) {
                return row;
            }
        }
        throw new AssertionError("no row " + requirement + " in " + report);
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = send(path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return VigilJson.mapper().readTree(response.body());
    }

    private HttpResponse<String> send(String path) throws Exception {
        return http.send(ConsoleUsersForTests.basic(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)),
                "vera", TriageIT.PASSWORD).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}

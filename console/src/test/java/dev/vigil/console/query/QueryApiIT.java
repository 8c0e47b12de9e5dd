package dev.vigil.console.query;

import dev.vigil.alerting.index.IndexFamily;
import dev.vigil.alerting.index.TemplateInstaller;
import dev.vigil.alerting.testing.OpenSearchProbe;
import dev.vigil.alerting.testing.TestDocuments;
import dev.vigil.console.ConsoleUsersForTests;
import dev.vigil.embedded.EmbeddedOpenSearchExtension;
import dev.vigil.embedded.WithEmbeddedKafka;
import dev.vigil.embedded.WithEmbeddedOpenSearch;
import dev.vigil.model.alert.Alert;
import dev.vigil.model.alert.Severity;
import dev.vigil.model.audit.AuditEvent;
import dev.vigil.model.evidence.Evidence;
import dev.vigil.model.json.VigilJson;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opensearch.client.json.JsonData;
import org.opensearch.client.opensearch._types.Refresh;
import org.opensearch.client.opensearch._types.ShardStatistics;
import org.opensearch.client.opensearch.core.BulkResponse;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The read API over HTTP against the embedded node, in a console-only deployment (no indexer running). */
@WithEmbeddedKafka
@WithEmbeddedOpenSearch
@SpringBootTest(classes = QueryApiTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"vigil.roles=console", "vigil.console.password=" + QueryApiIT.PASSWORD})
class QueryApiIT {

    static final String PASSWORD = "query-it-password";
    private static final String ID = UUID.randomUUID().toString().substring(0, 8);
    private static final String CLUSTER = "query-" + ID;
    /** Alerts whose raising (event.created) is in another order than their events (@timestamp). */
    private static final String LATE = "late-" + ID;
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private final HttpClient http = HttpClient.newHttpClient();
    private static final List<Alert> alerts = new ArrayList<>();
    private static final List<Evidence> evidence = new ArrayList<>();

    @LocalServerPort
    private int port;

    @Autowired
    private AlertSearch search;

    @DynamicPropertySource
    static void openSearch(DynamicPropertyRegistry registry) {
        registry.add("vigil.opensearch.url", () -> EmbeddedOpenSearchExtension.openSearch().url());
    }

    /** Runs after the embedded servers started and before the Spring context (created with the first test). */
    @BeforeAll
    static void indexDocuments() throws IOException {
        List<AuditEvent> events = TestDocuments.thirdPartyEvents();
        AuditEvent podCreation = events.stream().filter(event -> event.objectRef() != null
                && "pods".equals(event.objectRef().resource()) && "create".equals(event.verb())).findFirst().orElseThrow();
        AuditEvent secretRead = events.stream().filter(event -> event.objectRef() != null
                && "secrets".equals(event.objectRef().resource())).findFirst().orElseThrow();
        // evidence of the last hour: pod creations (A4, A21, SYS.1.6 relevant) and other requests (A3, A9 relevant)
        for (int i = 0; i < 5; i++) {
            Instant time = NOW.minusSeconds(300L * (i + 1));
            evidence.add(TestDocuments.evidence(TestDocuments.copy(podCreation, "pod-" + ID + "-" + i, time), CLUSTER, time));
            evidence.add(TestDocuments.evidence(TestDocuments.copy(secretRead, "sec-" + ID + "-" + i, time), CLUSTER, time));
        }
        // another cluster whose sender chose the same audit id as the evidence of alert 2: never that alert's evidence
        evidence.add(TestDocuments.evidence(TestDocuments.copy(secretRead, "pod-" + ID + "-0", NOW.minusSeconds(300)),
                "other-" + ID, NOW.minusSeconds(300)));
        // the same cluster, the same audit id, another user's request 8 days earlier (a reused id; outside the
        // compliance window so that the report's counts stay): not the evidence
        AuditEvent reused = TestDocuments.copy(secretRead, "pod-" + ID + "-0", NOW.minus(Duration.ofDays(8)));
        evidence.add(TestDocuments.evidence(new AuditEvent(reused.apiVersion(), reused.kind(), reused.level(),
                reused.auditID(), "RequestReceived", reused.requestURI(), reused.verb(),
                new dev.vigil.model.audit.UserInfo("mallory@example.com", null, List.of(), null), null,
                reused.sourceIPs(), reused.userAgent(), reused.objectRef(), null, null, null,
                reused.requestReceivedTimestamp(), reused.stageTimestamp(), reused.annotations(), reused.other()),
                CLUSTER, NOW.minus(Duration.ofDays(8))));
        alerts.add(TestDocuments.alert("anonymous-admin-action:" + ID + ":1", "anonymous-admin-action", Severity.CRITICAL,
                "APP.4.4.A3", CLUSTER, "kube-system", NOW.minus(Duration.ofMinutes(10)), "sec-" + ID + "-1"));
        alerts.add(TestDocuments.alert("privileged-pod:" + ID + ":2", "privileged-pod", Severity.HIGH,
                "APP.4.4.A4", CLUSTER, "payments", NOW.minus(Duration.ofHours(2)), "pod-" + ID + "-0"));
        alerts.add(TestDocuments.alert("privileged-pod:" + ID + ":3", "privileged-pod", Severity.HIGH,
                "APP.4.4.A4", CLUSTER, "monitoring", NOW.minus(Duration.ofDays(3)), "pod-" + ID + "-3"));
        alerts.add(TestDocuments.alert("cni-change:" + ID + ":4", "cni-change", Severity.HIGH,
                "APP.4.4.A7", "other-" + ID, "kube-system", NOW.minus(Duration.ofHours(1)), "none"));
        // a replayed event of 3 h ago raised its alert a minute ago: first by default, last by event time
        alerts.add(raisedAt(TestDocuments.alert("privileged-pod:" + ID + ":late", "privileged-pod", Severity.CRITICAL,
                "APP.4.4.A4", LATE, "shop", NOW.minus(Duration.ofHours(3)), "late-1"), NOW.minus(Duration.ofMinutes(1))));
        alerts.add(TestDocuments.alert("privileged-pod:" + ID + ":1h", "privileged-pod", Severity.HIGH,
                "APP.4.4.A4", LATE, "shop", NOW.minus(Duration.ofHours(1)), "late-2"));
        alerts.add(TestDocuments.alert("privileged-pod:" + ID + ":2h", "privileged-pod", Severity.HIGH,
                "APP.4.4.A4", LATE, "shop", NOW.minus(Duration.ofHours(2)), "late-3"));
        try (OpenSearchProbe probe = new OpenSearchProbe(EmbeddedOpenSearchExtension.openSearch().url())) {
            new TemplateInstaller(probe.rest()).install();
            BulkResponse response = probe.client().bulk(bulk -> {
                bulk.refresh(Refresh.True);
                for (Alert alert : withBsi(alerts)) {
                    bulk.operations(op -> op.<JsonNode>index(index -> index.index(IndexFamily.ALERTS.indexFor(
                            alert.timestamp())).id(alert.id()).document(VigilJson.tree(alert))));
                }
                for (Evidence document : evidence) {
                    bulk.operations(op -> op.<JsonNode>index(index -> index.index(IndexFamily.EVIDENCE.indexFor(
                            document.timestamp())).id(document.documentId()).document(VigilJson.tree(document))));
                }
                return bulk;
            });
            assertThat(response.errors()).isFalse();
        }
    }

    @Test
    void listsTheAlertsOfAClusterNewestFirstInPages() throws Exception {
        JsonNode first = get("/v1/alerts?cluster=" + CLUSTER + "&size=2");
        JsonNode second = get("/v1/alerts?cluster=" + CLUSTER + "&size=2&from=2");

        assertThat(first.path("total").asLong()).isEqualTo(3);
        assertThat(ids(first)).containsExactly("anonymous-admin-action:" + ID + ":1", "privileged-pod:" + ID + ":2");
        assertThat(ids(second)).containsExactly("privileged-pod:" + ID + ":3");
        JsonNode alert = first.path("alerts").get(0);
        assertThat(alert).isEqualTo(TestDocuments.asRead(withBsi(alerts).get(0))); // the stored document, field for field
        assertThat(alert.path("@timestamp").asString()).isEqualTo(NOW.minus(Duration.ofMinutes(10)).toString());
        assertThat(alert.at("/vigil/severity").asString()).isEqualTo("critical");
    }

    @Test
    void filtersByRuleSeverityNamespaceTimeAndText() throws Exception {
        String cluster = "cluster=" + CLUSTER;

        assertThat(ids(get("/v1/alerts?" + cluster + "&rule=privileged-pod")))
                .containsExactly("privileged-pod:" + ID + ":2", "privileged-pod:" + ID + ":3");
        assertThat(ids(get("/v1/alerts?" + cluster + "&severity=critical,low")))
                .containsExactly("anonymous-admin-action:" + ID + ":1");
        assertThat(ids(get("/v1/alerts?" + cluster + "&namespace=monitoring"))).containsExactly("privileged-pod:" + ID + ":3");
        assertThat(ids(get("/v1/alerts?" + cluster + "&since=24h"))).hasSize(2);
        assertThat(ids(get("/v1/alerts?" + cluster + "&until=" + NOW.minus(Duration.ofDays(1)))))
                .containsExactly("privileged-pod:" + ID + ":3");
        assertThat(ids(get("/v1/alerts?" + cluster + "&bsi=SYS.1.6")))
                .containsExactly("privileged-pod:" + ID + ":2", "privileged-pod:" + ID + ":3");
        assertThat(ids(get("/v1/alerts?" + cluster + "&q=anonymous"))).containsExactly("anonymous-admin-action:" + ID + ":1");
        assertThat(ids(get("/v1/alerts?rule=cni-change&cluster=other-" + ID))).containsExactly("cni-change:" + ID + ":4");
    }

    @Test
    void showsOneAlertWithItsEvidenceFromItsOwnClusterOnly() throws Exception {
        JsonNode detail = get("/v1/alerts/privileged-pod:" + ID + ":2");

        assertThat(detail.at("/alert/event/id").asString()).isEqualTo("privileged-pod:" + ID + ":2");
        assertThat(detail.path("evidence")).hasSize(1);
        assertThat(detail.path("evidence").get(0)).isEqualTo(TestDocuments.asRead(evidence.get(0)));
        assertThat(search.find("privileged-pod:" + ID + ":2")).isPresent();
    }

    @Test
    void answers404ForAnUnknownAlertAnd400ForBadFilters() throws Exception {
        assertThat(send("/v1/alerts/no-such-alert").statusCode()).isEqualTo(404);

        HttpResponse<String> bad = send("/v1/alerts?severity=urgent");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(VigilJson.mapper().readTree(bad.body()).path("detail").asString())
                .contains("severity must be one of critical, high, medium, low, info");
        assertThat(send("/v1/alerts?size=5000").statusCode()).isEqualTo(400);
    }

    @Test
    void reportsTheBsiStatusOfEveryRequirementForACluster() throws Exception {
        JsonNode report = get("/v1/compliance?cluster=" + CLUSTER);
        Map<String, JsonNode> rows = new HashMap<>();
        report.path("requirements").forEach(row -> rows.put(row.path("id").asString(), row));

        assertThat(report.path("cluster").asString()).isEqualTo(CLUSTER);
        assertThat(report.path("window").asString()).isEqualTo("7d");
        assertThat(report.path("requirements")).hasSize(22);
        assertThat(status(rows, "APP.4.4.A3")).isEqualTo("violated");
        assertThat(rows.get("APP.4.4.A3").path("alerts24h").asLong()).isEqualTo(1);
        assertThat(rows.get("APP.4.4.A3").path("rules").get(0).path("id").asString()).isEqualTo("anonymous-admin-action");
        assertThat(status(rows, "APP.4.4.A4")).isEqualTo("violated");
        assertThat(rows.get("APP.4.4.A4").path("alerts24h").asLong()).isEqualTo(1);
        assertThat(rows.get("APP.4.4.A4").path("alerts7d").asLong()).isEqualTo(2);
        assertThat(status(rows, "SYS.1.6")).isEqualTo("violated");
        assertThat(status(rows, "APP.4.4.A9")).isEqualTo("clean");
        assertThat(rows.get("APP.4.4.A9").path("relevantEvents").asLong()).isEqualTo(10);
        // pods were created, but no cluster watch ran: long-lived-pod had nothing to judge (ComplianceIT has the watch)
        assertThat(status(rows, "APP.4.4.A21")).isEqualTo("not observed");
        assertThat(rows.get("APP.4.4.A21").path("relevantEvents").asLong()).isEqualTo(5);
        assertThat(status(rows, "APP.4.4.A7")).isEqualTo("not observed"); // the cni-change alert is of another cluster
        assertThat(status(rows, "APP.4.4.A18")).isEqualTo("not observed");
        assertThat(status(rows, "APP.4.4.A1")).isEqualTo("clean"); // pods created, pod-in-default-namespace loaded
        assertThat(status(rows, "APP.4.4.A11")).isEqualTo("clean"); // pods created, pod-missing-probes loaded
        assertThat(status(rows, "APP.4.4.A8")).isEqualTo("not observed"); // rules loaded, no configuration changes seen
        assertThat(status(rows, "APP.4.4.A2")).isEqualTo("not observable");

        assertThat(send("/v1/compliance?cluster=nothing-here-" + ID).statusCode()).isEqualTo(404);
    }

    @Test
    void sortsByWhenRaisedByDefaultAndByEventTimeOnRequest() throws Exception {
        String late = "cluster=" + LATE;

        JsonNode byDefault = get("/v1/alerts?" + late);
        assertThat(ids(byDefault)).containsExactly("privileged-pod:" + ID + ":late", "privileged-pod:" + ID + ":1h",
                "privileged-pod:" + ID + ":2h");
        assertThat(byDefault.path("sort").asString()).isEqualTo("updated");
        assertThat(byDefault.path("order").asString()).isEqualTo("desc");
        assertThat(ids(get("/v1/alerts?" + late + "&sort=time"))).containsExactly("privileged-pod:" + ID + ":1h",
                "privileged-pod:" + ID + ":2h", "privileged-pod:" + ID + ":late");
        assertThat(ids(get("/v1/alerts?" + late + "&sort=time&order=asc"))).containsExactly(
                "privileged-pod:" + ID + ":late", "privileged-pod:" + ID + ":2h", "privileged-pod:" + ID + ":1h");
    }

    @Test
    void pagesThroughEveryMatchWithTheNextCursor() throws Exception {
        List<String> seen = new ArrayList<>();
        String path = "/v1/alerts?cluster=" + LATE + "&size=1";
        JsonNode page = get(path);
        assertThat(page.path("total").asLong()).isEqualTo(3);
        while (true) {
            seen.addAll(ids(page));
            assertThat(page.path("total").asLong()).as("the total of every page").isEqualTo(3);
            if (page.path("next").isNull()) {
                break;
            }
            page = get(path + "&cursor=" + page.path("next").asString());
        }
        assertThat(seen).containsExactly("privileged-pod:" + ID + ":late", "privileged-pod:" + ID + ":1h",
                "privileged-pod:" + ID + ":2h");

        String cursor = get(path).path("next").asString();
        HttpResponse<String> otherOrder = send(path + "&sort=time&cursor=" + cursor);
        assertThat(otherOrder.statusCode()).isEqualTo(400);
        assertThat(problem(otherOrder).path("parameter").asString()).isEqualTo("cursor");
        assertThat(problem(send(path + "&cursor=garbage")).path("parameter").asString()).isEqualTo("cursor");
        assertThat(problem(send(path + "&from=1&cursor=" + cursor)).path("parameter").asString()).isEqualTo("from");
    }

    @Test
    void answersEveryErrorAsAProblemNamingTheParameter() throws Exception {
        HttpResponse<String> unknown = send("/v1/alerts?severty=critical");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(problem(unknown).path("parameter").asString()).isEqualTo("severty");
        assertThat(problem(unknown).path("detail").asString()).contains("severty is not a parameter");

        HttpResponse<String> notANumber = send("/v1/alerts?size=ten");
        assertThat(notANumber.statusCode()).isEqualTo(400);
        assertThat(problem(notANumber).path("parameter").asString()).isEqualTo("size");
        assertThat(problem(send("/v1/alerts?sort=severity")).path("parameter").asString()).isEqualTo("sort");
        assertThat(problem(send("/v1/alerts?order=up")).path("parameter").asString()).isEqualTo("order");
        assertThat(problem(send("/v1/alerts?since=yesterday")).path("parameter").asString()).isEqualTo("since");

        HttpResponse<String> noAlert = send("/v1/alerts/no-such-alert");
        assertThat(noAlert.statusCode()).isEqualTo(404);
        assertThat(problem(noAlert).path("status").asInt()).isEqualTo(404);
        HttpResponse<String> noEndpoint = send("/v1/no-such-endpoint");
        assertThat(noEndpoint.statusCode()).isEqualTo(404);
        assertThat(problem(noEndpoint).path("detail").asString()).contains("/v1/no-such-endpoint");

        HttpResponse<String> signedOut = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/v1/alerts")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(signedOut.statusCode()).isEqualTo(401);
        assertThat(problem(signedOut).path("status").asInt()).isEqualTo(401);
        assertThat(signedOut.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                challenge -> assertThat(challenge).startsWith("Basic"));
    }

    @Test
    void searchesPrincipalObjectAndSourceIp() throws Exception {
        String cluster = "cluster=" + CLUSTER;
        assertThat(ids(get("/v1/alerts?" + cluster + "&q=system:anonymous"))).hasSize(3);
        assertThat(ids(get("/v1/alerts?" + cluster + "&q=203.0.113.7"))).hasSize(3);
        assertThat(ids(get("/v1/alerts?" + cluster + "&q=198.51.100.1"))).isEmpty();
        assertThat(ids(get("/v1/alerts?" + cluster + "&q=clusterrolebindings+monitoring")))
                .containsExactly("privileged-pod:" + ID + ":3");
    }

    @Test
    void anAnswerFromOnlySomeShardsIs503NamingTheFailedShardNotAnIncompleteList() throws Exception {
        // An index of the alert pattern whose only primary can never be allocated: OpenSearch answers a search of
        // vigil-alerts-* with 200 and the hits of the other shards, as during a new day's index start or a node loss.
        String broken = "vigil-alerts-broken-" + ID;
        try (OpenSearchProbe probe = new OpenSearchProbe(EmbeddedOpenSearchExtension.openSearch().url())) {
            createNeverStarting(probe, broken);
            try {
                // what the check relies on: the unallocated shard is neither successful nor failed, and shards the
                // pre-filter skips (here all, for a range no document is in) count as successful
                ShardStatistics plain = probe.client().search(search -> search.index(IndexFamily.ALERTS.pattern())
                        .size(0), JsonNode.class).shards();
                assertThat(plain.failed()).isZero();
                assertThat(plain.successful()).isEqualTo(plain.total() - 1);
                ShardStatistics skipped = probe.client().search(search -> search.index(IndexFamily.ALERTS.pattern())
                        .size(0).preFilterShardSize(1L).query(query -> query.range(range -> range.field("@timestamp")
                                .lt(JsonData.of("1971-01-01T00:00:00Z")))), JsonNode.class).shards();
                assertThat(skipped.skipped()).isPositive();
                assertThat(skipped.successful()).isEqualTo(plain.successful());

                HttpResponse<String> answer = send("/v1/alerts?cluster=" + CLUSTER);

                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
                assertThat(answer.headers().firstValue("Retry-After")).hasValue("10");
                assertThat(problem(answer).path("detail").asString()).contains("OpenSearch answered from",
                        "(1 without a started copy)", "an incomplete answer is not shown");
                assertThat(send("/v1/alerts/" + alerts.get(0).id()).statusCode()).isEqualTo(503);
            } finally {
                assertThat(probe.rest().delete("/" + broken).ok()).isTrue();
            }
        }
        assertThat(ids(get("/v1/alerts?cluster=" + CLUSTER))).isNotEmpty();
    }

    @Test
    void anAlertWhoseEvidenceCannotBeReadIsAnsweredWithTheReasonInsteadOfAPartialList() throws Exception {
        String id = alerts.get(0).id();
        assertThat(get("/v1/alerts/" + id).path("evidence")).isNotEmpty();
        String broken = "vigil-audit-broken-" + ID;
        try (OpenSearchProbe probe = new OpenSearchProbe(EmbeddedOpenSearchExtension.openSearch().url())) {
            createNeverStarting(probe, broken);
            try {
                JsonNode detail = get("/v1/alerts/" + id);

                assertThat(detail.at("/alert/event/id").asString()).isEqualTo(id);
                assertThat(detail.path("evidence")).isEmpty();
                assertThat(detail.path("evidence_error").asString()).contains("OpenSearch answered from",
                        "(1 without a started copy)");
            } finally {
                assertThat(probe.rest().delete("/" + broken).ok()).isTrue();
            }
        }
        JsonNode detail = get("/v1/alerts/" + id);
        assertThat(detail.has("evidence_error")).isFalse();
        assertThat(detail.path("evidence")).isNotEmpty();
    }

    /** An index whose only primary can never be allocated (it requires a node that does not exist). */
    private static void createNeverStarting(OpenSearchProbe probe, String index) {
        assertThat(probe.rest().put("/" + index, Map.of("wait_for_active_shards", "0"), VigilJson.mapper().readTree("""
                {"settings": {"index": {"number_of_shards": 1, "number_of_replicas": 0,
                                        "routing.allocation.require._name": "no-such-node"}}}""")).ok()).isTrue();
    }

    private static JsonNode problem(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        return VigilJson.mapper().readTree(response.body());
    }

    @Test
    void facetsOfferEveryValueTheFiltersMatchNotOnlyThoseOfTheLoadedPage() throws Exception {
        JsonNode firstPage = get("/v1/alerts?cluster=" + CLUSTER + "&size=1");
        JsonNode facets = get("/v1/alerts/facets?cluster=" + CLUSTER);

        // "monitoring" is only on the third alert of the cluster, beyond the first page
        assertThat(firstPage.at("/alerts/0/orchestrator/namespace").asString()).isNotEqualTo("monitoring");
        assertThat(facets.path("total").asLong()).isEqualTo(3);
        assertThat(terms(facets, "namespaces")).containsOnly(Map.entry("kube-system", 1L),
                Map.entry("payments", 1L), Map.entry("monitoring", 1L));
        assertThat(terms(facets, "rules")).containsOnly(Map.entry("anonymous-admin-action", 1L),
                Map.entry("privileged-pod", 2L));
        // the cluster's own filter does not narrow its field: the other clusters stay choosable
        assertThat(terms(facets, "clusters")).containsKeys(CLUSTER, "other-" + ID, LATE);
        // another field's filter does
        assertThat(terms(get("/v1/alerts/facets?cluster=" + CLUSTER + "&namespace=payments"), "rules"))
                .containsOnly(Map.entry("privileged-pod", 1L));
    }

    @Test
    void facetsRefuseTheListsPagingParameters() throws Exception {
        HttpResponse<String> response = send("/v1/alerts/facets?size=10");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(VigilJson.mapper().readTree(response.body()).path("parameter").asString()).isEqualTo("size");
    }

    @Test
    void aWrongMethodOnAKnownPathIs405WithAllowAsAProblem() throws Exception {
        for (String[] call : List.of(new String[] {"DELETE", "/v1/alerts"}, new String[] {"POST", "/v1/overview"},
                new String[] {"PUT", "/v1/search"}, new String[] {"DELETE", "/v1/alerts/some-id"},
                new String[] {"PATCH", "/v1/alerts/facets"})) {
            HttpResponse<String> response = send(call[0], call[1], true);

            assertThat(response.statusCode()).as(call[0] + " " + call[1] + ": " + response.body()).isEqualTo(405);
            assertThat(response.headers().firstValue("Allow")).as(call[1]).hasValueSatisfying(allow ->
                    assertThat(allow.split(",\\s*")).contains("GET").doesNotContain(call[0]));
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                    assertThat(type).startsWith("application/problem+json"));
            assertThat(VigilJson.mapper().readTree(response.body()).path("status").asInt()).isEqualTo(405);
        }
    }

    @Test
    void anUnknownPathStays404AndAnUnauthenticatedWrongMethod401() throws Exception {
        HttpResponse<String> unknown = send("DELETE", "/v1/no-such-thing", true);
        HttpResponse<String> anonymous = send("DELETE", "/v1/alerts", false);

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
    }

    private static Map<String, Long> terms(JsonNode facets, String field) {
        Map<String, Long> terms = new HashMap<>();
        facets.path("fields").path(field).forEach(term -> terms.put(term.path("value").asString(),
                term.path("count").asLong()));
        return terms;
    }

    private HttpResponse<String> send(String method, String path, boolean signedIn)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (signedIn) {
            request = ConsoleUsersForTests.basic(request, "admin", PASSWORD);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Alert raisedAt(Alert alert, Instant created) {
        dev.vigil.model.ecs.EcsEvent event = alert.event();
        return new Alert(alert.timestamp(), alert.message(), new dev.vigil.model.ecs.EcsEvent(event.kind(), event.id(),
                created, event.severity(), event.category(), event.dataset(), event.action(), event.outcome()),
                alert.rule(), alert.threat(), alert.user(), alert.source(), alert.userAgent(), alert.orchestrator(),
                alert.vigil());
    }

    /** privileged-pod names SYS.1.6 as well, like the bundled rule does. */
    private static List<Alert> withBsi(List<Alert> alerts) {
        return alerts.stream().map(alert -> !alert.rule().id().equals("privileged-pod") ? alert
                : new Alert(alert.timestamp(), alert.message(), alert.event(), alert.rule(), alert.threat(), alert.user(),
                alert.source(), alert.userAgent(), alert.orchestrator(), new dev.vigil.model.alert.VigilAlertInfo(
                alert.vigil().severity(), List.of("APP.4.4.A4", "SYS.1.6"), alert.vigil().count(),
                alert.vigil().firstSeen(), alert.vigil().lastSeen(), alert.vigil().evidence()))).toList();
    }

    private static String status(Map<String, JsonNode> rows, String id) {
        return rows.get(id).path("status").asString();
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("alerts").forEach(alert -> ids.add(alert.at("/event/id").asString()));
        return ids;
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = send(path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return VigilJson.mapper().readTree(response.body());
    }

    private HttpResponse<String> send(String path) throws IOException, InterruptedException {
        // the read API is behind the console's login, as in the app
        return http.send(ConsoleUsersForTests.basic(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)),
                "admin", PASSWORD).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}

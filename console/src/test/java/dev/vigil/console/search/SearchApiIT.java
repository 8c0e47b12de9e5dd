package dev.vigil.console.search;

import dev.vigil.alerting.index.IndexFamily;
import dev.vigil.alerting.testing.TestDocuments;
import dev.vigil.console.ConsoleUsersForTests;
import dev.vigil.console.IndexedForTests;
import dev.vigil.embedded.CapturedLogs;
import dev.vigil.embedded.EmbeddedOpenSearchExtension;
import dev.vigil.embedded.WithEmbeddedKafka;
import dev.vigil.embedded.WithEmbeddedOpenSearch;
import dev.vigil.model.audit.AuditEvent;
import dev.vigil.model.audit.ObjectReference;
import dev.vigil.model.audit.ResponseStatus;
import dev.vigil.model.audit.UserInfo;
import dev.vigil.model.evidence.Evidence;
import dev.vigil.model.json.VigilJson;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Forensic search over HTTP against the embedded node: query syntax, filters, pivots, paging, exports, errors, roles. */
@WithEmbeddedKafka
@WithEmbeddedOpenSearch
@SpringBootTest(classes = SearchApiTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"vigil.roles=console", "vigil.console.search.export-max=4",
                "vigil.console.users[0].username=ana", "vigil.console.users[0].password={noop}" + SearchApiIT.PASSWORD,
                "vigil.console.users[0].role=analyst",
                "vigil.console.users[1].username=vera", "vigil.console.users[1].password={noop}" + SearchApiIT.PASSWORD,
                "vigil.console.users[1].role=viewer"})
class SearchApiIT {

    static final String PASSWORD = "search-it-password";
    private static final String ID = UUID.randomUUID().toString().substring(0, 8);
    private static final String CLUSTER = "search-" + ID;
    private static final String ALICE = "alice-" + ID + "@example.com";
    private static final String BOB = "bob-" + ID + "@example.com";
    /** A user agent a CSV writer must quote: a comma, quotes and a line break; and one a spreadsheet would run. */
    private static final String AWKWARD_AGENT = "curl \"8.5\", made\nby " + ID;
    private static final String FORMULA_AGENT = "=HYPERLINK(\"http://evil\")";
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    private int port;

    @DynamicPropertySource
    static void openSearch(DynamicPropertyRegistry registry) {
        registry.add("vigil.opensearch.url", () -> EmbeddedOpenSearchExtension.openSearch().url());
    }

    @BeforeAll
    static void indexEvidence() throws IOException {
        AuditEvent base = TestDocuments.thirdPartyEvents().get(0);
        List<Evidence> evidence = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            evidence.add(evidence(base, "a" + i, NOW.minus(Duration.ofMinutes(10L * i)), ALICE, "198.51.100.4", "get",
                    new ObjectReference("secrets", "shop", "db-pass", null, "", "v1", null, null), 200, "kubectl/v1.31"));
        }
        evidence.add(evidence(base, "a-old", NOW.minus(Duration.ofDays(3)), ALICE, "198.51.100.4", "get",
                new ObjectReference("configmaps", "shop", "settings", null, "", "v1", null, null), 200, "kubectl/v1.31"));
        evidence.add(evidence(base, "b1", NOW.minus(Duration.ofMinutes(5)), BOB, "198.51.100.9", "create",
                new ObjectReference("pods", "shop", "web-1", null, "", "v1", null, null), 201, AWKWARD_AGENT));
        evidence.add(evidence(base, "b2", NOW.minus(Duration.ofDays(2)), BOB, "203.0.113.50", "delete",
                new ObjectReference("pods", "shop", "web-1", null, "", "v1", null, null), 403, FORMULA_AGENT));
        IndexedForTests.index(IndexFamily.EVIDENCE, evidence, Evidence::documentId, Evidence::timestamp);
    }

    private static Evidence evidence(AuditEvent base, String auditId, Instant time, String user, String ip, String verb,
                                     ObjectReference object, int code, String agent) {
        AuditEvent event = new AuditEvent(base.apiVersion(), base.kind(), base.level(), auditId + "-" + ID,
                "ResponseComplete", "/api/v1/namespaces/" + object.namespace() + "/" + object.resource(), verb,
                new UserInfo(user, null, List.of("system:authenticated"), null), null, List.of(ip), agent, object,
                new ResponseStatus(code, null, null, null, null), null, null, time.minusMillis(3), time, Map.of(),
                base.other());
        return TestDocuments.evidence(event, CLUSTER, time);
    }

    @Test
    void searchesTheSimpleQueryStringSyntaxNewestFirst() throws Exception {
        JsonNode secrets = search("q=secrets");
        assertThat(auditIds(secrets)).containsExactly("a1", "a2", "a3");
        assertThat(secrets.path("total").asLong()).isEqualTo(3);
        JsonNode first = secrets.path("results").get(0);
        assertThat(first.path("user").asString()).isEqualTo(ALICE);
        assertThat(first.path("verb").asString()).isEqualTo("get");
        assertThat(first.path("response_code").asInt()).isEqualTo(200);
        assertThat(first.path("source_ip").asString()).isEqualTo("198.51.100.4");
        assertThat(first.at("/object/name").asString()).isEqualTo("db-pass");
        assertThat(first.path("time").asString()).isEqualTo(NOW.minus(Duration.ofMinutes(10)).toString());
        assertThat(first.path("message").asString()).contains(ALICE, "get");
        assertThat(first.at("/document/kubernetes/audit/auditID").asString()).isEqualTo("a1-" + ID);

        assertThat(auditIds(search("q=" + encode("secrets | pods")))).containsExactly("b1", "a1", "a2", "a3");
        assertThat(auditIds(search("q=" + encode("secrets -shop")))).isEmpty();
        assertThat(auditIds(search("q=" + encode("\"create pods\"")))).containsExactly("b1");
        assertThat(auditIds(search("q=198.51.100.9"))).containsExactly("b1");
        assertThat(auditIds(search("q=" + encode(BOB)))).containsExactly("b1");
        assertThat(auditIds(search("q=web*"))).containsExactly("b1");
    }

    @Test
    void filtersByFieldAndTimeRangeAsThePivotsDo() throws Exception {
        assertThat(auditIds(search("user=" + encode(ALICE)))).containsExactly("a1", "a2", "a3");
        assertThat(auditIds(search("user=" + encode(ALICE) + "&from=all"))).containsExactly("a1", "a2", "a3", "a-old");
        assertThat(auditIds(search("verb=create"))).containsExactly("b1");
        assertThat(auditIds(search("source_ip=198.51.100.0/24"))).containsExactly("b1", "a1", "a2", "a3");
        assertThat(auditIds(search("namespace=shop&resource=pods&name=web-1&from=all&order=asc")))
                .as("history of an object").containsExactly("b2", "b1");
        Instant pivot = NOW.minus(Duration.ofMinutes(20));
        assertThat(auditIds(search("user=" + encode(ALICE) + "&from=" + pivot.minus(Duration.ofMinutes(5))
                + "&to=" + pivot.plus(Duration.ofMinutes(5))))).as("a principal around a time").containsExactly("a2");
        assertThat(auditIds(search("source_ip=203.0.113.50&from=" + NOW.minus(Duration.ofDays(2)).minus(Duration.ofHours(1))
                + "&to=" + NOW.minus(Duration.ofDays(2)).plus(Duration.ofHours(1))))).containsExactly("b2");
        assertThat(send("/v1/search?cluster=other-" + ID + "&from=all").body()).contains("\"total\":0");
    }

    @Test
    void pagesWithTheCursorAndCountsTheTimeline() throws Exception {
        String path = "user=" + encode(ALICE) + "&from=all&size=3";
        JsonNode page = search(path);
        assertThat(page.path("total").asLong()).isEqualTo(4);
        assertThat(auditIds(page)).containsExactly("a1", "a2", "a3");
        JsonNode second = search(path + "&cursor=" + page.path("next").asString());
        assertThat(auditIds(second)).containsExactly("a-old");
        assertThat(second.path("total").asLong()).isEqualTo(4);
        assertThat(second.path("next").isNull()).isTrue();
        assertThat(auditIds(search(path + "&order=asc"))).containsExactly("a-old", "a3", "a2");

        long counted = 0;
        for (JsonNode bucket : page.path("buckets")) {
            counted += bucket.path("count").asLong();
        }
        assertThat(counted).isEqualTo(4);
        assertThat(page.path("bucket").asString()).isEqualTo("hour");
        assertThat(search("user=" + encode(ALICE) + "&from=1h").path("bucket").asString()).isEqualTo("minute");
        assertThat(search("user=" + encode(ALICE) + "&from=1h").path("buckets")).hasSize(3);

        HttpResponse<String> otherOrder = send("/v1/search?" + path + "&order=asc&cursor=" + page.path("next").asString());
        assertThat(otherOrder.statusCode()).isEqualTo(400);
        assertThat(problem(otherOrder).path("parameter").asString()).isEqualTo("cursor");
    }

    @Test
    void exportsNdjsonDocuments() throws Exception {
        HttpResponse<String> export = send("/v1/search/export?format=ndjson&user=" + encode(ALICE));
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/x-ndjson"));
        assertThat(export.headers().firstValue("Content-Disposition")).hasValueSatisfying(disposition ->
                assertThat(disposition).startsWith("attachment; filename=\"vigil-evidence-").endsWith(".ndjson\""));
        assertThat(export.headers().firstValue("Vigil-Export-Truncated")).hasValue("false");
        List<String> lines = export.body().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines).allSatisfy(line -> assertThat(VigilJson.mapper().readTree(line).at("/user/name").asString())
                .isEqualTo(ALICE));
    }

    @Test
    void exportsCsvWithQuotesCommasAndLineBreaksEscaped() throws Exception {
        HttpResponse<String> export = send("/v1/search/export?format=csv&user=" + encode(BOB) + "&from=all&order=asc");
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("text/csv"));
        assertThat(export.headers().firstValue("Content-Disposition")).hasValueSatisfying(disposition ->
                assertThat(disposition).endsWith(".csv\""));
        List<List<String>> rows = Csv.parse(export.body());
        assertThat(rows.get(0)).isEqualTo(ExportFormat.CSV_COLUMNS);
        assertThat(rows).hasSize(3);
        int agent = ExportFormat.CSV_COLUMNS.indexOf("user_agent");
        assertThat(rows.get(1).get(agent)).as("a formula is never a formula").isEqualTo("'" + FORMULA_AGENT);
        assertThat(rows.get(2).get(agent)).isEqualTo(AWKWARD_AGENT);
        assertThat(rows.get(2).get(ExportFormat.CSV_COLUMNS.indexOf("name"))).isEqualTo("web-1");
        assertThat(rows.get(2).get(ExportFormat.CSV_COLUMNS.indexOf("response_code"))).isEqualTo("201");
        assertThat(export.body()).contains("\"curl \"\"8.5\"\", made\nby " + ID + "\"");
    }

    @Test
    void anExportOfMoreThanTheMaximumStopsThereAndSaysSo() throws Exception {
        HttpResponse<String> export = send("/v1/search/export?format=csv&cluster=" + CLUSTER + "&from=all");
        assertThat(export.headers().firstValue("Vigil-Export-Truncated")).hasValue("true");
        assertThat(export.headers().firstValue("Vigil-Export-Total")).hasValue("6");
        assertThat(export.headers().firstValue("Vigil-Export-Count")).hasValue("4");
        assertThat(export.headers().firstValue("Content-Disposition")).hasValueSatisfying(disposition ->
                assertThat(disposition).contains("-first-4.csv"));
        assertThat(Csv.parse(export.body())).hasSize(5);
        assertThat(search("cluster=" + CLUSTER).path("export_max").asInt()).isEqualTo(4);
    }

    @Test
    void recordsSearchesAndExportsInTheAccessLogWithoutResults() throws Exception {
        try (CapturedLogs logs = CapturedLogs.attach()) {
            search("q=secrets&user=" + encode(ALICE));
            send("/v1/search/export?format=csv&user=" + encode(ALICE));
            List<String> access = logs.lines().stream().filter(line -> line.startsWith("vigil.audit.access ")).toList();
            assertThat(access).anyMatch(line -> line.contains("evidence searched: user=ana q=secrets filters=")
                    && line.contains("user:" + ALICE) && line.contains("total=3"));
            assertThat(access).anyMatch(line -> line.contains("evidence exported: user=ana format=csv")
                    && line.contains("exported=3 truncated=false"));
            assertThat(access).noneMatch(line -> line.contains("db-pass"));
        }
    }

    @Test
    void answersBadParametersWithAProblemNamingThem() throws Exception {
        Map<String, String> bad = Map.of(
                "/v1/search?usr=alice", "usr",
                "/v1/search?from=yesterday", "from",
                "/v1/search?to=soon", "to",
                "/v1/search?from=500d", "from",
                "/v1/search?from=1h&to=2h", "from",
                "/v1/search?size=5000", "size",
                "/v1/search?size=ten", "size",
                "/v1/search?source_ip=example.com", "source_ip",
                "/v1/search?order=up", "order",
                "/v1/search/export?format=xml", "format");
        for (Map.Entry<String, String> request : bad.entrySet()) {
            HttpResponse<String> response = send(request.getKey());
            assertThat(response.statusCode()).as(request.getKey()).isEqualTo(400);
            assertThat(problem(response).path("parameter").asString()).as(request.getKey()).isEqualTo(request.getValue());
        }
        assertThat(problem(send("/v1/search?cursor=garbage")).path("parameter").asString()).isEqualTo("cursor");
        assertThat(problem(send("/v1/search/export?size=10")).path("parameter").asString()).isEqualTo("size");
    }

    @Test
    void onlyAnalystsAndAdminsSearch() throws Exception {
        HttpResponse<String> signedOut = http.send(HttpRequest.newBuilder(URI.create(url("/v1/search"))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(signedOut.statusCode()).isEqualTo(401);
        assertThat(problem(signedOut).path("status").asInt()).isEqualTo(401);
        for (String path : List.of("/v1/search", "/v1/search/export?format=csv")) {
            HttpResponse<String> viewer = http.send(ConsoleUsersForTests.basic(HttpRequest.newBuilder(URI.create(url(path))),
                    "vera", PASSWORD).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(viewer.statusCode()).as(path).isEqualTo(403);
            assertThat(problem(viewer).path("status").asInt()).isEqualTo(403);
        }
        assertThat(send("/v1/search").statusCode()).isEqualTo(200);
    }

    private JsonNode search(String parameters) throws IOException, InterruptedException {
        String path = "/v1/search?" + (parameters.contains("cluster=") ? "" : "cluster=" + CLUSTER + "&") + parameters;
        HttpResponse<String> response = send(path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return VigilJson.mapper().readTree(response.body());
    }

    private static List<String> auditIds(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("results").forEach(result -> ids.add(result.path("audit_id").asString().replace("-" + ID, "")));
        return ids;
    }

    private static JsonNode problem(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        return VigilJson.mapper().readTree(response.body());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private HttpResponse<String> send(String path) throws IOException, InterruptedException {
        String withCluster = path.startsWith("/v1/search/export") && !path.contains("cluster=")
                ? path + (path.contains("?") ? "&" : "?") + "cluster=" + CLUSTER : path;
        return http.send(ConsoleUsersForTests.basic(HttpRequest.newBuilder(URI.create(url(withCluster))), "ana", PASSWORD)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}

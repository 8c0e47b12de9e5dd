package dev.vigil.console.overview;

import dev.vigil.alerting.index.IndexFamily;
import dev.vigil.alerting.testing.TestDocuments;
import dev.vigil.console.ConsoleUsersForTests;
import dev.vigil.console.IndexedForTests;
import dev.vigil.embedded.EmbeddedOpenSearchExtension;
import dev.vigil.embedded.WithEmbeddedKafka;
import dev.vigil.embedded.WithEmbeddedOpenSearch;
import dev.vigil.model.alert.Alert;
import dev.vigil.model.alert.Severity;
import dev.vigil.model.json.VigilJson;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

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
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /v1/overview} over HTTP against the embedded node: its histogram, top lists and totals, and that every
 * count equals the total of {@code GET /v1/alerts} with the same window, cluster and the count's own filter.
 */
@WithEmbeddedKafka
@WithEmbeddedOpenSearch
@SpringBootTest(classes = OverviewTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"vigil.roles=console", "vigil.console.password=" + OverviewIT.PASSWORD})
class OverviewIT {

    static final String PASSWORD = "overview-it-password";
    private static final String ID = UUID.randomUUID().toString().substring(0, 8);
    private static final String CLUSTER = "overview-" + ID;
    /** A window of 24 h two days ago: half-hour bars. */
    private static final Instant START = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(2));
    private static final Instant END = START.plus(Duration.ofHours(24));
    private static final String WINDOW = "since=" + START + "&until=" + END + "&cluster=" + CLUSTER;

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    private int port;

    @DynamicPropertySource
    static void openSearch(DynamicPropertyRegistry registry) {
        registry.add("vigil.opensearch.url", () -> EmbeddedOpenSearchExtension.openSearch().url());
    }

    @BeforeAll
    static void indexAlerts() throws IOException {
        List<JsonNode> alerts = new ArrayList<>();
        alerts.add(alert("1", "anonymous-admin-action", Severity.CRITICAL, "kube-system", "system:anonymous", START.plus(Duration.ofHours(1))));
        alerts.add(alert("2", "privileged-pod", Severity.HIGH, "payments", "dev@example.com", START.plus(Duration.ofHours(2))));
        alerts.add(alert("3", "privileged-pod", Severity.HIGH, "payments", "dev@example.com", START.plus(Duration.ofMinutes(130))));
        alerts.add(alert("4", "privileged-pod", Severity.CRITICAL, "shop", "ci@example.com", END.minus(Duration.ofMinutes(1))));
        // outside the window: counted nowhere
        alerts.add(alert("5", "cni-change", Severity.HIGH, "kube-system", "ops@example.com", END.plus(Duration.ofHours(6))));
        alerts.add(alert("6", "cni-change", Severity.HIGH, "kube-system", "ops@example.com", START.minusSeconds(1)));
        IndexedForTests.index(IndexFamily.ALERTS, alerts, alert -> alert.at("/event/id").asString(),
                alert -> Instant.parse(alert.path("@timestamp").asString()));
    }

    private static JsonNode alert(String n, String rule, Severity severity, String namespace, String user, Instant time) {
        Alert alert = TestDocuments.alert(rule + ":" + ID + ":" + n, rule, severity, "APP.4.4.A3", CLUSTER, namespace,
                time, "audit-" + ID + "-" + n);
        ObjectNode document = (ObjectNode) VigilJson.tree(alert);
        ((ObjectNode) document.path("user")).put("name", user);
        return document;
    }

    @Test
    void countsAlertsOfTheWindowOverTimeBySeverityAndTopValues() throws Exception {
        JsonNode overview = get("/v1/overview?" + WINDOW);

        assertThat(overview.path("since").asString()).isEqualTo(START.toString());
        assertThat(overview.path("until").asString()).isEqualTo(END.toString());
        assertThat(overview.path("interval").asString()).isEqualTo("30m");
        assertThat(overview.path("total").asLong()).isEqualTo(4);
        assertThat(overview.at("/severities/critical").asLong()).isEqualTo(2);
        assertThat(overview.at("/severities/high").asLong()).isEqualTo(2);
        assertThat(overview.at("/severities/info").asLong()).isZero();

        JsonNode bars = overview.path("over_time");
        assertThat(bars).hasSize(48);
        assertThat(bars.get(0).path("since").asString()).isEqualTo(START.toString());
        assertThat(bars.get(47).path("until").asString()).isEqualTo(END.toString());
        long sum = 0;
        for (JsonNode bar : bars) {
            sum += bar.path("total").asLong();
        }
        assertThat(sum).isEqualTo(4);
        JsonNode twoHours = bars.get(4);
        assertThat(twoHours.path("since").asString()).isEqualTo(START.plus(Duration.ofHours(2)).toString());
        assertThat(twoHours.path("total").asLong()).isEqualTo(2);
        assertThat(twoHours.at("/severities/high").asLong()).isEqualTo(2);

        assertThat(entries(overview.at("/top/rules"))).containsExactly("privileged-pod=3", "anonymous-admin-action=1");
        assertThat(entries(overview.at("/top/principals")))
                .containsExactly("dev@example.com=2", "ci@example.com=1", "system:anonymous=1");
        assertThat(entries(overview.at("/top/namespaces"))).containsExactly("payments=2", "kube-system=1", "shop=1");
        assertThat(entries(overview.at("/top/clusters"))).containsExactly(CLUSTER + "=4");
        assertThat(overview.at("/top/rules/other").asLong()).isZero();
    }

    @Test
    void everyCountAgreesWithTheAlertListItLinksTo() throws Exception {
        send("PUT", "/v1/alerts/privileged-pod:" + ID + ":2/triage", "{\"status\":\"acknowledged\"}");
        send("PUT", "/v1/alerts/privileged-pod:" + ID + ":4/triage", "{\"status\":\"closed\",\"reason\":\"false_positive\"}");
        JsonNode overview = get("/v1/overview?" + WINDOW);

        assertThat(total("")).isEqualTo(overview.path("total").asLong());
        for (String severity : List.of("critical", "high", "medium", "low", "info")) {
            assertThat(total("&severity=" + severity)).as(severity).isEqualTo(overview.at("/severities/" + severity).asLong());
        }
        agrees(overview.at("/top/rules"), "rule");
        agrees(overview.at("/top/principals"), "principal");
        agrees(overview.at("/top/namespaces"), "namespace");
        for (JsonNode bar : overview.path("over_time")) {
            HttpResponse<String> list = send("GET", "/v1/alerts?size=0&cluster=" + CLUSTER + "&since="
                    + bar.path("since").asString() + "&until=" + bar.path("until").asString(), null);
            assertThat(VigilJson.mapper().readTree(list.body()).path("total").asLong())
                    .as("bar at " + bar.path("since").asString()).isEqualTo(bar.path("total").asLong());
        }
        assertThat(overview.at("/triage/acknowledged").asLong()).isEqualTo(1).isEqualTo(total("&status=acknowledged"));
        assertThat(overview.at("/triage/closed").asLong()).isEqualTo(1).isEqualTo(total("&status=closed"));
        assertThat(overview.at("/triage/open").asLong()).isEqualTo(2).isEqualTo(total("&status=open"));
    }

    @Test
    void defaultsToTheLastDayAndAcceptsFromAndToAsOtherNames() throws Exception {
        JsonNode recent = get("/v1/overview");
        assertThat(Duration.between(Instant.parse(recent.path("since").asString()),
                Instant.parse(recent.path("until").asString()))).isEqualTo(Duration.ofHours(24));

        JsonNode aliased = get("/v1/overview?from=" + START + "&to=" + END + "&cluster=" + CLUSTER);
        assertThat(aliased.path("total").asLong()).isEqualTo(4);
        assertThat(get("/v1/overview?since=7d&cluster=" + CLUSTER).path("interval").asString()).isEqualTo("6h");
    }

    @Test
    void answers400NamingABadOrUnknownParameter() throws Exception {
        assertBadParameter("/v1/overview?since=soon", "since");
        assertBadParameter("/v1/overview?to=yesterday", "to");
        assertBadParameter("/v1/overview?since=" + END + "&until=" + START, "since");
        assertBadParameter("/v1/overview?since=24h&from=7d", "from");
        assertBadParameter("/v1/overview?window=7d", "window");
        assertBadParameter("/v1/alerts?principal=x&pricipal=y", "pricipal");
    }

    private void assertBadParameter(String path, String parameter) throws Exception {
        HttpResponse<String> response = send("GET", path, null);
        assertThat(response.statusCode()).as(path).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        assertThat(VigilJson.mapper().readTree(response.body()).path("parameter").asString()).isEqualTo(parameter);
    }

    private void agrees(JsonNode top, String parameter) throws Exception {
        assertThat(top.path("values")).isNotEmpty();
        for (JsonNode entry : top.path("values")) {
            String value = entry.path("value").asString();
            assertThat(total("&" + parameter + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8)))
                    .as(parameter + "=" + value).isEqualTo(entry.path("count").asLong());
        }
    }

    private long total(String filters) throws Exception {
        return get("/v1/alerts?size=0&" + WINDOW + filters).path("total").asLong();
    }

    private static List<String> entries(JsonNode top) {
        List<String> entries = new ArrayList<>();
        top.path("values").forEach(entry -> entries.add(entry.path("value").asString() + "=" + entry.path("count").asLong()));
        return entries;
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = send("GET", path, null);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return VigilJson.mapper().readTree(response.body());
    }

    private HttpResponse<String> send(String method, String path, String json) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = http.send(ConsoleUsersForTests.basic(request, "admin", PASSWORD).build(),
                HttpResponse.BodyHandlers.ofString());
        if (json != null) {
            assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        }
        return response;
    }
}

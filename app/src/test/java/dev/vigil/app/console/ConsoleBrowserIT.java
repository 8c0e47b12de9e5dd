package dev.vigil.app.console;

import dev.vigil.app.VigilApplication;
import dev.vigil.app.cli.RunCommand;
import dev.vigil.app.cli.VigilCommand;
import dev.vigil.streams.KafkaStreamsLifecycle;
import org.apache.kafka.streams.KafkaStreams;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.Select;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The console in a real browser against {@code vigil run} on the embedded default (all roles, free ports, temporary
 * data): sign in, post audit events to the webhook, watch the alerts arrive live, filter, open the evidence, check
 * compliance and rules. Screenshots of each step go to {@code target/screenshots/} for review.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserIT {

    private static final String ANONYMOUS = "anonymous-admin-action";
    private static final String PRIVILEGED = "privileged-pod";
    private static final Duration APPEAR = Duration.ofSeconds(30);
    private static final Duration INDEXED = Duration.ofSeconds(120);
    private static final String PASSWORD = "console-" + UUID.randomUUID();
    private static final String INGEST_TOKEN = "ingest-" + UUID.randomUUID();

    @TempDir
    static Path dataDir;
    @TempDir
    static Path browserProfile;

    private static ConfigurableApplicationContext vigil;
    private static ChromeDriver browser;
    private static String baseUrl;
    private static FreshAuditEvents events;

    @BeforeAll
    static void startVigilAndBrowser() {
        HeadlessChromium.assumeInstalled();
        RunCommand run = new RunCommand(VigilApplication::start);
        int exitCode = VigilCommand.commandLine(run).execute("run",
                "--server.port=0",
                "--vigil.embedded.kafka-port=0",
                "--vigil.embedded.opensearch-port=0",
                "--vigil.embedded.data-dir=" + dataDir,
                "--vigil.kafka.partitions=2",
                "--vigil.console.password=" + PASSWORD,
                "--vigil.ingest.token=" + INGEST_TOKEN);
        assertThat(exitCode).isZero();
        vigil = run.context().orElseThrow();
        // the streams' state lives with this run's broker, not in a directory earlier runs and tests share
        assertThat(dataDir.resolve("streams")).isDirectory();
        baseUrl = "http://127.0.0.1:" + vigil.getEnvironment().getRequiredProperty("local.server.port");
        browser = HeadlessChromium.start(browserProfile);
        browser.manage().timeouts().implicitlyWait(Duration.ZERO);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (vigil != null) {
            vigil.close();
        }
    }

    @Test
    @Order(1)
    void signsInThroughTheLoginPage() {
        browser.get(baseUrl + "/");
        assertThat(browser.getCurrentUrl()).endsWith("/login");
        assertThat(browser.findElement(By.cssSelector("label[for=username]")).getText()).isEqualTo("User name");
        HeadlessChromium.screenshot(browser, "01-login");

        browser.findElement(By.id("username")).sendKeys("admin");
        browser.findElement(By.id("password")).sendKeys(PASSWORD, Keys.ENTER);

        await().atMost(APPEAR).ignoreExceptions().untilAsserted(() ->
                assertThat(browser.findElement(By.id("signed-in")).getText()).isEqualTo("admin (admin)"));
        await().atMost(APPEAR).ignoreExceptions().untilAsserted(() ->
                assertThat(browser.findElement(By.id("live-status")).getDomAttribute("data-state")).isEqualTo("live"));
        // the overview is the landing view; the alert list is one click away
        await().atMost(APPEAR).ignoreExceptions().untilAsserted(() ->
                assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Overview"));
        browser.findElement(By.cssSelector("nav a[data-nav=alerts]")).click();
        await().atMost(APPEAR).ignoreExceptions().untilAsserted(() ->
                assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Alerts"));
        HeadlessChromium.screenshot(browser, "02-alerts-before");
    }

    @Test
    @Order(2)
    void alertsOfReplayedEventsAppearLiveWithoutReload() throws Exception {
        browser.executeScript("window.vigilPageMarker = 'still the same page';");
        events = FreshAuditEvents.create();

        HttpResponse<String> posted = postAudit(events.eventList());
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
        assertThat(posted.body()).contains("\"accepted\":2");

        await().atMost(APPEAR).ignoreExceptions().untilAsserted(() -> {
            assertThat(row(ANONYMOUS, events.bindingName()).getDomAttribute("data-severity")).isEqualTo("critical");
            assertThat(row(PRIVILEGED, events.podName()).getDomAttribute("data-severity")).isEqualTo("high");
        });
        assertThat(((JavascriptExecutor) browser).executeScript("return window.vigilPageMarker;"))
                .as("the alerts arrived without a page load").isEqualTo("still the same page");
        // in one step: the pod's further alerts may still arrive and re-render the rows between two WebDriver calls
        List<String> rows = topRows(2);
        assertThat(rows.get(0) + rows.get(1)).as("newest on top").contains(events.suffix());
        assertThat(row(ANONYMOUS, events.bindingName()).getText()).contains("system:anonymous", "local");
        HeadlessChromium.screenshot(browser, "03-alerts-live");
    }

    @Test
    @Order(3)
    void filtersBySearchTextAndSeverity() {
        WebElement search = browser.findElement(By.id("filter-q"));
        search.sendKeys(events.suffix());
        await().atMost(APPEAR).ignoreExceptions().untilAsserted(() -> assertThat(alertRows())
                .allSatisfy(text -> assertThat(text).contains(events.suffix())).hasSizeGreaterThanOrEqualTo(2));

        new Select(browser.findElement(By.id("filter-severity"))).selectByValue("critical");
        await().atMost(APPEAR).ignoreExceptions().untilAsserted(() -> assertThat(alertRows()).singleElement()
                .satisfies(text -> assertThat(text).contains(events.bindingName())));
        assertThat(browser.getCurrentUrl()).contains("severity=critical", "q=" + events.suffix());
        assertThat(browser.findElement(By.id("alert-count")).getText()).isEqualTo("1–1 of 1 alert");
        HeadlessChromium.screenshot(browser, "04-alerts-filtered");

        new Select(browser.findElement(By.id("filter-severity"))).selectByValue("info");
        await().atMost(APPEAR).ignoreExceptions().untilAsserted(() -> assertThat(browser.findElement(By.id("alert-rows")).getText())
                .isEqualTo("No alert matches the filters."));
        new Select(browser.findElement(By.id("filter-severity"))).selectByValue("critical");
    }

    @Test
    @Order(4)
    void opensTheAlertWithItsEvidence() {
        await().atMost(APPEAR).ignoreExceptions().untilAsserted(() -> row(ANONYMOUS, events.bindingName())
                .findElement(By.cssSelector("a.alert-link")).click());

        awaitOneEvidenceDocument();
        assertThat(browser.getCurrentUrl()).contains("/alerts/");
        assertThat(browser.findElement(By.id("alert-title")).getText()).contains(events.bindingName());
        WebElement evidence = browser.findElement(By.cssSelector("#evidence article"));
        assertThat(evidence.getText()).contains("create clusterrolebindings " + events.bindingName(),
                "system:anonymous", "203.0.113.7", "curl/8.5.0", "allow", "201 Created");
        HeadlessChromium.screenshot(browser, "05-alert-detail");

        browser.navigate().back();
        await().atMost(APPEAR).ignoreExceptions().untilAsserted(() -> assertThat(alertRows()).singleElement());
        new Select(browser.findElement(By.id("filter-severity"))).selectByValue("high");
        await().atMost(APPEAR).ignoreExceptions().untilAsserted(() -> assertThat(row(PRIVILEGED, events.podName())).isNotNull());
        row(PRIVILEGED, events.podName()).findElement(By.cssSelector("a.alert-link")).click();
        awaitOneEvidenceDocument();
        assertThat(browser.findElement(By.id("failed-checks")).getText()).containsIgnoringCase("privileged");
        assertThat(browser.findElement(By.cssSelector("#evidence article")).getText())
                .contains("dev@example.com", "192.0.2.10", "Request object");
        browser.findElement(By.cssSelector("#evidence article details:last-of-type summary")).click();
        WebElement object = browser.findElement(By.cssSelector("#evidence article details:last-of-type pre"));
        assertThat(object.getText()).contains("\"privileged\": true", "\"hostPID\": true");
        browser.executeScript("arguments[0].scrollIntoView({block: 'center'});", object);
        HeadlessChromium.screenshot(browser, "07-alert-object");
        browser.executeScript("window.scrollTo(0, 0);");
        HeadlessChromium.screenshot(browser, "06-alert-detail-pss");
    }

    @Test
    @Order(5)
    void compliancePageShowsTheViolatedRequirements() {
        browser.findElement(By.cssSelector("nav a[data-nav=compliance]")).click();

        // The alerts reach OpenSearch a moment after the console showed them: refresh until the report has them.
        await().atMost(INDEXED).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().untilAsserted(() -> {
            awaitComplianceLoaded();
            if (!"violated".equals(requirementStatus("APP.4.4.A3")) || !"violated".equals(requirementStatus("APP.4.4.A4"))) {
                browser.findElement(By.id("compliance-refresh")).click();
                awaitComplianceLoaded();
            }
            assertThat(requirementStatus("APP.4.4.A3")).isEqualTo("violated");
            assertThat(requirementStatus("APP.4.4.A4")).isEqualTo("violated");
        });
        assertThat(requirementStatus("APP.4.4.A2")).isEqualTo("not observable");
        assertThat(browser.findElement(By.cssSelector("tr[data-requirement='APP.4.4.A3']")).getText())
                .contains("anonymous-admin-action");
        assertThat(browser.findElement(By.cssSelector("nav a[data-nav=compliance]")).getDomAttribute("aria-current"))
                .isEqualTo("page");
        HeadlessChromium.screenshot(browser, "08-compliance");
    }

    @Test
    @Order(6)
    void rulesPageListsTheLoadedRules() {
        browser.findElement(By.cssSelector("nav a[data-nav=rules]")).click();

        await().atMost(APPEAR).ignoreExceptions().untilAsserted(() -> assertThat(browser.findElements(By.cssSelector("#rules-table tbody tr")))
                .hasSizeGreaterThanOrEqualTo(7));
        WebElement anonymous = browser.findElement(By.id("rule-anonymous-admin-action"));
        assertThat(anonymous.findElement(By.cssSelector(".badge")).getDomAttribute("class")).isEqualTo("badge critical");
        assertThat(anonymous.getText()).contains("APP.4.4.A3", "T1078");
        HeadlessChromium.screenshot(browser, "09-rules");
    }

    @Test
    @Order(7)
    void keyboardUsersReachTheContentFirst() {
        browser.get(baseUrl + "/alerts");
        await().atMost(APPEAR).ignoreExceptions().untilAsserted(() -> assertThat(browser.findElement(By.tagName("h1")).getText())
                .isEqualTo("Alerts"));

        browser.findElement(By.tagName("body")).sendKeys(Keys.TAB);

        WebElement focused = browser.switchTo().activeElement();
        assertThat(focused.getText()).isEqualTo("Skip to content");
        assertThat(focused.getCssValue("outline-style")).isEqualTo("solid");
    }

    @Test
    @Order(8)
    void theAlertPageLooksAgainWhileOpenSearchIsUnavailable() {
        browser.get(baseUrl + "/alerts?q=" + events.suffix());
        await().atMost(APPEAR).ignoreExceptions().untilAsserted(() -> assertThat(row(ANONYMOUS, events.bindingName())).isNotNull());
        String link = row(ANONYMOUS, events.bindingName()).findElement(By.cssSelector("a.alert-link")).getDomAttribute("href");
        String unavailableTwice = unavailableTwice("String(input) === '/v1/" + link.substring(1) + "'");

        // Opened from the list: the page has the alert from the live stream, the evidence search answers 503 (as in
        // a CI run where OpenSearch was starting a new index's shards and the page then kept "0 audit events").
        browser.executeScript(unavailableTwice);
        await().atMost(APPEAR).ignoreExceptions().untilAsserted(() -> row(ANONYMOUS, events.bindingName())
                .findElement(By.cssSelector("a.alert-link")).click());
        awaitNotice("The evidence could not be loaded (503: OpenSearch did not answer). Trying again…");
        awaitOneEvidenceDocument();
        assertThat(browser.findElement(By.tagName("main")).getText()).doesNotContain("could not be loaded");

        // Opened from a bookmark: nothing to show until the API answers.
        Map<String, Object> script = browser.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument",
                Map.of("source", unavailableTwice));
        try {
            browser.get(baseUrl + link);
            awaitNotice("The alert could not be loaded (503: OpenSearch did not answer). Trying again…");
            HeadlessChromium.screenshot(browser, "08b-alert-detail-unavailable");
            awaitOneEvidenceDocument();
            assertThat(browser.findElement(By.cssSelector("#evidence article")).getText())
                    .contains("create clusterrolebindings " + events.bindingName());
        } finally {
            browser.executeCdpCommand("Page.removeScriptToEvaluateOnNewDocument", Map.of("identifier", script.get("identifier")));
        }

        // The real thing: an evidence index whose primary never starts. The API answers the alert with an
        // evidence_error instead of a partial (here: empty) evidence list; the page shows the alert and asks again.
        String broken = "vigil-audit-broken-" + events.suffix();
        assertThat(openSearch("PUT", "/" + broken + "?wait_for_active_shards=0", """
                {"settings": {"index": {"number_of_shards": 1, "number_of_replicas": 0,
                                        "routing.allocation.require._name": "no-such-node"}}}""")).isEqualTo(200);
        try {
            browser.get(baseUrl + link);
            awaitNotice("The evidence could not be loaded (OpenSearch answered from");
            assertThat(browser.findElement(By.tagName("main")).getText()).contains("without a started copy",
                    "Trying again…");
            assertThat(browser.findElement(By.id("alert-title")).getText()).contains(events.bindingName());
            HeadlessChromium.screenshot(browser, "08c-alert-detail-partial-evidence");
        } finally {
            assertThat(openSearch("DELETE", "/" + broken, null)).isEqualTo(200);
        }
        awaitOneEvidenceDocument();
    }

    /** The privileged pod's alerts as {@code GET /v1/alerts} answers them (the start), for a failure message. */
    private String apiAlertTriage() {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                            baseUrl + "/v1/alerts?rule=" + PRIVILEGED + "&q=" + events.podName()))
                    .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                            ("admin:" + PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                    .build(), HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            return response.statusCode() + " " + body.substring(0, Math.min(body.length(), 3000));
        } catch (java.io.IOException | InterruptedException e) {
            return "unreadable (" + e + ")";
        }
    }

    /** A request to the embedded OpenSearch node; its status. */
    private static int openSearch(String method, String path, String body) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                                    vigil.getEnvironment().getRequiredProperty("vigil.opensearch.url") + path))
                            .header("Content-Type", "application/json")
                            .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofString(body))
                            .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    @Order(9)
    void theAlertListAsksAgainWhileOpenSearchIsUnavailable() {
        Map<String, Object> script = browser.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument",
                Map.of("source", unavailableTwice("String(input).startsWith('/v1/alerts?')")));
        try {
            browser.get(baseUrl + "/alerts?q=" + events.suffix());
            awaitNotice("Alerts could not be loaded (503: OpenSearch did not answer). Trying again…");
            await().atMost(APPEAR).ignoreExceptions().untilAsserted(() -> {
                assertThat(browser.findElement(By.tagName("main")).getText()).doesNotContain("could not be loaded");
                assertThat(browser.findElement(By.id("alert-count")).getText()).matches("1–\\d+ of \\d+ alerts");
            });
            assertThat(row(ANONYMOUS, events.bindingName())).isNotNull();
        } finally {
            browser.executeCdpCommand("Page.removeScriptToEvaluateOnNewDocument", Map.of("identifier", script.get("identifier")));
        }
    }

    /**
     * A script that makes the page's next two fetches that meet {@code condition} (JavaScript on {@code input})
     * answer 503 as the API does without OpenSearch.
     */
    private static String unavailableTwice(String condition) {
        return unavailableTwice(condition, "OpenSearch did not answer");
    }

    private static String unavailableTwice(String condition, String detail) {
        return """
                (() => {
                  let failures = 2;
                  const fetch = window.fetch;
                  window.fetch = (input, init) => {
                    if (%s && failures-- > 0) {
                      return Promise.resolve(new Response(JSON.stringify({ detail: '%s' }),
                        { status: 503, headers: { 'Content-Type': 'application/problem+json' } }));
                    }
                    return fetch(input, init);
                  };
                })();""".formatted(condition, detail);
    }

    private void awaitNotice(String notice) {
        await().atMost(APPEAR).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(browser.findElement(By.tagName("main")).getText()).contains(notice));
    }

    @Test
    @Order(10)
    void acknowledgesOneAlertAndClosesAnotherAsFalsePositive() {
        browser.get(baseUrl + "/alerts?q=" + events.suffix());
        await().atMost(APPEAR).ignoreExceptions().untilAsserted(() -> assertThat(alertRows()).hasSizeGreaterThanOrEqualTo(2));
        // the list may re-render its rows between finding a row and using it (facets, live alerts): retry on a stale row
        await().atMost(APPEAR).ignoreExceptions().untilAsserted(() -> assertThat(
                row(ANONYMOUS, events.bindingName()).findElement(By.cssSelector(".triage")).getText()).isEqualTo("open"));

        await().atMost(APPEAR).ignoreExceptions().untilAsserted(() -> row(ANONYMOUS, events.bindingName())
                .findElement(By.cssSelector("a.alert-link")).click());
        await().atMost(INDEXED).ignoreExceptions().untilAsserted(() ->
                assertThat(browser.findElement(By.id("triage-acknowledge")).isEnabled()).isTrue());
        browser.findElement(By.id("triage-assignee")).sendKeys("admin");
        browser.findElement(By.id("triage-notes")).sendKeys("binding created by curl from outside; asked the platform team");
        browser.findElement(By.id("triage-acknowledge")).click();
        // the page renders the alert again once the triage is saved: read the panel in one retried step
        await().atMost(APPEAR).ignoreExceptions().untilAsserted(() -> {
            assertThat(browser.findElement(By.cssSelector("#triage-panel .triage")).getText()).isEqualTo("acknowledged");
            assertThat(browser.findElement(By.id("triage-panel")).getText()).contains("Last change by admin");
            assertThat(browser.findElement(By.id("triage-notes")).getDomProperty("value")).contains("platform team");
        });
        HeadlessChromium.screenshot(browser, "10-alert-triage");

        browser.navigate().back();
        await().atMost(APPEAR).ignoreExceptions().untilAsserted(() -> assertThat(
                row(ANONYMOUS, events.bindingName()).findElement(By.cssSelector(".triage")).getText()).isEqualTo("acknowledged"));
        await().atMost(APPEAR).ignoreExceptions().untilAsserted(() -> row(PRIVILEGED, events.podName())
                .findElement(By.cssSelector("td.select input")).click());
        assertThat(browser.findElement(By.id("bulk-count")).getText()).isEqualTo("1 selected");
        HeadlessChromium.screenshot(browser, "11-alerts-bulk-select");
        browser.findElement(By.id("bulk-false-positive")).click();
        await().atMost(APPEAR).ignoreExceptions().untilAsserted(() -> assertThat(
                row(PRIVILEGED, events.podName()).findElement(By.cssSelector(".triage")).getText())
                .isEqualTo("closed · false positive"));

        new Select(browser.findElement(By.id("filter-status"))).selectByValue("closed");
        await().atMost(APPEAR).ignoreExceptions().untilAsserted(() -> assertThat(alertRows()).singleElement()
                .satisfies(text -> assertThat(text).contains(events.podName())));
        HeadlessChromium.screenshot(browser, "12-alerts-closed");
        // the triage is stored, not only shown: a fresh page load reads it from the API
        browser.get(baseUrl + "/alerts?status=acknowledged&q=" + events.suffix());
        await().atMost(APPEAR).ignoreExceptions().untilAsserted(() -> assertThat(alertRows()).singleElement()
                .satisfies(text -> assertThat(text).contains(events.bindingName())));
    }

    @Test
    @Order(11)
    void rulesPageCountsAlertsAndFalsePositivesPerRule() {
        browser.get(baseUrl + "/rules");
        await().atMost(APPEAR).ignoreExceptions().untilAsserted(() -> {
            WebElement privileged = browser.findElement(By.id("rule-privileged-pod"));
            assertThat(privileged.findElement(By.cssSelector(".count-7d")).getText()).isNotEqualTo("7 d: 0");
            assertThat(privileged.findElement(By.cssSelector(".count-fp")).getText()).isEqualTo("false pos.: 1");
        });
        WebElement anonymous = browser.findElement(By.id("rule-anonymous-admin-action"));
        assertThat(anonymous.findElement(By.cssSelector(".state")).getText()).isEqualTo("enabled");
        assertThat(anonymous.findElement(By.cssSelector(".count-24h a")).getDomAttribute("href"))
                .contains("rule=anonymous-admin-action", "since=");
        assertThat(browser.findElement(By.id("rule-untrusted-image")).getText()).contains("inactive until");
        browser.executeScript("arguments[0].scrollIntoView({block: 'center'});", browser.findElement(By.id("rule-privileged-pod")));
        HeadlessChromium.screenshot(browser, "13-rules-stats");
    }

    @Test
    @Order(12)
    void adminsSeeTheDeadLetters() throws Exception {
        HttpResponse<String> posted = postAudit("{\"kind\":\"EventList\",\"apiVersion\":\"audit.k8s.io/v1\","
                + "\"items\":[{\"foo\":\"" + events.suffix() + "\",\"password\":\"hunter2-" + events.suffix() + "\"}]}");
        assertThat(posted.body()).contains("\"rejected\":1");

        browser.findElement(By.cssSelector("nav a[data-nav=dead-letters]")).click();
        await().atMost(APPEAR).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().untilAsserted(() -> {
            if (!browser.findElement(By.id("dlq-result")).getText().contains(events.suffix())) {
                browser.findElement(By.id("dlq-apply")).click();
            }
            assertThat(browser.findElement(By.id("dlq-list")).getText()).contains("ingest");
            assertThat(browser.findElement(By.id("dlq-reasons")).getText()).contains("1 ×");
        });
        WebElement letter = browser.findElements(By.cssSelector("#dlq-list .dead-letter")).stream()
                .filter(card -> card.getDomProperty("textContent").contains(events.suffix())).findFirst().orElseThrow();
        letter.findElement(By.tagName("summary")).click();
        assertThat(letter.findElement(By.tagName("pre")).getText()).contains(events.suffix())
                .doesNotContain("hunter2-" + events.suffix());
        HeadlessChromium.screenshot(browser, "14-dead-letters");
    }

    @Test
    @Order(13)
    void theListAndComplianceFitA390PixelScreen() {
        var size = browser.manage().window().getSize();
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        try {
            browser.get(baseUrl + "/alerts?q=" + events.suffix());
            await().atMost(APPEAR).ignoreExceptions().untilAsserted(() -> assertThat(alertRows()).hasSizeGreaterThanOrEqualTo(2));
            assertThat(browser.executeScript("return window.innerWidth")).isEqualTo(390L);
            assertNoSidewaysScroll();
            HeadlessChromium.screenshot(browser, "15-alerts-390px");
            browser.executeScript("document.getElementById('alerts-table').scrollIntoView();");
            HeadlessChromium.screenshot(browser, "15b-alerts-390px-rows");

            browser.get(baseUrl + "/compliance");
            awaitComplianceLoaded();
            assertThat(browser.findElements(By.cssSelector("#compliance-table tbody tr"))).hasSizeGreaterThan(10);
            assertNoSidewaysScroll();
            HeadlessChromium.screenshot(browser, "16-compliance-390px");
            browser.executeScript("document.querySelector(\"tr[data-requirement='APP.4.4.A3']\").scrollIntoView();");
            HeadlessChromium.screenshot(browser, "16b-compliance-390px-rows");
        } finally {
            browser.manage().window().setSize(size);
        }
    }

    @Test
    @Order(50)
    void pagesThroughMoreThanFiveHundredAlertsToTheLast() throws Exception {
        String cluster = "bulk-" + events.suffix();
        List<String> expected = indexAlerts(cluster, 520);

        browser.get(baseUrl + "/alerts?cluster=" + cluster);
        await().atMost(APPEAR).ignoreExceptions().untilAsserted(() -> assertThat(
                browser.findElement(By.id("alert-count")).getText()).isEqualTo("1–100 of 520 alerts"));
        List<String> seen = new java.util.ArrayList<>(alertIds());
        assertThat(seen.get(0)).as("the most recently raised first").isEqualTo(expected.get(expected.size() - 1));
        for (int page = 2; page <= 6; page++) {
            String from = (page - 1) * 100 + 1 + "–";
            browser.findElement(By.id("page-next")).click();
            await().atMost(APPEAR).ignoreExceptions().untilAsserted(() -> assertThat(
                    browser.findElement(By.id("alert-count")).getText()).startsWith(from));
            seen.addAll(alertIds());
        }
        assertThat(browser.findElement(By.id("alert-count")).getText()).isEqualTo("501–520 of 520 alerts");
        assertThat(browser.findElement(By.id("page-position")).getText()).isEqualTo("Page 6 of 6");
        assertThat(browser.findElement(By.id("page-next")).isEnabled()).as("the last page").isFalse();
        assertThat(seen).as("every alert once").hasSize(520).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(expected);
        HeadlessChromium.screenshot(browser, "17-alerts-last-page");

        browser.findElement(By.id("page-previous")).click();
        await().atMost(APPEAR).ignoreExceptions().untilAsserted(() -> assertThat(
                browser.findElement(By.id("alert-count")).getText()).isEqualTo("401–500 of 520 alerts"));
    }

    @Test
    @Order(51)
    void announcesANewAlertAboutAnOldEventAndShowsItOnTop() throws Exception {
        browser.get(baseUrl + "/alerts");
        await().atMost(APPEAR).ignoreExceptions().untilAsserted(() -> assertThat(
                browser.findElement(By.id("page-next")).isEnabled()).isTrue());
        browser.findElement(By.id("page-next")).click();
        await().atMost(APPEAR).ignoreExceptions().untilAsserted(() -> assertThat(
                browser.findElement(By.id("alert-count")).getText()).startsWith("101–"));
        await().atMost(APPEAR).ignoreExceptions().untilAsserted(() -> assertThat(
                browser.findElement(By.id("live-status")).getDomAttribute("data-state")).isEqualTo("live"));

        // an event of three hours ago, replayed now: by event time it would land far down the list
        FreshAuditEvents late = new FreshAuditEvents(UUID.randomUUID().toString().substring(0, 8),
                java.time.Instant.now().minus(Duration.ofHours(3)));
        long posted = System.nanoTime();
        postEvents(late);
        // both events raise alerts (the pod more than one): announced as they arrive
        await().atMost(APPEAR).pollInterval(Duration.ofMillis(50)).ignoreExceptions().untilAsserted(() -> assertThat(
                browser.findElement(By.id("new-alerts")).getText()).matches("\\d+ new alerts match the filters — Show"));
        System.out.printf("new-alert banner %d ms after the POST%n", (System.nanoTime() - posted) / 1_000_000);
        int[] last = {-1};
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(700)).until(() -> {
            int now = newAlerts();
            boolean settled = now == last[0];
            last[0] = now;
            return settled;
        });
        int announced = newAlerts();
        assertThat(announced).isGreaterThanOrEqualTo(2);
        assertThat(browser.getTitle()).isEqualTo("(" + announced + ") Alerts · Vigil");
        HeadlessChromium.screenshot(browser, "18-new-alerts-banner");

        browser.findElement(By.id("new-alerts-show")).click();
        await().atMost(APPEAR).ignoreExceptions().untilAsserted(() -> assertThat(
                String.join("\n", alertRows().subList(0, announced))).contains(late.bindingName(), late.podName()));
        assertThat(browser.getTitle()).isEqualTo("Alerts · Vigil");
        assertThat(browser.findElements(By.id("new-alerts-show"))).isEmpty();

        // on the first page a live alert goes straight to the top, and is counted until seen
        FreshAuditEvents later = new FreshAuditEvents(UUID.randomUUID().toString().substring(0, 8),
                java.time.Instant.now().minus(Duration.ofHours(5)));
        long again = System.nanoTime();
        postEvents(later);
        // read in one step: reading 100 rows with one WebDriver call each takes about a second on this machine
        await().atMost(APPEAR).pollInterval(Duration.ofMillis(50)).ignoreExceptions().untilAsserted(() ->
                assertThat(String.join("\n", topRows(announced))).contains(later.bindingName()));
        System.out.printf("live alert on top %d ms after the POST%n", (System.nanoTime() - again) / 1_000_000);
        await().atMost(APPEAR).pollInterval(Duration.ofMillis(50)).ignoreExceptions().untilAsserted(() ->
                assertThat(String.join("\n", alertRows().subList(0, announced))).contains(later.bindingName()));
        System.out.printf("live alert on top, read row by row, %d ms after the POST%n", (System.nanoTime() - again) / 1_000_000);
        assertThat(browser.findElement(By.id("alert-count")).getText()).startsWith("1–100 of ");
        assertThat(browser.getTitle()).startsWith("(");
        HeadlessChromium.screenshot(browser, "19-new-alert-on-top");
    }

    @Test
    @Order(60)
    void searchesTheEvidenceAndShowsATimeline() {
        browser.get(baseUrl + "/search?q=" + events.suffix());
        await().atMost(INDEXED).ignoreExceptions().untilAsserted(() -> assertThat(searchRows())
                .anyMatch(text -> text.contains(events.bindingName())).anyMatch(text -> text.contains(events.podName())));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Search evidence");
        assertThat(browser.findElement(By.id("search-user")).isDisplayed()).as("unused filters are folded").isFalse();
        assertThat(browser.findElement(By.id("search-q")).getDomProperty("value")).isEqualTo(events.suffix());
        assertThat(browser.findElement(By.id("search-count")).getText()).matches("1–\\d+ of \\d+ events between .*");
        List<WebElement> buckets = browser.findElements(By.cssSelector("#search-timeline .bucket"));
        assertThat(buckets).isNotEmpty();
        assertThat(buckets.get(0).findElement(By.className("bucket-count")).getText()).matches("\\d+ events?");
        assertThat(buckets.get(0).findElement(By.className("bucket-fill")).getSize().getWidth()).isPositive();
        HeadlessChromium.screenshot(browser, "60-search-results");

        WebElement binding = searchRow(events.bindingName());
        binding.findElement(By.className("result-toggle")).click();
        WebElement detail = binding.findElement(By.className("result-detail"));
        assertThat(detail.isDisplayed()).isTrue();
        assertThat(detail.getText()).contains("system:anonymous", "203.0.113.7", "curl/8.5.0", "201 Created");
        assertThat(detail.findElement(By.cssSelector("details[open] pre.json")).getText())
                .contains("\"name\": \"" + events.bindingName() + "\"");
        browser.executeScript("arguments[0].scrollIntoView({block: 'start'});", binding);
        HeadlessChromium.screenshot(browser, "61-search-row-expanded");

        browser.executeScript("window.scrollTo(0, 0);");
        browser.findElement(By.id("search-syntax")).findElement(By.tagName("summary")).click();
        assertThat(browser.findElement(By.id("search-syntax")).getText()).contains("\"exec pods\"", "secrets -get");
        browser.findElement(By.id("search-syntax")).findElement(By.tagName("summary")).click();
    }

    @Test
    @Order(61)
    void followsPivotsFromAnAlertAndFromAResult() {
        browser.get(baseUrl + "/alerts?q=" + events.suffix());
        await().atMost(APPEAR).ignoreExceptions().untilAsserted(() -> row(ANONYMOUS, events.bindingName())
                .findElement(By.cssSelector("a.alert-link")).click());
        await().atMost(APPEAR).ignoreExceptions().untilAsserted(() -> assertThat(
                browser.findElement(By.id("alert-pivots")).getText()).contains("Everything from 203.0.113.7 ±1 h",
                "All requests of system:anonymous ±1 h", "History of clusterrolebindings/" + events.bindingName()));
        HeadlessChromium.screenshot(browser, "62-alert-pivots");

        browser.findElement(By.cssSelector("#alert-pivots a.pivot-ip")).click();
        await().atMost(APPEAR).ignoreExceptions().untilAsserted(() -> assertThat(searchRows())
                .anyMatch(text -> text.contains(events.bindingName())));
        assertThat(browser.getCurrentUrl()).contains("/search?source_ip=203.0.113.7", "from=", "to=");
        assertThat(browser.findElement(By.id("search-source_ip")).getDomProperty("value")).isEqualTo("203.0.113.7");
        assertThat(browser.findElement(By.id("search-source_ip")).isDisplayed()).as("filters in use are shown").isTrue();
        assertThat(searchRows()).noneMatch(text -> text.contains(events.podName())); // from 192.0.2.10
        HeadlessChromium.screenshot(browser, "63-search-pivot-ip");

        WebElement binding = searchRow(events.bindingName());
        binding.findElement(By.className("result-toggle")).click();
        binding.findElement(By.cssSelector(".result-detail a.pivot-object")).click();
        await().atMost(APPEAR).ignoreExceptions().untilAsserted(() -> assertThat(
                browser.findElement(By.id("search-name")).getDomProperty("value")).isEqualTo(events.bindingName()));
        await().atMost(APPEAR).ignoreExceptions().untilAsserted(() -> assertThat(searchRows()).isNotEmpty()
                .allSatisfy(text -> assertThat(text).contains(events.bindingName())));
        assertThat(browser.getCurrentUrl()).contains("resource=clusterrolebindings", "name=" + events.bindingName(),
                "from=all");
        HeadlessChromium.screenshot(browser, "64-search-pivot-object");

        browser.navigate().back();
        await().atMost(APPEAR).ignoreExceptions().untilAsserted(() -> assertThat(
                browser.findElement(By.id("search-source_ip")).getDomProperty("value")).isEqualTo("203.0.113.7"));
    }

    @Test
    @Order(62)
    void exportLinksDownloadTheMatches() {
        browser.get(baseUrl + "/search?q=" + events.suffix());
        await().atMost(APPEAR).ignoreExceptions().untilAsserted(() -> assertThat(
                browser.findElement(By.id("export-csv")).getDomAttribute("href")).contains("format=csv"));
        for (String format : List.of("csv", "ndjson")) {
            String href = browser.findElement(By.id("export-" + format)).getDomAttribute("href");
            assertThat(href).startsWith("/v1/search/export?").contains("q=" + events.suffix());
            @SuppressWarnings("unchecked")
            java.util.Map<String, Object> download = (java.util.Map<String, Object>) ((JavascriptExecutor) browser)
                    .executeAsyncScript("""
                            const done = arguments[arguments.length - 1];
                            fetch(arguments[0]).then(async (response) => done({status: response.status,
                              disposition: response.headers.get('Content-Disposition'), body: await response.text()}))
                              .catch((error) => done({status: -1, body: String(error)}));""", href);
            assertThat(download.get("status")).as(format).isEqualTo(200L);
            assertThat((String) download.get("disposition")).startsWith("attachment; filename=\"vigil-evidence-")
                    .endsWith("." + format + "\"");
            assertThat((String) download.get("body")).contains(events.bindingName(), events.podName());
        }
    }

    @Test
    @Order(63)
    void searchFitsA390PixelScreenOldestFirst() {
        var size = browser.manage().window().getSize();
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        try {
            browser.get(baseUrl + "/search?q=" + events.suffix() + "&order=asc");
            await().atMost(APPEAR).ignoreExceptions().untilAsserted(() -> assertThat(searchRows()).hasSizeGreaterThanOrEqualTo(2));
            assertThat(new Select(browser.findElement(By.id("search-order"))).getFirstSelectedOption().getText())
                    .isEqualTo("Oldest first");
            List<String> rows = searchRows();
            assertThat(String.join("\n", rows).indexOf(events.bindingName()))
                    .as("the binding was posted before the pod").isLessThan(String.join("\n", rows).indexOf(events.podName()));
            assertNoSidewaysScroll();
            HeadlessChromium.screenshot(browser, "65-search-390px");
            WebElement pod = searchRow(events.podName());
            pod.findElement(By.className("result-toggle")).click();
            browser.executeScript("arguments[0].scrollIntoView({block: 'start'});", pod);
            assertNoSidewaysScroll();
            HeadlessChromium.screenshot(browser, "66-search-390px-expanded");
        } finally {
            browser.manage().window().setSize(size);
        }
    }

    @Test
    @Order(64)
    void searchOverviewComplianceAndDeadLettersAskAgainWhileTheirSourceIsUnavailable() {
        // each page's first two requests answer 503 as the API does while OpenSearch starts a shard; the page says
        // so, asks again by itself and then shows its answer (before, the notice stayed until the analyst reloaded)
        whileUnavailableTwice("/v1/search?", "/search?q=" + events.suffix(), "64a-search-unavailable", "The search failed (503: OpenSearch did not answer). Trying again…",
                () -> await().atMost(APPEAR).ignoreExceptions().untilAsserted(() -> assertThat(searchRows())
                        .anyMatch(text -> text.contains(events.bindingName()))));
        whileUnavailableTwice("/v1/overview?", "/overview", "64b-overview-unavailable", "The overview could not be loaded (503: OpenSearch did not answer). Trying again…",
                () -> await().atMost(APPEAR).ignoreExceptions().untilAsserted(() -> assertThat(overviewTotal()).isPositive()));
        whileUnavailableTwice("/v1/compliance?", "/compliance", "64c-compliance-unavailable", "The compliance report could not be loaded (503: OpenSearch did not answer). Trying again…",
                () -> await().atMost(APPEAR).ignoreExceptions().untilAsserted(() ->
                        assertThat(requirementStatus("APP.4.4.A3")).isEqualTo("violated")));
        whileUnavailableTwice("/v1/dead-letters?", "/dead-letters?since=7d", "64d-dead-letters-unavailable",
                "The dead letters could not be loaded (503: vigil.dlq could not be read). Trying again…",
                () -> await().atMost(APPEAR).ignoreExceptions().untilAsserted(() ->
                        assertThat(browser.findElement(By.id("dlq-summary")).getText()).matches("\\d+ dead letters? since .*")));
    }

    private void whileUnavailableTwice(String api, String page, String screenshot, String notice, Runnable answered) {
        String detail = api.startsWith("/v1/dead-letters") ? "vigil.dlq could not be read" : "OpenSearch did not answer";
        Map<String, Object> script = browser.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument",
                Map.of("source", unavailableTwice("String(input).startsWith('" + api + "')", detail)));
        try {
            browser.get(baseUrl + page);
            awaitNotice(notice);
            HeadlessChromium.screenshot(browser, screenshot);
            answered.run();
            assertThat(browser.findElement(By.tagName("main")).getText()).doesNotContain("Trying again");
        } finally {
            browser.executeCdpCommand("Page.removeScriptToEvaluateOnNewDocument", Map.of("identifier", script.get("identifier")));
        }
    }

    @Test
    @Order(52)
    void overviewShowsTheAlertsOverTimeAndTheTopLists() {
        browser.get(baseUrl + "/");
        awaitOverviewLoaded();
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Overview");
        assertThat(browser.findElement(By.cssSelector("nav a[data-nav=overview]")).getDomAttribute("aria-current"))
                .isEqualTo("page");
        assertThat(new Select(browser.findElement(By.id("range-select"))).getFirstSelectedOption().getText())
                .isEqualTo("Last 24 h");
        // the replayed events of this run (now, 3 h and 5 h ago) are in the last 24 hours
        await().atMost(INDEXED).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().untilAsserted(() -> {
            browser.navigate().refresh();
            awaitOverviewLoaded();
            assertThat(topEntry("rules", ANONYMOUS)).isNotNull();
            assertThat(topEntry("principals", "system:anonymous")).isNotNull();
            assertThat(topEntry("principals", "dev@example.com")).isNotNull();
            assertThat(topEntry("namespaces", "shop")).isNotNull();
            assertThat(topEntry("clusters", "local")).isNotNull();
        });
        List<WebElement> bars = browser.findElements(By.cssSelector("#overview-chart a.bar"));
        assertThat(bars).hasSizeBetween(24, 49);
        assertThat(bars.stream().mapToLong(bar -> Long.parseLong(bar.getDomAttribute("data-total"))).sum())
                .isEqualTo(Long.parseLong(browser.findElement(By.cssSelector("#overview-totals .total-all strong")).getText()));
        assertThat(browser.findElements(By.cssSelector("#overview-chart rect.segment.critical"))).isNotEmpty();
        assertThat(browser.findElements(By.cssSelector("#overview-chart rect.segment.high"))).isNotEmpty();
        assertThat(bars.get(bars.size() - 1).getDomAttribute("aria-label")).contains(" to ", "alert");
        HeadlessChromium.screenshot(browser, "20-overview");
    }

    @Test
    @Order(53)
    void aTopRuleOpensTheListFilteredByItWithTheSameCount() {
        browser.get(baseUrl + "/overview");
        awaitOverviewLoaded();
        WebElement rule = topEntry("rules", ANONYMOUS);
        String count = rule.findElement(By.cssSelector(".count")).getText();
        rule.findElement(By.tagName("a")).click();

        await().atMost(APPEAR).ignoreExceptions().untilAsserted(() -> assertThat(
                browser.findElement(By.id("alert-count")).getText()).endsWith(" of " + count + " alert" + ("1".equals(count) ? "" : "s")));
        assertThat(browser.getCurrentUrl()).contains("/alerts?", "rule=" + ANONYMOUS, "since=", "until=");
        assertThat(browser.findElements(By.cssSelector("#alert-rows tr[data-id]")))
                .allSatisfy(row -> assertThat(row.getDomAttribute("data-rule")).isEqualTo(ANONYMOUS));
        assertThat(new Select(browser.findElement(By.id("filter-rule"))).getFirstSelectedOption().getDomAttribute("value"))
                .isEqualTo(ANONYMOUS);
        assertThat(new Select(browser.findElement(By.id("range-select"))).getFirstSelectedOption().getText())
                .isEqualTo("Custom…");
        HeadlessChromium.screenshot(browser, "21-overview-rule-into-list");
    }

    @Test
    @Order(54)
    void aBarOpensTheListOfItsTimeWithTheSameCount() {
        browser.get(baseUrl + "/overview");
        awaitOverviewLoaded();
        WebElement bar = browser.findElements(By.cssSelector("#overview-chart a.bar")).stream()
                .filter(candidate -> !"0".equals(candidate.getDomAttribute("data-total")))
                .reduce((first, second) -> second).orElseThrow();
        String total = bar.getDomAttribute("data-total");
        String label = bar.getDomAttribute("aria-label");
        // keyboard: the bar is a link in the tab order, Enter follows it
        browser.executeScript("arguments[0].focus();", bar);
        browser.switchTo().activeElement().sendKeys(Keys.ENTER);

        await().atMost(APPEAR).ignoreExceptions().untilAsserted(() -> assertThat(
                browser.findElement(By.id("alert-count")).getText()).endsWith(" of " + total + " alert" + ("1".equals(total) ? "" : "s")));
        assertThat(browser.getCurrentUrl()).contains("/alerts?", "since=", "until=").doesNotContain("rule=");
        System.out.printf("bar %s opened %s%n", label, browser.getCurrentUrl());
        HeadlessChromium.screenshot(browser, "22-overview-bar-into-list");
    }

    @Test
    @Order(55)
    void theRangePickerChangesTheUrlTheDataAndTheLinks() {
        browser.get(baseUrl + "/overview");
        awaitOverviewLoaded();
        long day = overviewTotal();
        new Select(browser.findElement(By.id("range-select"))).selectByValue("7d");

        await().atMost(APPEAR).ignoreExceptions().untilAsserted(() -> {
            assertThat(browser.getCurrentUrl()).endsWith("/overview?since=7d");
            assertThat(browser.findElement(By.id("overview-result")).getDomAttribute("aria-busy")).isEqualTo("false");
            // the 520 alerts of a day ago (test 50) are in the last 7 days, not in the last 24 hours
            assertThat(overviewTotal()).isGreaterThanOrEqualTo(day + 520);
        });
        assertThat(topEntry("clusters", "bulk-" + events.suffix()).findElement(By.cssSelector(".count")).getText())
                .isEqualTo("520");
        long week = overviewTotal();
        assertThat(browser.findElement(By.cssSelector("nav a[data-nav=alerts]")).getDomAttribute("href"))
                .isEqualTo("/alerts?since=7d");
        assertThat(browser.findElement(By.cssSelector("nav a[data-nav=compliance]")).getDomAttribute("href"))
                .isEqualTo("/compliance?since=7d");
        HeadlessChromium.screenshot(browser, "23-overview-7d");

        browser.findElement(By.cssSelector("nav a[data-nav=alerts]")).click();
        await().atMost(APPEAR).ignoreExceptions().untilAsserted(() -> assertThat(
                browser.findElement(By.id("alert-count")).getText()).endsWith(" of " + week + " alerts"));
        assertThat(new Select(browser.findElement(By.id("range-select"))).getFirstSelectedOption().getText())
                .isEqualTo("Last 7 d");

        // a custom range: from 30 hours ago to 20 hours ago holds the 520 alerts of a day ago
        new Select(browser.findElement(By.id("range-select"))).selectByValue("custom");
        assertThat(browser.findElement(By.id("range-custom")).isDisplayed()).isTrue();
        browser.executeScript("""
                const local = (ms) => new Date(ms - new Date(ms).getTimezoneOffset() * 60000).toISOString().slice(0, 19);
                document.getElementById('range-since').value = local(Date.now() - 30 * 3600000);
                document.getElementById('range-until').value = local(Date.now() - 20 * 3600000);""");
        browser.findElement(By.id("range-apply")).click();
        await().atMost(APPEAR).ignoreExceptions().untilAsserted(() -> {
            assertThat(browser.getCurrentUrl()).matches(".*since=\\d{4}-.*&until=\\d{4}-.*");
            assertThat(browser.findElement(By.id("alert-count")).getText()).isEqualTo("1–100 of 520 alerts");
        });
        HeadlessChromium.screenshot(browser, "24-alerts-custom-range");
    }

    @Test
    @Order(56)
    void compactRowsFilterByTheirPrincipalAndNamespace() {
        browser.get(baseUrl + "/alerts?since=24h");
        await().atMost(APPEAR).ignoreExceptions().untilAsserted(() -> assertThat(alertRows()).isNotEmpty());
        WebElement first = browser.findElement(By.cssSelector("#alert-rows tr[data-id]"));
        assertThat(first.getSize().getHeight()).as("one line per alert").isLessThan(48);
        WebElement principal = browser.findElements(By.cssSelector("#alert-rows a.filter-link.principal")).stream()
                .filter(link -> link.getText().equals("dev@example.com")).findFirst().orElseThrow();
        principal.click();
        await().atMost(APPEAR).ignoreExceptions().untilAsserted(() -> {
            assertThat(browser.getCurrentUrl()).contains("principal=dev%40example.com", "since=24h");
            assertThat(alertRows()).isNotEmpty().allSatisfy(text -> assertThat(text).contains("dev@example.com"));
        });
        assertThat(browser.findElement(By.id("chip-principal")).getText()).contains("dev@example.com");
        HeadlessChromium.screenshot(browser, "25-alerts-by-principal");

        browser.findElements(By.cssSelector("#alert-rows a.filter-link.namespace")).get(0).click();
        await().atMost(APPEAR).ignoreExceptions().untilAsserted(() -> {
            assertThat(browser.getCurrentUrl()).contains("principal=dev%40example.com", "namespace=shop");
            assertThat(alertRows()).isNotEmpty().allSatisfy(text -> assertThat(text).contains("shop"));
        });
    }

    @Test
    @Order(57)
    void theOverviewAndCompactRowsFitA390PixelScreen() {
        var size = browser.manage().window().getSize();
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        try {
            browser.get(baseUrl + "/overview?since=7d");
            awaitOverviewLoaded();
            assertThat(browser.findElements(By.cssSelector("#overview-chart a.bar"))).isNotEmpty();
            HeadlessChromium.screenshot(browser, "26-overview-390px");
            System.out.println("wider than the screen: " + browser.executeScript("""
                    return [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > innerWidth + 1)
                      .slice(0, 8).map((e) => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).join('; ');"""));
            assertNoSidewaysScroll();
            browser.executeScript("document.getElementById('top-rules').scrollIntoView();");
            HeadlessChromium.screenshot(browser, "26b-overview-390px-top");

            browser.get(baseUrl + "/alerts?since=24h");
            await().atMost(APPEAR).ignoreExceptions().untilAsserted(() -> assertThat(alertRows()).hasSizeGreaterThanOrEqualTo(2));
            assertNoSidewaysScroll();
            browser.executeScript("document.getElementById('alerts-table').scrollIntoView();");
            HeadlessChromium.screenshot(browser, "27-alerts-compact-390px");
        } finally {
            browser.manage().window().setSize(size);
        }
    }

    @Test
    @Order(70)
    void theRaisedColumnShowsWhenTheAlertWasRaisedAndItsHeaderSorts() {
        String cluster = "bulk-" + events.suffix(); // 520 alerts (@Order 50): raised in the reverse order of their events
        browser.get(baseUrl + "/alerts?cluster=" + cluster);
        await().atMost(APPEAR).ignoreExceptions().untilAsserted(() -> assertThat(
                browser.findElement(By.id("alert-count")).getText()).isEqualTo("1–100 of 520 alerts"));
        assertThat(alertIds().get(0)).isEqualTo("bulk-rule:" + cluster + ":519");
        assertThat(browser.findElement(By.cssSelector("th[data-sort='updated']")).getDomAttribute("aria-sort"))
                .isEqualTo("descending");
        WebElement raised = browser.findElement(By.cssSelector("#alert-rows tr[data-id] td.raised time"));
        assertThat(raised.getDomAttribute("datetime")).isNotBlank();
        assertThat(raised.getDomAttribute("title")).startsWith("Raised ");
        WebElement first = browser.findElement(By.cssSelector("#alert-rows tr[data-id]"));
        assertThat(first.getSize().getHeight()).as("still one line per alert").isLessThan(48);
        HeadlessChromium.screenshot(browser, "70-alerts-raised-column");

        browser.findElement(By.id("sort-time")).click();
        await().atMost(APPEAR).ignoreExceptions().untilAsserted(() -> {
            assertThat(browser.getCurrentUrl()).contains("sort=time", "order=desc");
            assertThat(alertIds().get(0)).isEqualTo("bulk-rule:" + cluster + ":0");
        });
        assertThat(browser.findElement(By.cssSelector("th[data-sort='time']")).getDomAttribute("aria-sort"))
                .isEqualTo("descending");
        assertThat(browser.findElement(By.id("sort-by")).getDomProperty("value")).isEqualTo("time:desc");

        browser.findElement(By.id("sort-updated")).click();
        browser.findElement(By.id("sort-updated")).click(); // again: the other direction
        await().atMost(APPEAR).ignoreExceptions().untilAsserted(() -> {
            assertThat(browser.getCurrentUrl()).contains("order=asc").doesNotContain("sort=time");
            assertThat(alertIds().get(0)).isEqualTo("bulk-rule:" + cluster + ":0");
        });
        assertThat(browser.findElement(By.cssSelector("th[data-sort='updated']")).getDomAttribute("aria-sort"))
                .isEqualTo("ascending");
        HeadlessChromium.screenshot(browser, "71-alerts-sorted-by-raised-oldest-first");
    }

    @Test
    @Order(72)
    void filterDropdownsOfferValuesOfAlertsBeyondTheLoadedPage() throws Exception {
        String cluster = "facets-" + events.suffix();
        String far = "far-" + events.suffix();
        // 150 alerts; only the first raised (the last of the default order, on page 2) is in namespace `far`
        indexAlerts(cluster, 150, i -> i == 0 ? far : "near");

        browser.get(baseUrl + "/alerts?cluster=" + cluster);
        await().atMost(APPEAR).ignoreExceptions().untilAsserted(() -> assertThat(
                browser.findElement(By.id("alert-count")).getText()).isEqualTo("1–100 of 150 alerts"));
        assertThat(alertRows()).noneSatisfy(text -> assertThat(text).contains(far));
        await().atMost(APPEAR).ignoreExceptions().untilAsserted(() -> assertThat(options("filter-namespace"))
                .contains("near", far));
        assertThat(options("filter-cluster")).as("other clusters stay choosable").contains(cluster, "bulk-" + events.suffix());
        HeadlessChromium.screenshot(browser, "72-alerts-namespace-options");

        new Select(browser.findElement(By.id("filter-namespace"))).selectByValue(far);
        await().atMost(APPEAR).ignoreExceptions().untilAsserted(() -> {
            assertThat(browser.findElement(By.id("alert-count")).getText()).isEqualTo("1–1 of 1 alert");
            assertThat(alertIds()).containsExactly("bulk-rule:" + cluster + ":0");
        });
        // with a namespace chosen the other namespaces are still offered
        await().atMost(APPEAR).ignoreExceptions().untilAsserted(() -> assertThat(options("filter-namespace"))
                .contains("near", far));
    }

    @Test
    @Order(73)
    void theAlertListsHeaderAndFilterBarStayUsableAt390Pixels() {
        var size = browser.manage().window().getSize();
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        try {
            browser.get(baseUrl + "/alerts?cluster=bulk-" + events.suffix());
            await().atMost(APPEAR).ignoreExceptions().untilAsserted(() -> assertThat(alertIds()).hasSize(100));
            assertNoSidewaysScroll();
            Number widest = (Number) browser.executeScript("""
                    return Math.max(...[...document.querySelectorAll('.filters .field, .filters select, .filters input,'
                      + ' .filters button, #alerts-table, #alerts-table tr, #alerts-table td')]
                      .map((e) => e.getBoundingClientRect().right));""");
            assertThat(widest.doubleValue()).as("filter bar and rows inside the screen").isLessThanOrEqualTo(391);
            HeadlessChromium.screenshot(browser, "73-alerts-390px-filters");

            // a row scrolled to the top of the screen is visible, not under a sticky bar
            Object covered = browser.executeScript("""
                    const row = document.querySelectorAll('#alert-rows tr[data-id]')[20];
                    row.scrollIntoView({ block: 'start' });
                    const box = row.getBoundingClientRect();
                    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + 4);
                    return row.contains(hit) ? null : (hit ? hit.tagName + '.' + hit.className : 'nothing');""");
            assertThat(covered).as("what covers the row").isNull();
            assertThat(browser.findElement(By.cssSelector("#alert-rows tr[data-id] td.raised")).isDisplayed()).isTrue();
            HeadlessChromium.screenshot(browser, "74-alerts-390px-scrolled");
        } finally {
            browser.manage().window().setSize(size);
        }
    }

    @Test
    @Order(80)
    void aClosedAlertThatCountsNewEventsSaysSoInTheListAndOnItsPage() throws Exception {
        // @Order(10) closed the privileged pod's alert as a false positive. The same pod created again inside the
        // rule's dedup window counts on that alert instead of raising a new one — what an attacker hiding behind a
        // closed alert would do; the verdict recorded the count it saw, so the console can say what it has not seen.
        HttpResponse<String> posted = postAudit(events.privilegedPodAgain());
        assertThat(posted.body()).contains("\"accepted\":1");

        // read from the API, not from the live stream: load the list again until the repeat is indexed
        browser.get(baseUrl + "/alerts?q=" + events.suffix());
        try {
            await().atMost(INDEXED).pollInterval(Duration.ofSeconds(2)).ignoreExceptions().untilAsserted(() -> {
                if (row(PRIVILEGED, events.podName()).findElements(By.cssSelector(".since-verdict")).isEmpty()) {
                    browser.navigate().refresh();
                }
                WebElement status = row(PRIVILEGED, events.podName()).findElement(By.cssSelector("td.status-cell"));
                assertThat(status.findElement(By.cssSelector(".triage")).getText()).isEqualTo("closed · false positive");
                assertThat(status.findElement(By.cssSelector(".since-verdict")).getText()).isEqualTo("1 new event since closed");
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("no flag on the closed alert; its row: " + row(PRIVILEGED, events.podName()).getText()
                    + "; triage as the API reads it: " + apiAlertTriage(), e);
        }
        assertThat(row(ANONYMOUS, events.bindingName()).findElements(By.cssSelector(".since-verdict")))
                .as("the acknowledged alert saw every event it counts").isEmpty();
        HeadlessChromium.screenshot(browser, "80-closed-alert-with-new-events");

        await().atMost(APPEAR).ignoreExceptions().untilAsserted(() -> row(PRIVILEGED, events.podName())
                .findElement(By.cssSelector("a.alert-link")).click());
        await().atMost(APPEAR).ignoreExceptions().untilAsserted(() -> assertThat(
                browser.findElement(By.cssSelector("#triage-panel .since-verdict")).getText())
                .isEqualTo("1 new event since closed"));
    }

    @Test
    @Order(81)
    void aStreamedCopyWithoutItsVerdictKeepsTheVerdictTheListKnows() {
        // The console streams an alert without its triage when it cannot read the triage at that moment. Such a copy
        // of the alert closed at @Order(10) (counting one more event) must not make it read as open.
        Map<String, Object> script = browser.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", """
                (() => {
                  const Real = window.EventSource;
                  function Tapped(url, options) {
                    const source = new Real(url, options);
                    window.vigilTestStream = source;
                    return source;
                  }
                  Tapped.prototype = Real.prototype;
                  Object.assign(Tapped, { CONNECTING: Real.CONNECTING, OPEN: Real.OPEN, CLOSED: Real.CLOSED });
                  window.EventSource = Tapped;
                })();"""));
        try {
            browser.get(baseUrl + "/alerts?q=" + events.suffix());
            await().atMost(APPEAR).ignoreExceptions().untilAsserted(() -> assertThat(row(PRIVILEGED, events.podName())
                    .findElement(By.cssSelector(".since-verdict")).getText()).isEqualTo("1 new event since closed"));
            String id = row(PRIVILEGED, events.podName()).getDomAttribute("data-id");

            Object sent = browser.executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    fetch('/v1/alerts/' + encodeURIComponent(arguments[0]), { headers: { Accept: 'application/json' } })
                      .then((response) => response.json())
                      .then((answer) => {
                        const alert = answer.alert;
                        delete alert.vigil.triage;
                        alert.vigil.count += 1;
                        window.vigilTestStream.dispatchEvent(new MessageEvent('alert', { data: JSON.stringify(alert) }));
                        done(alert.vigil.count);
                      })
                      .catch((error) => done(String(error)));""", id);
            assertThat(sent).isEqualTo(3L);

            await().atMost(APPEAR).ignoreExceptions().untilAsserted(() -> {
                WebElement row = row(PRIVILEGED, events.podName());
                assertThat(row.findElement(By.cssSelector("td.num")).getText()).isEqualTo("3");
                assertThat(row.findElement(By.cssSelector(".triage")).getText()).isEqualTo("closed · false positive");
                assertThat(row.findElement(By.cssSelector(".since-verdict")).getText()).isEqualTo("2 new events since closed");
            });
        } finally {
            browser.executeCdpCommand("Page.removeScriptToEvaluateOnNewDocument", Map.of("identifier", script.get("identifier")));
        }
    }

    @Test
    @Order(100)
    void noScriptFailedOnAnyPage() {
        List<String> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.WARNING.intValue())
                // 404 while the newest alert is being indexed, 401 of the sign-in redirect: expected network answers
                .filter(entry -> !entry.getMessage().contains("Failed to load resource"))
                .map(LogEntry::toString)
                .toList();

        assertThat(errors).isEmpty();
    }

    private void postEvents(FreshAuditEvents batch) throws Exception {
        HttpResponse<String> posted = postAudit(batch.eventList());
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
    }

    /** An EventList body to the audit webhook, as the API server sends it. */
    private static HttpResponse<String> postAudit(String eventList) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl + "/v1/audit"))
                .header("Authorization", "Bearer " + INGEST_TOKEN)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(eventList))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * {@code count} alerts of a day ago written straight into the alert index (as the indexer would), raised a second
     * apart; their ids, oldest raised first.
     */
    private List<String> indexAlerts(String cluster, int count) throws Exception {
        return indexAlerts(cluster, count, i -> "bulk");
    }

    /** {@code count} alerts of one cluster, raised a second apart a day ago, their events in the reverse order. */
    private List<String> indexAlerts(String cluster, int count, java.util.function.IntFunction<String> namespace)
            throws Exception {
        java.time.Instant dayAgo = java.time.Instant.now().minus(Duration.ofDays(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String index = dev.vigil.alerting.index.IndexFamily.ALERTS.indexFor(dayAgo);
        StringBuilder bulk = new StringBuilder();
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = "bulk-rule:" + cluster + ":" + i;
            java.time.Instant raised = dayAgo.plusSeconds(i);
            ids.add(id);
            bulk.append("{\"index\":{\"_index\":\"").append(index).append("\",\"_id\":\"").append(id).append("\"}}\n");
            bulk.append("""
                    {"@timestamp":"%s","message":"Bulk alert %d of %s","event":{"kind":"alert","id":"%s","created":"%s","severity":47},\
                    "rule":{"id":"bulk-rule","name":"Bulk rule"},"user":{"name":"bulk@example.com"},\
                    "orchestrator":{"type":"kubernetes","cluster":{"name":"%s"},"namespace":"%s"},\
                    "vigil":{"severity":"medium","bsi":[],"count":1,"first_seen":"%s","last_seen":"%s","evidence":{"audit_ids":["a-%d"]}}}
                    """.formatted(dayAgo.minusSeconds(i), i, cluster, id, raised, cluster, namespace.apply(i), raised, raised, i));
        }
        String openSearch = vigil.getEnvironment().getRequiredProperty("vigil.opensearch.url");
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(openSearch + "/_bulk?refresh=true"))
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(bulk.toString()))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"errors\":false");
        return ids;
    }

    /** The number the new-alerts banner announces. */
    private int newAlerts() {
        return Integer.parseInt(browser.findElement(By.id("new-alerts")).getText().split(" ")[0]);
    }

    /** The ids of the rows shown, read in one step: the list may re-render its rows between two WebDriver calls. */
    @SuppressWarnings("unchecked")
    private List<String> alertIds() {
        return (List<String>) browser.executeScript(
                "return [...document.querySelectorAll('#alert-rows tr[data-id]')].map((row) => row.dataset.id);");
    }

    /** The row of the alert of {@code rule} that mentions {@code text}. */
    private WebElement row(String rule, String text) {
        return browser.findElements(By.cssSelector("#alert-rows tr[data-rule='" + rule + "']")).stream()
                .filter(row -> row.getText().contains(text))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + rule + " alert mentions " + text));
    }

    /** The text of the first {@code count} rows, read in one step. */
    @SuppressWarnings("unchecked")
    private List<String> topRows(int count) {
        return (List<String>) browser.executeScript("return [...document.querySelectorAll('#alert-rows tr[data-id]')]"
                + ".slice(0, arguments[0]).map((row) => row.innerText);", count);
    }

    /** The alert page shows its one audit event; on a timeout the failure says where the pipeline stood. */
    private void awaitOneEvidenceDocument() {
        try {
            await().atMost(INDEXED).ignoreExceptions().untilAsserted(() -> assertThat(browser.findElement(By.id("evidence-heading")).getText())
                    .isEqualTo("Evidence (1 audit event)"));
        } catch (ConditionTimeoutException e) {
            Map<String, KafkaStreams.State> streams = new TreeMap<>();
            vigil.getBeansOfType(KafkaStreamsLifecycle.class).forEach((name, lifecycle) -> streams.put(name, lifecycle.state()));
            throw new AssertionError("no evidence on the alert page; Kafka Streams applications: " + streams
                    + "; page: " + browser.findElement(By.tagName("main")).getText(), e);
        }
    }

    private List<String> alertRows() {
        return browser.findElements(By.cssSelector("#alert-rows tr[data-id]")).stream().map(WebElement::getText).toList();
    }

    private List<String> searchRows() {
        return browser.findElements(By.cssSelector("#search-timeline li.search-row")).stream().map(WebElement::getText).toList();
    }

    /** The search result row that mentions {@code text}. */
    private WebElement searchRow(String text) {
        return browser.findElements(By.cssSelector("#search-timeline li.search-row")).stream()
                .filter(row -> row.getText().contains(text))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no search result mentions " + text));
    }

    private void awaitOverviewLoaded() {
        await().atMost(APPEAR).ignoreExceptions().untilAsserted(() -> assertThat(
                browser.findElement(By.id("overview-result")).getDomAttribute("aria-busy")).isEqualTo("false"));
    }

    /** The item of an overview top list ({@code rules}, {@code principals}, …) for one value. */
    private WebElement topEntry(String list, String value) {
        return browser.findElement(By.cssSelector("#top-" + list + " a[data-value='" + value + "']"))
                .findElement(By.xpath(".."));
    }

    private long overviewTotal() {
        return Long.parseLong(browser.findElement(By.cssSelector("#overview-totals .total-all strong")).getText());
    }

    private void awaitComplianceLoaded() {
        await().atMost(APPEAR).ignoreExceptions().untilAsserted(() -> assertThat(
                browser.findElement(By.id("compliance-result")).getDomAttribute("aria-busy")).isEqualTo("false"));
    }

    /** The values a filter dropdown offers (without its "All …" entry). */
    @SuppressWarnings("unchecked")
    private List<String> options(String id) {
        return (List<String>) browser.executeScript(
                "return [...document.getElementById(arguments[0]).options].map((o) => o.value).filter(Boolean);", id);
    }

    private void assertNoSidewaysScroll() {
        Number scrollWidth = (Number) browser.executeScript("return document.documentElement.scrollWidth");
        Number innerWidth = (Number) browser.executeScript("return window.innerWidth");
        assertThat(scrollWidth.intValue()).as("page width at %s px", innerWidth).isLessThanOrEqualTo(innerWidth.intValue());
    }

    private String requirementStatus(String id) {
        return browser.findElement(By.cssSelector("tr[data-requirement='" + id + "']")).getDomAttribute("data-status");
    }
}

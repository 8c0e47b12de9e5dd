package dev.vigil.console.security;

import dev.vigil.embedded.CapturedLogs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.vigil.console.ConsoleUsersForTests.ADMIN;
import static dev.vigil.console.ConsoleUsersForTests.ADMIN_PASSWORD;
import static dev.vigil.console.ConsoleUsersForTests.ADMIN_PASSWORD_HASH;
import static dev.vigil.console.ConsoleUsersForTests.VIEWER;
import static dev.vigil.console.ConsoleUsersForTests.VIEWER_PASSWORD;
import static dev.vigil.console.ConsoleUsersForTests.basic;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Logins under attack, over real HTTP: a user name locked out after K failures (429 with {@code Retry-After}, also
 * for the right password), every login and every opening of an alert's evidence in the access log — never a
 * password — basic credentials without a session, and the form login's cookie flags. The alerts API here is the
 * real controller in front of an OpenSearch that is not there (503): the access record does not depend on it.
 */
@SpringBootTest(classes = LoginAuditIT.AlertsApiOnly.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "vigil.roles=alerting",
                "server.address=127.0.0.1",
                "server.forward-headers-strategy=native",
                "vigil.opensearch.url=http://127.0.0.1:9",
                "vigil.console.users[0].username=" + VIEWER,
                "vigil.console.users[0].password={noop}" + VIEWER_PASSWORD,
                "vigil.console.users[1].username=" + ADMIN,
                "vigil.console.users[1].password=" + ADMIN_PASSWORD_HASH,
                "vigil.console.users[1].role=admin",
                "vigil.console.users[2].username=" + LoginAuditIT.TARGET,
                "vigil.console.users[2].password={noop}" + LoginAuditIT.TARGET_PASSWORD,
                "vigil.console.login.max-failures-per-user=" + LoginAuditIT.K,
                "vigil.console.login.max-failures-per-address=50",
                "vigil.console.login.lockout=1m"})
class LoginAuditIT {

    static final int K = 3;
    static final String TARGET = "tara";
    static final String TARGET_PASSWORD = "tara-right-pw";
    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private CapturedLogs logs;

    @BeforeEach
    void captureLogs() {
        logs = CapturedLogs.attach();
    }

    @AfterEach
    void noPasswordWasLogged() {
        logs.close();
        assertThat(logs.lines()).noneMatch(line -> line.contains(TARGET_PASSWORD) || line.contains(VIEWER_PASSWORD)
                || line.contains(ADMIN_PASSWORD) || line.contains("guess-"));
    }

    @Test
    void afterKFailedLoginsAUserIsRefusedWith429EvenWithTheRightPassword() throws Exception {
        for (int i = 0; i < K; i++) {
            assertThat(send(basic(get("/v1/alerts"), TARGET, "guess-" + i)).statusCode()).isEqualTo(401);
        }

        HttpResponse<String> right = send(basic(get("/v1/alerts"), TARGET, TARGET_PASSWORD));
        assertThat(right.statusCode()).isEqualTo(429);
        assertThat(right.headers().firstValue("Retry-After")).hasValueSatisfying(
                seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, 60L));
        assertThat(right.body()).contains("\"status\":429", "Too many failed sign-ins");

        Browser browser = new Browser();
        HttpResponse<String> form = browser.login(TARGET, TARGET_PASSWORD, false);
        assertThat(form.statusCode()).isEqualTo(429);
        assertThat(form.headers().firstValue("Retry-After")).isPresent();
        assertThat(form.body()).contains("role=\"alert\"", "Too many failed sign-ins");

        // Other users go on as before.
        assertThat(send(basic(get("/v1/alerts"), VIEWER, VIEWER_PASSWORD)).statusCode()).isNotIn(401, 429);
        assertThat(accessLog()).filteredOn(line -> line.contains("login failed: user=" + TARGET + " "))
                .hasSize(K).allMatch(line -> line.contains("address=127.0.0.1") && line.contains("time="));
        assertThat(accessLog()).anyMatch(line -> line.startsWith("vigil.audit.access login refused, too many failures: "
                + "user=" + TARGET + " address=127.0.0.1"));
    }

    @Test
    void failedAndSuccessfulLoginsAreLoggedWithUserAddressAndTime() throws Exception {
        assertThat(send(basic(get("/v1/alerts"), VIEWER, "guess-wrong")).statusCode()).isEqualTo(401);
        send(basic(get("/v1/alerts"), VIEWER, VIEWER_PASSWORD));
        assertThat(send(basic(get("/v1/alerts"), "nobody\nlogin succeeded user=ada", "guess-x")).statusCode())
                .isEqualTo(401);

        assertThat(accessLog()).anyMatch(line -> line.matches("vigil\\.audit\\.access login failed: user=" + VIEWER
                + " address=127\\.0\\.0\\.1 time=\\d{4}-.*Z reason=BadCredentialsException"));
        assertThat(accessLog()).anyMatch(line -> line.matches("vigil\\.audit\\.access login succeeded: user=" + VIEWER
                + " address=127\\.0\\.0\\.1 time=\\d{4}-.*Z"));
        // A user name cannot forge a line.
        assertThat(accessLog()).anyMatch(line -> line.contains("login failed: user=nobody_login_succeeded_user=ada "))
                .noneMatch(line -> line.contains("\n"));
    }

    @Test
    void openingAnAlertsEvidenceIsLoggedWithUserAndAlertId() throws Exception {
        HttpResponse<String> response = send(basic(get("/v1/alerts/privileged-pod-4f1c"), VIEWER, VIEWER_PASSWORD));

        assertThat(response.statusCode()).as("OpenSearch is not there").isEqualTo(503);
        assertThat(accessLog()).anyMatch(line -> line.matches("vigil\\.audit\\.access evidence opened: user=" + VIEWER
                + " alert=privileged-pod-4f1c address=127\\.0\\.0\\.1 time=\\d{4}-.*Z found=false"));
    }

    @Test
    void basicCredentialsOpenNoSession() throws Exception {
        HttpResponse<String> response = send(basic(get("/v1/alerts"), ADMIN, ADMIN_PASSWORD));

        assertThat(response.statusCode()).isNotIn(401, 403, 429);
        assertThat(response.headers().allValues("Set-Cookie")).isEmpty();
    }

    @Test
    void theFormLoginsSessionCookieIsHttpOnlyAndSameSiteLaxAndSecureBehindTls() throws Exception {
        HttpResponse<String> plain = new Browser().login(ADMIN, ADMIN_PASSWORD, false);
        assertThat(plain.statusCode()).isEqualTo(302);
        assertThat(sessionCookie(plain)).contains("HttpOnly", "SameSite=Lax").doesNotContain("Secure");

        HttpResponse<String> proxied = new Browser().login(ADMIN, ADMIN_PASSWORD, true);
        assertThat(proxied.statusCode()).isEqualTo(302);
        assertThat(sessionCookie(proxied)).contains("HttpOnly", "SameSite=Lax", "Secure");
    }

    private static String sessionCookie(HttpResponse<String> response) {
        return response.headers().allValues("Set-Cookie").stream().filter(cookie -> cookie.startsWith("JSESSIONID="))
                .findFirst().orElseThrow(() -> new AssertionError("no session cookie in " + response.headers()));
    }

    private List<String> accessLog() {
        return logs.lines().stream().filter(line -> line.startsWith("vigil.audit.access ")).toList();
    }

    /**
     * A browser signing in through the form, optionally as if behind a TLS-terminating proxy. It carries the session
     * cookie itself: a cookie marked Secure is one a cookie store would not send back over plain HTTP.
     */
    private final class Browser {

        HttpResponse<String> login(String user, String password, boolean behindTls)
                throws IOException, InterruptedException {
            HttpResponse<String> page = http.send(proxied(get("/login"), behindTls).build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher csrf = CSRF_FIELD.matcher(page.body());
            assertThat(csrf.find()).isTrue();
            String session = sessionCookie(page).split(";", 2)[0];
            HttpRequest.Builder form = HttpRequest.newBuilder(url("/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Cookie", session)
                    .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password="
                            + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf="
                            + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8)));
            return http.send(proxied(form, behindTls).build(), HttpResponse.BodyHandlers.ofString());
        }

        private static HttpRequest.Builder proxied(HttpRequest.Builder request, boolean behindTls) {
            return behindTls ? request.header("X-Forwarded-Proto", "https") : request;
        }
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(url(path)).GET();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** The alerts query API (its real controller) and the HTTP security; no console, no indexer, no streams. */
    @SpringBootConfiguration
    @EnableAutoConfiguration(excludeName = {
            "dev.vigil.alerting.AlertingAutoConfiguration",
            "dev.vigil.alerting.notify.NotifierAutoConfiguration",
            "dev.vigil.streams.StreamsAutoConfiguration",
            "dev.vigil.streams.rules.RulesAutoConfiguration",
            "dev.vigil.ingest.IngestAutoConfiguration"})
    static class AlertsApiOnly {
    }
}

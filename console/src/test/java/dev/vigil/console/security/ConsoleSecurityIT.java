package dev.vigil.console.security;

import dev.vigil.console.ConsoleIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.vigil.console.ConsoleUsersForTests.ADMIN;
import static dev.vigil.console.ConsoleUsersForTests.ADMIN_PASSWORD;
import static dev.vigil.console.ConsoleUsersForTests.VIEWER;
import static dev.vigil.console.ConsoleUsersForTests.VIEWER_PASSWORD;
import static dev.vigil.console.ConsoleUsersForTests.basic;
import static org.assertj.core.api.Assertions.assertThat;

/** The console's HTTP security over real HTTP: API clients, the browser's form login, and ingest's open door. */
@ConsoleIntegrationTest
class ConsoleSecurityIT {

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void apiWithoutCredentialsIsUnauthorizedWithABasicChallenge() throws Exception {
        HttpResponse<String> response = send(get("/v1/rules"));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                challenge -> assertThat(challenge).startsWith("Basic realm=\"Vigil\""));
        assertThat(response.headers().firstValue("Location")).isEmpty();
    }

    @Test
    void apiWithWrongPasswordIsUnauthorized() throws Exception {
        assertThat(send(basic(get("/v1/rules"), VIEWER, "not-the-password")).statusCode()).isEqualTo(401);
    }

    @Test
    void viewerReadsTheRulesWithBasicAuth() throws Exception {
        HttpResponse<String> response = send(basic(get("/v1/rules"), VIEWER, VIEWER_PASSWORD));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"id\":\"anonymous-admin-action\"", "\"severity\":\"critical\"",
                "\"bsi\":[\"APP.4.4.A3\"]", "\"dedup_window\":\"PT10M\"");
        assertThat(response.body().indexOf("anonymous-admin-action"))
                .as("sorted by id").isLessThan(response.body().indexOf("privileged-pod"));
    }

    @Test
    void adminWithBcryptPasswordReadsTheApiToo() throws Exception {
        HttpResponse<String> response = send(basic(get("/v1/session"), ADMIN, ADMIN_PASSWORD));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"username\":\"" + ADMIN + "\"", "\"roles\":[\"admin\"]");
    }

    @Test
    void basicCredentialsOpenNoSessionEvenWhereTheCsrfTokenIsRead() throws Exception {
        for (String path : new String[] {"/v1/rules", "/v1/session"}) {
            HttpResponse<String> response = send(basic(get(path), VIEWER, VIEWER_PASSWORD));
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.headers().allValues("Set-Cookie")).as(path).isEmpty();
        }
    }

    @Test
    void viewerCannotReachAdminOnlyActuatorEndpoints() throws Exception {
        assertThat(send(basic(get("/actuator/prometheus"), VIEWER, VIEWER_PASSWORD)).statusCode()).isEqualTo(403);
        assertThat(send(basic(get("/actuator/env"), VIEWER, VIEWER_PASSWORD)).statusCode()).isEqualTo(403);
        assertThat(send(basic(get("/actuator/prometheus"), ADMIN, ADMIN_PASSWORD)).statusCode()).isEqualTo(200);
        assertThat(send(get("/actuator/prometheus")).statusCode()).isEqualTo(401);
    }

    @Test
    void healthIsOpen() throws Exception {
        HttpResponse<String> response = send(get("/actuator/health"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"status\":\"UP\"}");
    }

    @Test
    void auditWebhookIsNotBlockedBySpringSecurityNorByCsrf() throws Exception {
        HttpRequest post = HttpRequest.newBuilder(url("/v1/audit"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer ingest-token-checked-by-ingest-itself")
                .POST(HttpRequest.BodyPublishers.ofString("{\"kind\":\"EventList\",\"items\":[]}"))
                .build();

        HttpResponse<String> response = http.send(post, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"accepted\":1");
        assertThat(response.headers().firstValue("Set-Cookie")).as("stateless").isEmpty();
    }

    @Test
    void consoleRedirectsBrowsersToTheLoginPage() throws Exception {
        HttpResponse<String> response = send(get("/").header("Accept", "text/html"));

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/login"));
    }

    @Test
    void loginPageIsAnAccessibleFormWithCsrfToken() throws Exception {
        HttpResponse<String> response = send(get("/login"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/html"));
        assertThat(response.body()).contains("<label for=\"username\">", "<label for=\"password\">",
                "<button type=\"submit\"", "<html lang=\"en\">");
        assertThat(CSRF_FIELD.matcher(response.body()).find()).isTrue();
        assertThat(response.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                csp -> assertThat(csp).contains("default-src 'self'", "frame-ancestors 'none'"));
    }

    @Test
    void formLoginOpensASessionThatTheApiAccepts() throws Exception {
        HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .cookieHandler(new CookieManager()).build();
        String loginPage = browser.send(get("/login").build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher csrf = CSRF_FIELD.matcher(loginPage);
        assertThat(csrf.find()).isTrue();

        HttpResponse<String> login = browser.send(form("username=" + VIEWER + "&password=" + VIEWER_PASSWORD
                + "&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8)), HttpResponse.BodyHandlers.ofString());

        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/"));
        HttpResponse<String> session = browser.send(get("/v1/session").header("X-Requested-With", "XMLHttpRequest")
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(session.statusCode()).isEqualTo(200);
        assertThat(session.body()).contains("\"username\":\"" + VIEWER + "\"", "\"roles\":[\"viewer\"]",
                "\"header\":\"X-CSRF-TOKEN\"");
        for (String page : new String[] {"/", "/alerts", "/alerts/anonymous-admin-action-1f2e", "/compliance", "/rules"}) {
            HttpResponse<String> console = browser.send(get(page).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(console.statusCode()).as(page).isEqualTo(200);
            assertThat(console.body()).as(page).contains("<script type=\"module\" src=\"/assets/app.js\"></script>");
        }
    }

    @Test
    void consolePagesRequireLoginButItsStylesheetDoesNot() throws Exception {
        assertThat(send(get("/alerts/some-alert")).statusCode()).isEqualTo(302);
        assertThat(send(get("/index.html")).statusCode()).isEqualTo(302);
        HttpResponse<String> css = send(get("/assets/console.css"));
        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.body()).contains(".login-card");
    }

    @Test
    void formLoginWithWrongPasswordReturnsToTheLoginPageWithAnError() throws Exception {
        HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .cookieHandler(new CookieManager()).build();
        Matcher csrf = CSRF_FIELD.matcher(browser.send(get("/login").build(), HttpResponse.BodyHandlers.ofString()).body());
        assertThat(csrf.find()).isTrue();

        HttpResponse<String> login = browser.send(form("username=" + VIEWER + "&password=wrong&_csrf="
                + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8)), HttpResponse.BodyHandlers.ofString());

        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/login?error"));
        String errorPage = browser.send(get("/login?error").build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(errorPage).contains("role=\"alert\"", "Wrong user name or password.");
    }

    @Test
    void formLoginWithoutCsrfTokenIsRefused() throws Exception {
        HttpResponse<String> login = http.send(form("username=" + VIEWER + "&password=" + VIEWER_PASSWORD),
                HttpResponse.BodyHandlers.ofString());

        assertThat(login.statusCode()).isEqualTo(403);
    }

    @Test
    void scriptRequestsWithoutSessionGet401WithoutBrowserPrompt() throws Exception {
        HttpResponse<String> response = send(get("/v1/alerts").header("X-Requested-With", "XMLHttpRequest"));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(url(path)).GET();
    }

    private HttpRequest form(String body) {
        return HttpRequest.newBuilder(url("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}

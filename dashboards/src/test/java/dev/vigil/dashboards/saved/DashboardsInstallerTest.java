package dev.vigil.dashboards.saved;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The installer against a real HTTP server standing in for OpenSearch Dashboards' saved-objects import API. */
class DashboardsInstallerTest {

    private static final String IMPORTED = "{\"success\":true,\"successCount\":20,\"successResults\":[]}";

    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Deque<Answer> answers = new ArrayDeque<>();
    private HttpServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void postsTheBundledFileAsMultipartWithXsrfHeaderBasicAuthAndOverwrite() {
        answers.add(new Answer(200, IMPORTED));
        DashboardsInstaller installer = new DashboardsInstaller(properties("/", "vigil", "s3cret"));

        ImportOutcome outcome = installer.install();

        assertThat(outcome).isEqualTo(new ImportOutcome.Imported(20));
        assertThat(requests).hasSize(1);
        Request request = requests.get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.uri().getPath()).isEqualTo("/api/saved_objects/_import");
        assertThat(request.uri().getQuery()).isEqualTo("overwrite=true");
        assertThat(request.xsrf()).isEqualTo("true");
        assertThat(request.authorization()).isEqualTo("Basic "
                + Base64.getEncoder().encodeToString("vigil:s3cret".getBytes(StandardCharsets.UTF_8)));
        assertThat(request.contentType()).startsWith("multipart/form-data;").contains("boundary=");
        String body = request.body();
        assertThat(body).contains("Content-Disposition: form-data; name=\"file\"; filename=\"vigil-saved-objects.ndjson\"")
                .contains("Content-Type: application/ndjson")
                .contains(new String(SavedObjects.bundled(), StandardCharsets.UTF_8));
    }

    @Test
    void retriesWhileDashboardsIsStarting() {
        answers.add(new Answer(503, "{\"statusCode\":503,\"error\":\"Service Unavailable\",\"message\":\"OpenSearch Dashboards server is not ready yet\"}"));
        answers.add(new Answer(503, "not ready"));
        answers.add(new Answer(200, IMPORTED));

        ImportOutcome outcome = new DashboardsInstaller(properties("/", null, null)).install();

        assertThat(outcome).isEqualTo(new ImportOutcome.Imported(20));
        assertThat(requests).hasSize(3);
        assertThat(requests).allSatisfy(request -> {
            assertThat(request.uri().getQuery()).isEqualTo("overwrite=true");
            assertThat(request.authorization()).isNull();
        });
        String ndjson = new String(SavedObjects.bundled(), StandardCharsets.UTF_8);
        assertThat(requests).allSatisfy(request -> assertThat(request.body()).contains(ndjson));
    }

    @Test
    void keepsTheBasePathOfDashboards() {
        answers.add(new Answer(200, IMPORTED));

        new DashboardsInstaller(properties("/dashboards/", null, null)).install();

        assertThat(requests).singleElement()
                .satisfies(request -> assertThat(request.uri().getPath()).isEqualTo("/dashboards/api/saved_objects/_import"));
    }

    @Test
    void doesNotRetryWhenTheCredentialsAreRefused() {
        answers.add(new Answer(401, "{\"statusCode\":401,\"error\":\"Unauthorized\"}"));
        answers.add(new Answer(200, IMPORTED));

        ImportOutcome outcome = new DashboardsInstaller(properties("/", "vigil", "wrong")).install();

        assertThat(outcome).isInstanceOf(ImportOutcome.Rejected.class);
        assertThat(((ImportOutcome.Rejected) outcome).reason()).startsWith("HTTP 401").doesNotContain("wrong");
        assertThat(requests).hasSize(1);
    }

    @Test
    void reportsObjectsThatDashboardsRefused() {
        answers.add(new Answer(200, "{\"success\":false,\"successCount\":19,\"errors\":[{\"id\":\"vigil-forensics\","
                + "\"type\":\"dashboard\",\"title\":\"Vigil — forensics\",\"error\":{\"type\":\"missing_references\"}}]}"));

        ImportOutcome outcome = new DashboardsInstaller(properties("/", null, null)).install();

        assertThat(outcome).isEqualTo(new ImportOutcome.Rejected(
                "Dashboards imported 19 objects and refused dashboard/vigil-forensics: missing_references"));
    }

    @Test
    void givesUpWhenDashboardsNeverAnswers() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        DashboardsProperties unreachable = new DashboardsProperties(URI.create("http://127.0.0.1:" + closedPort),
                null, null, Duration.ofSeconds(2), Duration.ofMillis(20), Duration.ofMillis(300));

        ImportOutcome outcome = new DashboardsInstaller(unreachable).install();

        assertThat(outcome).isInstanceOf(ImportOutcome.RetryLater.class);
        assertThat(((ImportOutcome.RetryLater) outcome).reason()).startsWith("Dashboards not reachable");
    }

    @Test
    void installsInTheBackgroundWhenStarted() {
        answers.add(new Answer(503, "not ready"));
        answers.add(new Answer(200, IMPORTED));
        DashboardsInstaller installer = new DashboardsInstaller(properties("/", null, null));

        installer.start();

        assertThat(installer.isRunning()).isTrue();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(requests).hasSize(2));
        installer.stop();
        assertThat(installer.isRunning()).isFalse();
    }

    @Test
    void neverShowsThePasswordOrUrlCredentials() {
        DashboardsProperties properties = new DashboardsProperties(URI.create("https://ops:urlsecret@dashboards:5601"),
                "vigil", "s3cret", Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1));

        assertThat(properties.toString()).contains("password=******", "https://dashboards:5601")
                .doesNotContain("s3cret", "urlsecret");
        assertThat(properties.displayUrl()).isEqualTo("https://dashboards:5601");
    }

    private DashboardsProperties properties(String basePath, String username, String password) {
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + basePath);
        return new DashboardsProperties(url, username, password, Duration.ofSeconds(5), Duration.ofMillis(10),
                Duration.ofSeconds(30));
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI(),
                exchange.getRequestHeaders().getFirst("osd-xsrf"), exchange.getRequestHeaders().getFirst("Authorization"),
                exchange.getRequestHeaders().getFirst("Content-Type"), new String(body, StandardCharsets.UTF_8)));
        Answer answer;
        synchronized (answers) {
            answer = answers.isEmpty() ? new Answer(500, "no answer left") : answers.poll();
        }
        byte[] response = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), response.length);
        exchange.getResponseBody().write(response);
        exchange.close();
    }

    private record Request(String method, URI uri, String xsrf, String authorization, String contentType, String body) {
    }

    private record Answer(int status, String body) {
    }
}

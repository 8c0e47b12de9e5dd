package dev.vigil.app.opensearch;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import dev.vigil.alerting.opensearch.OpenSearchProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

/** Against a local HTTP server that answers like OpenSearch's {@code GET /} and checks basic authentication. */
class OpenSearchHealthIndicatorTest {

    private static final String ROOT = """
            {"name":"node-1","cluster_name":"vigil","version":{"distribution":"opensearch","number":"3.9.0"},
             "tagline":"The OpenSearch Project: https://opensearch.org/"}""";

    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            authorizations.add(String.valueOf(authorization));
            boolean allowed = ("Basic " + Base64.getEncoder().encodeToString("vigil:s3cret".getBytes(StandardCharsets.UTF_8)))
                    .equals(authorization);
            byte[] body = (allowed ? ROOT : "{\"error\":\"unauthorized\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(allowed ? 200 : 401, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private OpenSearchProperties properties(String username, String password) {
        return new OpenSearchProperties(URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                username, password, null, "Authorization", null, Duration.ofSeconds(5), Duration.ofSeconds(60));
    }

    @Test
    void answeringNodeIsUpWithItsVersion() {
        Health health = new OpenSearchHealthIndicator(properties("vigil", "s3cret"), Duration.ofSeconds(5)).health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails())
                .containsEntry("version", "3.9.0")
                .containsEntry("clusterName", "vigil")
                .containsEntry("url", "http://127.0.0.1:" + server.getAddress().getPort());
        assertThat(authorizations).hasSize(1);
    }

    @Test
    void rejectedCredentialsAreDownWithoutShowingThem() {
        Health health = new OpenSearchHealthIndicator(properties("vigil", "wrong-password"), Duration.ofSeconds(5)).health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("status", 401);
        assertThat(health.toString()).doesNotContain("wrong-password");
    }

    @Test
    void unreachableNodeIsDown() {
        server.stop(0);

        Health health = new OpenSearchHealthIndicator(properties(null, null), Duration.ofSeconds(2)).health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsKey("error");
    }

    @Test
    void displayedUrlsDropUserInfoAndQuery() {
        assertThat(OpenSearchUrls.display(URI.create("https://admin:pw@search.example:9200/prefix?x=1")))
                .isEqualTo("https://search.example:9200/prefix");
    }
}

package dev.vigil.alerting.opensearch;

import dev.vigil.alerting.tls.PemTrust;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.transport.OpenSearchTransport;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The client against a local HTTP server that records what arrives: authentication headers and the path prefix. */
class OpenSearchClientsTest {

    private final List<String> authorization = new CopyOnWriteArrayList<>();
    private final List<String> apiKeys = new CopyOnWriteArrayList<>();
    private final List<String> paths = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            paths.add(exchange.getRequestURI().getPath());
            authorization.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            apiKeys.add(String.valueOf(exchange.getRequestHeaders().getFirst("X-Api-Key")));
            byte[] body = "{\"acknowledged\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
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

    @Test
    void sendsBasicAuthenticationPreemptively() throws IOException {
        OpenSearchRest.JsonResponse answer = get(properties("vigil", "pa:ss wörd", null, "Authorization", ""));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().path("acknowledged").asBoolean()).isTrue();
        assertThat(authorization).containsExactly("Basic " + Base64.getEncoder()
                .encodeToString("vigil:pa:ss wörd".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void sendsTheApiKeyInTheConfiguredHeader() throws IOException {
        get(properties(null, null, "k-123", "X-Api-Key", ""));
        get(properties(null, null, "k-456", "Authorization", ""));

        assertThat(apiKeys).containsExactly("k-123", "null");
        assertThat(authorization).containsExactly("null", "ApiKey k-456");
    }

    @Test
    void keepsThePathOfTheUrlAsPrefix() throws IOException {
        get(properties(null, null, null, "Authorization", "/opensearch"));

        assertThat(paths).containsExactly("/opensearch/_cluster/health");
    }

    @Test
    void trustsTheCaOfAPemFile() throws Exception {
        Path pem = Path.of(getClass().getClassLoader().getResource("tls/test-ca.pem").toURI());

        KeyStore store = PemTrust.trustStore(pem);

        assertThat(store.size()).isEqualTo(1);
        assertThat(store.getCertificate("vigil-ca-0").toString()).contains("CN=Vigil test CA");
        assertThat(PemTrust.sslContext(pem).getProtocol()).startsWith("TLS");
    }

    @Test
    void rejectsAFileWithoutCertificates() throws IOException {
        Path notPem = Files.createTempFile("not-a-ca", ".pem");
        Files.writeString(notPem, "hello");
        try {
            assertThatThrownBy(() -> PemTrust.trustStore(notPem)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(notPem.toString());
        } finally {
            Files.delete(notPem);
        }
    }

    private OpenSearchRest.JsonResponse get(OpenSearchProperties properties) throws IOException {
        try (OpenSearchTransport transport = OpenSearchClients.transport(properties)) {
            return new OpenSearchRest(new OpenSearchClient(transport)).get("/_cluster/health");
        }
    }

    private OpenSearchProperties properties(String user, String password, String apiKey, String header, String path) {
        return new OpenSearchProperties(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path), user,
                password, apiKey, header, null, Duration.ofSeconds(2), Duration.ofSeconds(5));
    }
}

package dev.vigil.ingest.webhook;

import dev.vigil.embedded.EmbeddedKafkaExtension;
import dev.vigil.embedded.WithEmbeddedKafka;
import dev.vigil.ingest.IngestTestApplication;
import dev.vigil.ingest.TestCertificates;
import dev.vigil.ingest.TestEvents;
import dev.vigil.ingest.TopicRecords;
import dev.vigil.model.kafka.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import javax.net.ssl.SSLContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mutual TLS through a standard Spring Boot SSL bundle: the API server presents a client certificate whose CN maps to
 * a cluster; a certificate the server trusts but whose CN is not configured earns nothing; tokens still work.
 */
@WithEmbeddedKafka
@SpringBootTest(classes = IngestTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "vigil.roles=ingest",
                "server.address=127.0.0.1",
                "server.ssl.bundle=ingest",
                "server.ssl.client-auth=want",
                "vigil.ingest.client-certificates.[kube-apiserver.prod-1]=tls-prod-1",
                "vigil.ingest.tokens[0].token=token-tls",
                "vigil.ingest.tokens[0].cluster=tls-token"})
class ClientCertificateIT {

    @TempDir
    static Path dir;
    private static Path serverTrust;
    private static Path apiserver;
    private static Path stranger;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void tls(DynamicPropertyRegistry registry) {
        TestCertificates certificates = new TestCertificates(dir);
        Path server = certificates.keyStore("server", "localhost", "san=ip:127.0.0.1,dns:localhost");
        apiserver = certificates.keyStore("apiserver", "kube-apiserver.prod-1");
        stranger = certificates.keyStore("stranger", "someone-else");
        Path clientsTrust = certificates.trustStore("clients-trust", apiserver, stranger);
        serverTrust = certificates.trustStore("server-trust", server);
        registry.add("spring.ssl.bundle.jks.ingest.keystore.location", () -> "file:" + server);
        registry.add("spring.ssl.bundle.jks.ingest.keystore.password", () -> TestCertificates.PASSWORD);
        registry.add("spring.ssl.bundle.jks.ingest.keystore.type", () -> "PKCS12");
        registry.add("spring.ssl.bundle.jks.ingest.truststore.location", () -> "file:" + clientsTrust);
        registry.add("spring.ssl.bundle.jks.ingest.truststore.password", () -> TestCertificates.PASSWORD);
        registry.add("spring.ssl.bundle.jks.ingest.truststore.type", () -> "PKCS12");
    }

    @Test
    void aMappedClientCertificatePostsAsItsCluster() throws Exception {
        HttpResponse<String> response = post(apiserver, null, "/v1/audit", "mtls", 3);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(records("mtls")).hasSize(3).allSatisfy(r -> assertThat(r.cluster()).isEqualTo("tls-prod-1"));

        assertThat(post(apiserver, null, "/v1/audit/tls-token", "mtls-other", 1).statusCode()).isEqualTo(403);
        assertThat(records("mtls-other")).isEmpty();
    }

    @Test
    void aTrustedCertificateWithAnUnmappedNameIsNotEnough() throws Exception {
        assertThat(post(stranger, null, "/v1/audit", "stranger", 1).statusCode()).isEqualTo(401);
        assertThat(post(null, null, "/v1/audit", "anonymous-tls", 1).statusCode()).isEqualTo(401);
        assertThat(records("stranger")).isEmpty();
    }

    @Test
    void aTokenStillWorksOverTlsWithoutAClientCertificate() throws Exception {
        assertThat(post(null, "token-tls", "/v1/audit", "tls-token", 2).statusCode()).isEqualTo(200);
        assertThat(records("tls-token")).hasSize(2).allSatisfy(r -> assertThat(r.cluster()).isEqualTo("tls-token"));
    }

    private HttpResponse<String> post(Path clientKeyStore, String token, String path, String seed, int events)
            throws Exception {
        SSLContext tls = TestCertificates.sslContext(clientKeyStore, serverTrust);
        HttpClient client = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + path))
                .POST(HttpRequest.BodyPublishers.ofString(TestEvents.compact(TestEvents.eventList(seed, events))));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<TopicRecords.Entry> records(String seed) {
        List<String> ids = IntStream.range(0, 5).mapToObj(i -> TestEvents.auditId(seed, i)).toList();
        return TopicRecords.read(EmbeddedKafkaExtension.kafka().bootstrapServers(), Topics.defaults().audit()).stream()
                .filter(r -> ids.contains(r.key()))
                .toList();
    }
}

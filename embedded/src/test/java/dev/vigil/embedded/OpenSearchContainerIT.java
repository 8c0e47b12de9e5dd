package dev.vigil.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;

/** The embedded node's index scenario against the official OpenSearch 3 image (security off), for machines with Docker. */
@Testcontainers(disabledWithoutDocker = true)
class OpenSearchContainerIT {

    private static final int HTTP_PORT = 9200;

    @Container
    static final GenericContainer<?> OPENSEARCH = new GenericContainer<>(
            DockerImageName.parse(System.getProperty("vigil.it.opensearch-image", "opensearchproject/opensearch:3.8.0")))
            .withEnv("discovery.type", "single-node")
            .withEnv("DISABLE_SECURITY_PLUGIN", "true")
            .withEnv("DISABLE_INSTALL_DEMO_CONFIG", "true")
            .withEnv("OPENSEARCH_JAVA_OPTS", "-Xms512m -Xmx512m")
            .withExposedPorts(HTTP_PORT)
            .waitingFor(Wait.forHttp("/_cluster/health?wait_for_status=yellow").forPort(HTTP_PORT).forStatusCode(200))
            .withStartupTimeout(Duration.ofMinutes(3));

    @Test
    void indexesAndSearchesAuditDocumentsExactly() throws IOException {
        OpenSearchClient client = AuditIndexScenario.client(
                "http://" + OPENSEARCH.getHost() + ":" + OPENSEARCH.getMappedPort(HTTP_PORT));
        try {
            assertThat(client.info().version().number()).startsWith("3.");
            AuditIndexScenario.run(client, "it-audit-container");
        } finally {
            AuditIndexScenario.close(client);
        }
    }
}

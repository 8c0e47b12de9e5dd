package dev.vigil.alerting;

import dev.vigil.alerting.index.IndexManager;
import dev.vigil.alerting.indexer.BulkIndexer;
import dev.vigil.alerting.opensearch.OpenSearchAutoConfiguration;
import dev.vigil.alerting.opensearch.OpenSearchProperties;
import dev.vigil.model.kafka.KafkaClientSettings;
import dev.vigil.model.kafka.Topics;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import static org.assertj.core.api.Assertions.assertThat;

/** Which beans each role gets; nothing listens on the configured ports, so nothing here depends on a server. */
class AlertingAutoConfigurationTest {

    private final int closedPort = closedPort();
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(OpenSearchAutoConfiguration.class, AlertingAutoConfiguration.class))
            .withBean(KafkaClientSettings.class, () -> KafkaClientSettings.of("127.0.0.1:" + closedPort))
            .withBean(Topics.class, Topics::defaults)
            .withPropertyValues("vigil.opensearch.url=http://127.0.0.1:" + closedPort);

    @Test
    void consoleRoleGetsTheClientWithoutIndexing() {
        runner.withPropertyValues("vigil.roles=console").run(context -> {
            assertThat(context).hasSingleBean(OpenSearchClient.class)
                    .doesNotHaveBean(BulkIndexer.class).doesNotHaveBean(IndexManager.class);
            assertThat(context.getBean(OpenSearchProperties.class).url().getPort()).isEqualTo(closedPort);
        });
    }

    @Test
    void alertingRoleIndexesBothTopics() {
        runner.withPropertyValues("vigil.roles=alerting", "vigil.retention.evidence=14d").run(context -> {
            assertThat(context).hasSingleBean(OpenSearchClient.class).hasSingleBean(IndexManager.class);
            assertThat(context.getBeansOfType(BulkIndexer.class).values()).extracting(BulkIndexer::topic)
                    .containsExactlyInAnyOrder("vigil.alerts", "vigil.evidence");
            assertThat(context.getBean(IndexManager.class).isReady()).isFalse(); // OpenSearch is not reachable
        });
    }

    @Test
    void otherRolesGetNothingOfThisModule() {
        runner.withPropertyValues("vigil.roles=ingest,streams").run(context -> assertThat(context)
                .doesNotHaveBean(OpenSearchClient.class)
                .doesNotHaveBean(BulkIndexer.class));
    }

    @Test
    void defaultRolesIncludeEverything() {
        runner.run(context -> assertThat(context).hasSingleBean(OpenSearchClient.class)
                .hasSingleBean(IndexManager.class));
    }

    @Test
    void failsOnInvalidSettings() {
        runner.withPropertyValues("vigil.roles=alerting", "vigil.indexer.bulk-actions=0").run(context ->
                assertThat(context).hasFailed());
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

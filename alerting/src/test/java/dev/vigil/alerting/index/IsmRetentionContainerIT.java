package dev.vigil.alerting.index;

import dev.vigil.alerting.testing.OpenSearchProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import tools.jackson.databind.JsonNode;

import java.time.Duration;

import static dev.vigil.alerting.testing.OpenSearchProbe.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The ISM policies on a real OpenSearch with the index-management plugin (the official image). Needs Docker; skipped
 * where there is none, as on the build machines (see design/embedded.md).
 */
@Testcontainers(disabledWithoutDocker = true)
class IsmRetentionContainerIT {

    @Container
    private static final GenericContainer<?> OPENSEARCH = new GenericContainer<>("opensearchproject/opensearch:2.19.1")
            .withEnv("discovery.type", "single-node")
            .withEnv("DISABLE_SECURITY_PLUGIN", "true")
            .withEnv("DISABLE_INSTALL_DEMO_CONFIG", "true")
            .withEnv("OPENSEARCH_JAVA_OPTS", "-Xms512m -Xmx512m")
            .withExposedPorts(9200)
            .waitingFor(Wait.forHttp("/_cluster/health").forPort(9200).forStatusCode(200))
            .withStartupTimeout(Duration.ofMinutes(3));

    private static OpenSearchProbe probe;

    @BeforeAll
    static void connect() {
        probe = new OpenSearchProbe("http://" + OPENSEARCH.getHost() + ":" + OPENSEARCH.getMappedPort(9200));
        new TemplateInstaller(probe.rest()).install();
    }

    @AfterAll
    static void disconnect() {
        probe.close();
    }

    @Test
    void installsOneRetentionPolicyPerFamilyOnceAndAttachesItToDailyIndices() {
        IsmRetention ism = new IsmRetention(probe.rest());
        assertThat(ism.available()).isTrue();

        assertThat(ism.install(RetentionProperties.defaults()))
                .containsExactly("vigil-alerts-retention", "vigil-audit-retention");
        assertThat(ism.install(RetentionProperties.defaults())).isEmpty();

        JsonNode evidence = probe.rest().get("/_plugins/_ism/policies/vigil-audit-retention").body().path("policy");
        assertThat(evidence.at("/states/0/transitions/0/conditions/min_index_age").asString()).isEqualTo("31d");
        JsonNode alerts = probe.rest().get("/_plugins/_ism/policies/vigil-alerts-retention").body().path("policy");
        assertThat(alerts.at("/states/0/transitions/0/conditions/min_index_age").asString()).isEqualTo("366d");

        probe.rest().put("/vigil-audit-2026.11.23/_doc/1", json("{\"@timestamp\": \"2026-11-23T10:00:00Z\"}"));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(probe.rest()
                .get("/_plugins/_ism/explain/vigil-audit-2026.11.23").body()
                .path("vigil-audit-2026.11.23").path("index.plugins.index_state_management.policy_id").asString(""))
                .isEqualTo("vigil-audit-retention"));
    }

    @Test
    void updatesThePolicyWhenTheRetentionChanges() {
        IsmRetention ism = new IsmRetention(probe.rest());
        ism.install(RetentionProperties.defaults());

        assertThat(ism.install(new RetentionProperties(Duration.ofDays(365), Duration.ofDays(90), Duration.ofHours(1))))
                .containsExactly("vigil-audit-retention");
        assertThat(probe.rest().get("/_plugins/_ism/policies/vigil-audit-retention").body()
                .at("/policy/states/0/transitions/0/conditions/min_index_age").asString()).isEqualTo("91d");
    }

    @Test
    void theIndexManagerChoosesIsm() {
        IndexManager manager = new IndexManager(probe.rest(), RetentionProperties.defaults());
        manager.start();
        try {
            assertThat(manager.awaitReady(Duration.ofSeconds(60))).isTrue();
            await().atMost(Duration.ofSeconds(60)).until(() -> manager.retentionMode() == IndexManager.RetentionMode.ISM);
        } finally {
            manager.stop();
        }
    }
}

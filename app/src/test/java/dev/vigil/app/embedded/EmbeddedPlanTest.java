package dev.vigil.app.embedded;

import java.nio.file.Path;
import java.util.Map;

import dev.vigil.embedded.KafkaSettings;
import dev.vigil.embedded.OpenSearchSettings;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class EmbeddedPlanTest {

    @Test
    void nothingConfiguredStartsBothOnTheLocalDefaultPortsUnderData() {
        EmbeddedPlan plan = EmbeddedPlan.of(environment(Map.of()));

        KafkaSettings kafka = plan.kafka().orElseThrow();
        assertThat(kafka.host()).isEqualTo("127.0.0.1");
        assertThat(kafka.brokerPort()).isEqualTo(9092);
        assertThat(kafka.dataDir()).contains(Path.of("data", "kafka").toAbsolutePath());
        OpenSearchSettings openSearch = plan.openSearch().orElseThrow();
        assertThat(openSearch.host()).isEqualTo("127.0.0.1");
        assertThat(openSearch.httpPort()).isEqualTo(9200);
        assertThat(openSearch.dataDir()).contains(Path.of("data", "opensearch").toAbsolutePath());
        assertThat(plan.streamsStateDir()).contains(Path.of("data", "streams").toAbsolutePath());
    }

    @Test
    void configuredKafkaStartsOnlyOpenSearch() {
        EmbeddedPlan plan = EmbeddedPlan.of(environment(Map.of("vigil.kafka.bootstrap-servers", "kafka:9092")));

        assertThat(plan.kafka()).isEmpty();
        assertThat(plan.openSearch()).isPresent();
    }

    @Test
    void environmentVariablesCountAsConfigured() {
        StandardEnvironment environment = environment(Map.of());
        environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(
                        "VIGIL_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092",
                        "VIGIL_OPENSEARCH_URL", "http://opensearch:9200")));

        EmbeddedPlan plan = EmbeddedPlan.of(environment);

        assertThat(plan.isEmpty()).isTrue();
    }

    @Test
    void blankBootstrapServersAreNotAConfiguration() {
        EmbeddedPlan plan = EmbeddedPlan.of(environment(Map.of("vigil.kafka.bootstrap-servers", " ")));

        assertThat(plan.kafka()).isPresent();
    }

    @Test
    void rolesWithoutOpenSearchStartNoNode() {
        EmbeddedPlan plan = EmbeddedPlan.of(environment(Map.of("vigil.roles", "ingest,streams")));

        assertThat(plan.kafka()).isPresent();
        assertThat(plan.openSearch()).isEmpty();
    }

    @Test
    void portsAndDataDirectoryAreConfigurable() {
        EmbeddedPlan plan = EmbeddedPlan.of(environment(Map.of(
                "vigil.embedded.kafka-port", "0",
                "vigil.embedded.opensearch-port", "19200",
                "vigil.embedded.data-dir", "/var/lib/vigil")));

        assertThat(plan.kafka().orElseThrow().brokerPort()).isZero();
        assertThat(plan.kafka().orElseThrow().dataDir()).contains(Path.of("/var/lib/vigil/kafka"));
        assertThat(plan.openSearch().orElseThrow().httpPort()).isEqualTo(19200);
        assertThat(plan.openSearch().orElseThrow().dataDir()).contains(Path.of("/var/lib/vigil/opensearch"));
        assertThat(plan.streamsStateDir()).contains(Path.of("/var/lib/vigil/streams"));
    }

    @Test
    void streamsStateStaysWhereItIsWithoutTheEmbeddedBroker() {
        EmbeddedPlan plan = EmbeddedPlan.of(environment(Map.of(
                "vigil.kafka.bootstrap-servers", "kafka:9092",
                "vigil.embedded.data-dir", "/var/lib/vigil")));

        assertThat(plan.streamsStateDir()).isEmpty();
    }

    @Test
    void disabledEmbeddingNamesTheMissingConnection() {
        StandardEnvironment environment = environment(Map.of(
                "vigil.embedded.enabled", "false",
                "vigil.kafka.bootstrap-servers", "kafka:9092"));

        assertThatIllegalStateException().isThrownBy(() -> EmbeddedPlan.of(environment))
                .withMessageContaining("vigil.opensearch.url");
    }

    /** An environment with only the given properties: the JVM's own environment variables must not leak in. */
    private static StandardEnvironment environment(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        return environment;
    }
}

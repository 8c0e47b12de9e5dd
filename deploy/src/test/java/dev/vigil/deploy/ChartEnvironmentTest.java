package dev.vigil.deploy;

import io.fabric8.kubernetes.api.model.EnvVar;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every variable the chart gives a Vigil container is a property Vigil knows (read from the configuration metadata,
 * as {@code DockerComposeTest} checks the compose file), so a renamed property fails here instead of being ignored.
 */
class ChartEnvironmentTest {

    /** Read by the JVM itself, not by Spring. */
    private static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS");
    private static final String APPLICATION_JSON = "SPRING_APPLICATION_JSON";

    private static ConfigurationProperties known;

    @BeforeAll
    static void load() {
        known = ConfigurationProperties.load();
    }

    static Stream<Rendered> renderings() {
        return Stream.of(Rendered.defaults(), Rendered.with("production.yaml"), Rendered.with("compose.yaml"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void everyVariableGivenToVigilIsAPropertyVigilKnows(Rendered rendered) {
        rendered.podTemplates().forEach((workload, template) -> template.getSpec().getContainers().forEach(container -> {
            List<String> names = container.getEnv().stream().map(EnvVar::getName).toList();
            assertThat(names).as(workload.getMetadata().getName()).doesNotHaveDuplicates()
                    .filteredOn(name -> name.startsWith("VIGIL_")).hasSizeGreaterThan(5);
            assertThat(names)
                    .filteredOn(name -> !JVM_VARIABLES.contains(name) && !name.equals(APPLICATION_JSON))
                    .filteredOn(name -> known.boundByEnvironmentVariable(name).isEmpty())
                    .as("variables of %s that bind to no configuration property", workload.getMetadata().getName())
                    .isEmpty();
            container.getEnv().stream().filter(variable -> variable.getName().equals(APPLICATION_JSON))
                    .forEach(json -> assertThat(propertyNames(json.getValue()))
                            .as("properties of %s's %s", workload.getMetadata().getName(), APPLICATION_JSON)
                            .isNotEmpty()
                            .allSatisfy(name -> assertThat(known.boundByPropertyName(name)).as(name).isPresent()));
        }));
    }

    @Test
    void theMetadataCoversEveryModuleAndSpringBoot() {
        assertThat(known.boundByEnvironmentVariable("VIGIL_ROLES")).contains("vigil.roles");
        assertThat(known.boundByEnvironmentVariable("VIGIL_INGEST_TOKENS_0_TOKEN")).contains("vigil.ingest.tokens");
        assertThat(known.boundByEnvironmentVariable("VIGIL_STREAMS_STATE_DIR")).contains("vigil.streams.state-dir");
        assertThat(known.boundByEnvironmentVariable("VIGIL_OPENSEARCH_URL")).contains("vigil.opensearch.url");
        assertThat(known.boundByEnvironmentVariable("VIGIL_CONSOLE_USERS_0_PASSWORD")).contains("vigil.console.users");
        assertThat(known.boundByEnvironmentVariable("MANAGEMENT_SERVER_PORT")).contains("management.server.port");
        assertThat(known.boundByEnvironmentVariable("VIGIL_NO_SUCH_PROPERTY")).isEmpty();
    }

    @Test
    void kafkaClientPropertiesKeepTheirDottedNamesThroughTheEnvironment() {
        Map<String, String> environment = new TreeMap<>();
        Rendered.with("production.yaml").environment("streams").forEach((name, variable) -> {
            if (name.startsWith("VIGIL_KAFKA_PROPERTIES_") || name.startsWith("VIGIL_STREAMS_PROPERTIES_")) {
                environment.put(name, variable.getValue() == null ? "from a secret" : variable.getValue());
            }
        });
        Binder binder = new Binder(ConfigurationPropertySources.from(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new TreeMap<>(environment))));

        Map<String, String> kafka = binder.bind("vigil.kafka.properties", Bindable.mapOf(String.class, String.class)).get();
        Map<String, String> streams = binder.bind("vigil.streams.properties", Bindable.mapOf(String.class, String.class)).get();

        assertThat(kafka).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("sasl.jaas.config", "from a secret")
                .containsEntry("ssl.truststore.type", "PEM")
                .containsEntry("ssl.truststore.location", "/etc/vigil/kafka-ca/ca.crt")
                .containsEntry("ssl.endpoint.identification.algorithm", "https");
        assertThat(streams).containsExactly(Map.entry("num.standby.replicas", "1"));
    }

    @Test
    void clientCertificateCommonNamesKeepTheirDots() {
        EnvVar json = Rendered.with("production.yaml").environment("ingest").get(APPLICATION_JSON);

        assertThat(propertyNames(json.getValue())).containsExactlyInAnyOrder(
                "vigil.ingest.client-certificates.[kube-apiserver-audit.prod-2][0]",
                "vigil.ingest.client-certificates.[kube-apiserver-audit.prod-3][0]",
                "vigil.ingest.client-certificates.[kube-apiserver-audit.prod-3][1]");
    }

    /** The flattened property names of a {@code SPRING_APPLICATION_JSON} document, the way Spring Boot reads it. */
    private static List<String> propertyNames(String json) {
        List<String> names = new ArrayList<>();
        flatten("", JsonMapper.builder().build().readTree(json), names);
        return names;
    }

    private static void flatten(String prefix, JsonNode node, List<String> names) {
        if (node.isObject()) {
            node.properties().forEach(entry -> flatten(prefix.isEmpty() ? entry.getKey()
                    : prefix + "." + entry.getKey(), entry.getValue(), names));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                flatten(prefix + "[" + i + "]", node.get(i), names);
            }
        } else {
            names.add(prefix);
        }
    }
}

package dev.vigil.deploy;

import io.fabric8.kubernetes.api.model.EnvVar;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docker-compose.yml} and the chart start the same Vigil: the chart pointed at the compose stack's Kafka,
 * OpenSearch and Dashboards ({@code values/compose.yaml}) runs the same roles, gives every variable the compose
 * file gives Vigil to the roles that read it, with the same value — or from a Secret where compose takes it from
 * the environment.
 */
class ComposeAndChartTest {

    private static Map<String, String> compose;
    private static Rendered chart;

    @BeforeAll
    static void read() {
        JsonNode environment = YAMLMapper.builder().build().readTree(repositoryFile("docker-compose.yml").toFile())
                .required("services").required("vigil").required("environment");
        compose = new TreeMap<>();
        environment.properties().forEach(entry -> compose.put(entry.getKey(), entry.getValue().asString()));
        chart = Rendered.with("compose.yaml");
    }

    @Test
    void bothRunEveryRole() {
        Set<String> chartRoles = new TreeSet<>();
        chart.podTemplates().values().forEach(template -> template.getSpec().getContainers().forEach(container ->
                container.getEnv().stream().filter(variable -> variable.getName().equals("VIGIL_ROLES"))
                        .forEach(roles -> chartRoles.addAll(Arrays.asList(roles.getValue().split(","))))));

        assertThat(chartRoles).containsExactlyInAnyOrderElementsOf(Arrays.asList(compose.get("VIGIL_ROLES").split(",")));
    }

    @Test
    void everyComposeSettingReachesTheRolesThatReadItWithTheSameValue() {
        Map<String, Map<String, EnvVar>> byRole = new LinkedHashMap<>();
        for (String role : List.of("ingest", "streams", "alerting", "console", "watcher")) {
            byRole.put(role, chart.environment(role));
        }
        compose.forEach((name, value) -> {
            if (name.equals("VIGIL_ROLES")) {
                return;
            }
            List<EnvVar> inChart = byRole.values().stream().map(environment -> environment.get(name))
                    .filter(Objects::nonNull).toList();
            assertThat(inChart).as("%s (compose: %s) in the chart", name, value).isNotEmpty();
            for (EnvVar variable : inChart) {
                if (value.startsWith("${")) {
                    assertThat(variable.getValueFrom()).as("%s comes from a Secret", name).isNotNull();
                    assertThat(variable.getValueFrom().getSecretKeyRef()).as(name).isNotNull();
                } else {
                    assertThat(variable.getValue()).as(name).isEqualTo(value);
                }
            }
        });
    }

    @Test
    void eachSettingGoesToTheRolesThatReadIt() {
        assertThat(rolesSetting("VIGIL_KAFKA_BOOTSTRAP_SERVERS")).containsExactly("ingest", "streams", "alerting",
                "console", "watcher");
        assertThat(rolesSetting("VIGIL_OPENSEARCH_URL")).containsExactly("alerting", "console");
        assertThat(rolesSetting("VIGIL_OPENSEARCH_PASSWORD")).containsExactly("alerting", "console");
        assertThat(rolesSetting("VIGIL_DASHBOARDS_URL")).containsExactly("alerting");
        assertThat(rolesSetting("VIGIL_INGEST_TOKEN")).containsExactly("ingest");
        assertThat(rolesSetting("VIGIL_INGEST_WATCH_CLUSTERS_0_IN_CLUSTER")).containsExactly("watcher");
        assertThat(rolesSetting("VIGIL_STREAMS_STATE_DIR")).containsExactly("streams");
    }

    private static List<String> rolesSetting(String name) {
        return List.of("ingest", "streams", "alerting", "console", "watcher").stream()
                .filter(role -> chart.environment(role).containsKey(name)).toList();
    }

    /** A file at the repository root, found from the module directory the tests run in. */
    private static Path repositoryFile(String relative) {
        Path directory = Path.of("").toAbsolutePath();
        while (directory != null && !Files.exists(directory.resolve("mvnw"))) {
            directory = directory.getParent();
        }
        assertThat(directory).as("repository root above " + Path.of("").toAbsolutePath()).isNotNull();
        return directory.resolve(relative);
    }
}

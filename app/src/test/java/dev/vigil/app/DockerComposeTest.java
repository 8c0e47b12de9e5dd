package dev.vigil.app;

import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.StreamSupport;

import dev.vigil.app.config.KnownProperties;
import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The production-shaped stack of {@code docker-compose.yml}, checked without Docker: its services, images, ports,
 * health checks and start order, and that every variable it gives Vigil is a property Vigil knows (read from the
 * configuration metadata of all modules, so a renamed property fails here instead of being silently ignored).
 */
class DockerComposeTest {

    /** Variables read by the JVM itself, not by Spring. */
    private static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS", "JAVA_OPTS");

    private static JsonNode services;

    @BeforeAll
    static void parse() {
        services = YAMLMapper.builder().build()
                .readTree(Repository.file("docker-compose.yml").toFile())
                .required("services");
    }

    private static Map<String, String> environment(String service) {
        JsonNode environment = services.required(service).required("environment");
        assertThat(environment.isObject()).as(service + ".environment is a map").isTrue();
        Map<String, String> variables = new TreeMap<>();
        environment.properties().forEach(entry -> variables.put(entry.getKey(), entry.getValue().asString()));
        return variables;
    }

    private static List<String> strings(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asString).toList();
    }

    /** The container ports a service publishes ({@code [host-ip:]host-port:container-port}). */
    private static List<Integer> publishedContainerPorts(String service) {
        return strings(services.required(service).required("ports")).stream()
                .map(mapping -> Integer.valueOf(mapping.substring(mapping.lastIndexOf(':') + 1)))
                .toList();
    }

    @Test
    void definesTheFourServices() {
        List<String> names = new ArrayList<>();
        services.propertyNames().forEach(names::add);

        assertThat(names).containsExactlyInAnyOrder("kafka", "opensearch", "opensearch-dashboards", "vigil");
    }

    @Test
    void kafkaIsTheOfficialImageInKRaftModeOnVigilsKafkaVersion() {
        assertThat(services.required("kafka").required("image").asString())
                .isEqualTo("apache/kafka:" + AppInfoParser.getVersion());
        Map<String, String> environment = environment("kafka");
        assertThat(environment).containsEntry("KAFKA_PROCESS_ROLES", "broker,controller")
                .doesNotContainKey("KAFKA_ZOOKEEPER_CONNECT");
        assertThat(environment.get("KAFKA_ADVERTISED_LISTENERS")).contains("PLAINTEXT://kafka:9092");
        assertThat(publishedContainerPorts("kafka")).containsExactly(9094);
    }

    @Test
    void openSearchAndDashboardsAreOneThreeXVersionWithSecurityEnabled() {
        String openSearch = services.required("opensearch").required("image").asString();
        String dashboards = services.required("opensearch-dashboards").required("image").asString();

        assertThat(openSearch).matches("opensearchproject/opensearch:3\\.\\d+\\.\\d+");
        assertThat(dashboards).isEqualTo(openSearch.replace("opensearch:", "opensearch-dashboards:"));
        Map<String, String> environment = environment("opensearch");
        assertThat(environment.get("OPENSEARCH_INITIAL_ADMIN_PASSWORD")).startsWith("${OPENSEARCH_INITIAL_ADMIN_PASSWORD:?");
        assertThat(environment).doesNotContainKeys("DISABLE_SECURITY_PLUGIN", "plugins.security.disabled");
        assertThat(environment("opensearch-dashboards")).doesNotContainKey("DISABLE_SECURITY_DASHBOARDS_PLUGIN");
        assertThat(publishedContainerPorts("opensearch")).containsExactly(9200);
        assertThat(publishedContainerPorts("opensearch-dashboards")).containsExactly(5601);
    }

    @Test
    void everyServiceHasAHealthCheck() {
        services.properties().forEach(service -> assertThat(strings(service.getValue().path("healthcheck").path("test")))
                .as(service.getKey() + ".healthcheck.test")
                .hasSizeGreaterThan(1));
    }

    @Test
    void vigilStartsAfterKafkaAndOpenSearchAreHealthy() {
        JsonNode dependsOn = services.required("vigil").required("depends_on");

        assertThat(dependsOn.required("kafka").required("condition").asString()).isEqualTo("service_healthy");
        assertThat(dependsOn.required("opensearch").required("condition").asString()).isEqualTo("service_healthy");
        assertThat(services.required("opensearch-dashboards").required("depends_on").required("opensearch")
                .required("condition").asString()).isEqualTo("service_healthy");
    }

    @Test
    void vigilIsBuiltFromThisRepositoryAndRunsWithAReadOnlyRoot() {
        JsonNode vigil = services.required("vigil");

        assertThat(vigil.required("build").asString()).isEqualTo(".");
        assertThat(Files.isRegularFile(Repository.file("Dockerfile"))).isTrue();
        assertThat(vigil.required("read_only").asBoolean()).isTrue();
        assertThat(strings(vigil.required("tmpfs"))).contains("/tmp");
        assertThat(strings(vigil.required("volumes"))).anyMatch(volume -> volume.endsWith(":/var/lib/vigil"));
        assertThat(publishedContainerPorts("vigil")).containsExactly(8080);
    }

    @Test
    void vigilReachesKafkaAndOpenSearchOfTheStackWithCredentialsFromTheEnvironment() {
        Map<String, String> environment = environment("vigil");

        assertThat(environment).containsEntry("VIGIL_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092");
        assertThat(URI.create(environment.get("VIGIL_OPENSEARCH_URL")).getHost()).isEqualTo("opensearch");
        assertThat(URI.create(environment.get("VIGIL_DASHBOARDS_URL")).getHost()).isEqualTo("opensearch-dashboards");
        assertThat(environment).containsEntry("SERVER_ADDRESS", "0.0.0.0");
        environment.forEach((name, value) -> {
            if (name.endsWith("PASSWORD") || name.endsWith("TOKEN")) {
                assertThat(value).as(name + " comes from the environment, never the file").startsWith("${");
            }
        });
    }

    @Test
    void everyVariableGivenToVigilIsAPropertyVigilKnows() {
        KnownProperties known = KnownProperties.load();
        Map<String, String> environment = environment("vigil");

        assertThat(environment.keySet()).filteredOn(name -> name.startsWith("VIGIL_")).hasSizeGreaterThan(5);
        assertThat(environment.keySet())
                .filteredOn(name -> !JVM_VARIABLES.contains(name))
                .filteredOn(name -> known.boundByEnvironmentVariable(name).isEmpty())
                .as("variables of the vigil service that bind to no configuration property")
                .isEmpty();
        assertThat(known.boundByEnvironmentVariable("VIGIL_OPENSEARCH_URL")).contains("vigil.opensearch.url");
        assertThat(known.boundByEnvironmentVariable("VIGIL_KAFKA_BOOTSTRAP_SERVERS")).contains("vigil.kafka.bootstrap-servers");
        assertThat(known.boundByEnvironmentVariable("VIGIL_NO_SUCH_PROPERTY")).isEmpty();
    }
}

package dev.vigil.app;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import dev.vigil.model.json.VigilJson;
import dev.vigil.model.kafka.KafkaClientSettings;
import dev.vigil.model.kafka.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Uuid;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * README's command (a) for real: the packaged jar runs {@code vigil run} with nothing configured, in its own JVM, on
 * free ports and a temporary data directory — embedded Kafka and OpenSearch, topics, health, metrics — then stops on
 * SIGTERM and a second start finds the first one's data. The restart runs last because it stops the shared instance.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VigilRunIT {

    @TempDir
    static Path work;

    private static Path dataDir;
    private static VigilProcess vigil;

    @BeforeAll
    static void start() throws IOException {
        dataDir = work.resolve("data");
        vigil = VigilProcess.start(dataDir, Path.of("target", "vigil-run-it-1.log"), "--vigil.kafka.partitions=2");
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (vigil != null) {
            vigil.close();
        }
    }

    private static Map<String, TopicDescription> describeTopics() throws Exception {
        try (Admin admin = Admin.create(KafkaClientSettings.of(vigil.bootstrapServers()).clientConfig())) {
            return admin.describeTopics(Topics.defaults().all()).allTopicNames().get(30, TimeUnit.SECONDS);
        }
    }

    private static String clusterId() throws Exception {
        try (Admin admin = Admin.create(KafkaClientSettings.of(vigil.bootstrapServers()).clientConfig())) {
            return admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    @Order(1)
    void healthIsUpIncludingKafkaAndOpenSearch() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            HttpResponse<String> response = vigil.get("/actuator/health");
            JsonNode health = VigilJson.mapper().readTree(response.body());

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(health.path("status").asString()).isEqualTo("UP");
            assertThat(health.path("components").path("kafka").path("status").asString()).isEqualTo("UP");
            assertThat(health.path("components").path("opensearch").path("status").asString()).isEqualTo("UP");
        });
        assertThat(vigil.log()).contains("is ready in").contains("http://127.0.0.1:" + vigil.httpPort + "/");
    }

    @Test
    @Order(2)
    void prometheusEndpointAnswersOnTheLocalDefault() throws Exception {
        HttpResponse<String> response = vigil.get("/actuator/prometheus");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("jvm_memory_used_bytes").contains("application=\"vigil\"");
    }

    @Test
    @Order(3)
    void embeddedOpenSearchAnswersAndKeepsItsDataUnderTheDataDirectory() throws Exception {
        JsonNode root = VigilJson.mapper().readTree(VigilProcess.get(URI.create(vigil.openSearchUrl())).body());

        assertThat(root.path("version").path("distribution").asString()).isEqualTo("opensearch");
        assertThat(dataDir.resolve("opensearch/data")).isDirectory();
        assertThat(dataDir.resolve("kafka/meta.properties")).isRegularFile();
    }

    @Test
    @Order(4)
    void createsTheContractTopicsWithTheConfiguredPartitionsAndLeaders() throws Exception {
        Map<String, TopicDescription> topics = describeTopics();

        assertThat(topics).containsOnlyKeys(Topics.defaults().all());
        assertThat(topics.values()).allSatisfy(topic -> {
            assertThat(topic.partitions()).hasSize(2);
            assertThat(topic.partitions()).allSatisfy(partition -> assertThat(partition.leader()).isNotNull());
        });
    }

    @Test
    @Order(5)
    void stopsOnSigtermAndASecondStartFindsTheTopicsAndIndicesAgain() throws Exception {
        String clusterId = clusterId();
        Map<String, Uuid> topicIds = topicIds(describeTopics());
        HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(vigil.openSearchUrl() + "/vigil-run-it")).PUT(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);

        int exitCode = vigil.stop(Duration.ofSeconds(90));

        assertThat(exitCode).as("exit code after SIGTERM").isIn(0, 143);
        String log = vigil.log();
        assertThat(log.indexOf("Embedded OpenSearch at " + vigil.openSearchUrl() + " stopped"))
                .as("OpenSearch stops, then Kafka").isPositive()
                .isLessThan(log.indexOf("Embedded Kafka at " + vigil.bootstrapServers() + " stopped"));
        assertThat(portIsFree(vigil.kafkaPort)).isTrue();
        assertThat(portIsFree(vigil.openSearchPort)).isTrue();

        vigil = VigilProcess.start(dataDir, Path.of("target", "vigil-run-it-2.log"));

        assertThat(clusterId()).isEqualTo(clusterId);
        assertThat(topicIds(describeTopics())).isEqualTo(topicIds);
        assertThat(VigilProcess.get(URI.create(vigil.openSearchUrl() + "/vigil-run-it")).statusCode()).isEqualTo(200);
        assertThat(vigil.log()).contains("Reusing Kafka log directory " + dataDir.resolve("kafka"));
    }

    private static Map<String, Uuid> topicIds(Map<String, TopicDescription> topics) {
        return topics.values().stream().collect(Collectors.toMap(TopicDescription::name, TopicDescription::topicId));
    }

    private static boolean portIsFree(int port) throws IOException {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort() == port;
        } catch (BindException e) {
            return false;
        }
    }
}

package dev.vigil.app;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import dev.vigil.app.cli.RunCommand;
import dev.vigil.app.cli.VigilCommand;
import dev.vigil.app.embedded.EmbeddedStack;
import dev.vigil.embedded.EmbeddedKafka;
import dev.vigil.embedded.EmbeddedOpenSearch;
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
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code vigil run} with nothing configured, started through the command line as {@code main} does, but on free
 * ports and a temporary data directory: embedded Kafka and OpenSearch, topics, health, metrics, and a second start
 * that finds the first one's data. The restart runs last because it stops the shared first instance.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VigilRunIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dataDir;

    private static ConfigurableApplicationContext vigil;

    @BeforeAll
    static void start() {
        vigil = run(dataDir);
    }

    @AfterAll
    static void stop() {
        if (vigil != null) {
            vigil.close();
        }
    }

    static ConfigurableApplicationContext run(Path data) {
        RunCommand run = new RunCommand();
        int exitCode = VigilCommand.commandLine(run).execute("run",
                "--server.port=0",
                "--vigil.embedded.kafka-port=0",
                "--vigil.embedded.opensearch-port=0",
                "--vigil.embedded.data-dir=" + data,
                "--vigil.kafka.partitions=2", "--vigil.roles=ingest,streams,alerting");
        assertThat(exitCode).isZero();
        assertThat(run.isRunning()).isTrue();
        return run.context().orElseThrow();
    }

    private static String baseUrl(ConfigurableApplicationContext context) {
        return "http://127.0.0.1:" + context.getEnvironment().getRequiredProperty("local.server.port");
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> put(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, TopicDescription> describeTopics(ConfigurableApplicationContext context) throws Exception {
        try (Admin admin = Admin.create(context.getBean(KafkaClientSettings.class).clientConfig())) {
            return admin.describeTopics(context.getBean(Topics.class).all()).allTopicNames().get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    @Order(1)
    void startsEmbeddedKafkaAndOpenSearchUnderTheDataDirectory() throws Exception {
        EmbeddedStack stack = vigil.getBean(EmbeddedStack.class);
        EmbeddedKafka kafka = stack.kafka().orElseThrow();
        EmbeddedOpenSearch openSearch = stack.openSearch().orElseThrow();

        assertThat(kafka.dataDir()).isEqualTo(dataDir.resolve("kafka"));
        assertThat(openSearch.dataDir()).isEqualTo(dataDir.resolve("opensearch"));
        assertThat(Files.isRegularFile(dataDir.resolve("kafka/meta.properties"))).isTrue();
        assertThat(vigil.getBean(KafkaClientSettings.class).bootstrapServers()).isEqualTo(kafka.bootstrapServers());
        JsonNode root = VigilJson.mapper().readTree(get(openSearch.url()).body());
        assertThat(root.path("version").path("distribution").asString()).isEqualTo("opensearch");
    }

    @Test
    @Order(2)
    void healthIsUpIncludingKafkaAndOpenSearch() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            HttpResponse<String> response = get(baseUrl(vigil) + "/actuator/health");
            JsonNode health = VigilJson.mapper().readTree(response.body());

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(health.path("status").asString()).isEqualTo("UP");
            assertThat(health.path("components").path("kafka").path("status").asString()).isEqualTo("UP");
            assertThat(health.path("components").path("opensearch").path("status").asString()).isEqualTo("UP");
        });
    }

    @Test
    @Order(3)
    void prometheusEndpointAnswersOnTheLocalDefault() throws Exception {
        HttpResponse<String> response = get(baseUrl(vigil) + "/actuator/prometheus");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("jvm_memory_used_bytes").contains("application=\"vigil\"");
    }

    @Test
    @Order(4)
    void createsTheContractTopicsWithTheConfiguredPartitions() throws Exception {
        Map<String, TopicDescription> topics = describeTopics(vigil);

        assertThat(topics).containsOnlyKeys(Topics.defaults().all());
        assertThat(topics.values()).allSatisfy(topic -> {
            assertThat(topic.partitions()).hasSize(2);
            assertThat(topic.partitions()).allSatisfy(partition -> assertThat(partition.leader()).isNotNull());
        });
    }

    @Test
    @Order(5)
    void secondStartOnTheSameDataDirectoryFindsTheTopicsAndIndicesAgain() throws Exception {
        EmbeddedStack first = vigil.getBean(EmbeddedStack.class);
        String clusterId = first.kafka().orElseThrow().clusterId();
        Map<String, Uuid> topicIds = topicIds(describeTopics(vigil));
        assertThat(put(first.openSearch().orElseThrow().url() + "/vigil-run-it").statusCode()).isEqualTo(200);

        vigil.close();
        assertThat(first.kafka().orElseThrow().isRunning()).isFalse();
        assertThat(first.openSearch().orElseThrow().isRunning()).isFalse();
        vigil = run(dataDir);

        EmbeddedStack second = vigil.getBean(EmbeddedStack.class);
        assertThat(second.kafka().orElseThrow().clusterId()).isEqualTo(clusterId);
        assertThat(topicIds(describeTopics(vigil))).isEqualTo(topicIds);
        assertThat(get(second.openSearch().orElseThrow().url() + "/vigil-run-it").statusCode()).isEqualTo(200);
    }

    private static Map<String, Uuid> topicIds(Map<String, TopicDescription> topics) {
        return topics.values().stream().collect(Collectors.toMap(TopicDescription::name, TopicDescription::topicId));
    }
}

package dev.vigil.ingest.watch;

import dev.vigil.embedded.EmbeddedKafkaExtension;
import dev.vigil.embedded.WithEmbeddedKafka;
import dev.vigil.ingest.IngestTestApplication;
import dev.vigil.ingest.TopicRecords;
import dev.vigil.model.kafka.Topics;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The watcher as configured in {@code vigil.ingest.watch}: a kubeconfig pointing at fabric8's mock API server (CRUD
 * mode), records in {@code k8s.watch.events} on the embedded broker keyed per the contract.
 */
@WithEmbeddedKafka
@DirtiesContext
@SpringBootTest(classes = IngestTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = "vigil.roles=ingest")
class KubernetesWatcherIT {

    @TempDir
    static Path dir;
    private static KubernetesMockServer server;

    @DynamicPropertySource
    static void cluster(DynamicPropertyRegistry registry) {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        server.init();
        Path kubeconfig = dir.resolve("mock-1.kubeconfig");
        try {
            Files.writeString(kubeconfig, """
                    apiVersion: v1
                    kind: Config
                    clusters:
                    - name: mock
                      cluster:
                        server: %s
                    contexts:
                    - name: mock
                      context: {cluster: mock, user: vigil, namespace: default}
                    current-context: mock
                    users:
                    - name: vigil
                      user: {token: watcher-token}
                    """.formatted(server.url("/").toString().replaceAll("/$", "")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // A list is bound from one property source only: all of the cluster's properties go here.
        registry.add("vigil.ingest.watch.clusters[0].name", () -> "mock-1");
        registry.add("vigil.ingest.watch.clusters[0].kubeconfig", kubeconfig::toString);
    }

    @AfterAll
    static void stopServer() {
        server.destroy();
    }

    @Test
    void podChangesBecomeWatchRecordsKeyedByClusterKindNamespaceAndName() {
        try (KubernetesClient client = server.createClient()) {
            client.pods().inNamespace("shop").resource(new PodBuilder().withNewMetadata().withName("web-1")
                    .withNamespace("shop").endMetadata().withNewSpec().addNewContainer().withName("web")
                    .withImage("nginx:1.27").endContainer().endSpec().build()).create();
            await().atMost(Duration.ofSeconds(30)).until(() -> records().size() >= 1);
            client.pods().inNamespace("shop").withName("web-1").edit(pod -> new PodBuilder(pod).editMetadata()
                    .addToLabels("release", "canary").endMetadata().build());
            client.pods().inNamespace("shop").withName("web-1").delete();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> records().size() >= 3);

        List<TopicRecords.Entry> records = records();
        assertThat(records).extracting(r -> r.value().get("type").asString())
                .containsExactly("ADDED", "MODIFIED", "DELETED");
        assertThat(records).allSatisfy(record -> {
            assertThat(record.key()).isEqualTo("mock-1/Pod/shop/web-1");
            assertThat(record.cluster()).isEqualTo("mock-1");
            assertThat(record.value().get("cluster").asString()).isEqualTo("mock-1");
            assertThat(record.value().get("object").get("kind").asString()).isEqualTo("Pod");
            assertThat(record.value().get("observedAt").asString()).isNotBlank();
        });
        assertThat(records.get(1).value().at("/object/metadata/labels/release").asString()).isEqualTo("canary");
    }

    private static List<TopicRecords.Entry> records() {
        return TopicRecords.read(EmbeddedKafkaExtension.kafka().bootstrapServers(), Topics.defaults().watch(), "mock-1")
                .stream().filter(r -> r.key().endsWith("/Pod/shop/web-1")).toList();
    }
}

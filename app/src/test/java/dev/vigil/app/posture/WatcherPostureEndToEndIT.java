package dev.vigil.app.posture;

import dev.vigil.app.VigilApplication;
import dev.vigil.embedded.EmbeddedKafka;
import dev.vigil.embedded.TopicReader;
import dev.vigil.embedded.WithEmbeddedKafka;
import dev.vigil.model.alert.Alert;
import dev.vigil.model.alert.AlertStatus;
import dev.vigil.model.json.VigilJson;
import dev.vigil.model.kafka.Topics;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 14's "done when" with the real watcher: Vigil with the {@code ingest} and {@code streams} roles, watching
 * fabric8's mock API server (CRUD mode) through a kubeconfig and writing to the embedded broker, the detection
 * application (exactly-once, grace 0s, 1s punctuation) reading the watch topic. Changes made through the API server
 * open and resolve the three posture findings on {@code vigil.alerts} (read committed) under the same alert ids.
 */
@WithEmbeddedKafka
class WatcherPostureEndToEndIT {

    private static final Logger LOG = LoggerFactory.getLogger(WatcherPostureEndToEndIT.class);
    private static final Duration TIMEOUT = Duration.ofMinutes(3);
    private static final String CLUSTER = "mock-posture";
    private static final String NAMESPACE_RULE = "namespace-without-default-deny";
    private static final String POD_RULE = "pod-not-covered-by-network-policy";
    private static final String CONTROL_PLANE_RULE = "workload-on-control-plane-node";

    @TempDir
    Path dir;

    private KubernetesMockServer server;
    private KubernetesClient client;
    private ConfigurableApplicationContext vigil;
    private String bootstrap;

    @BeforeEach
    void start(EmbeddedKafka kafka) throws IOException {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        server.init();
        client = server.createClient();
        Path kubeconfig = Files.writeString(dir.resolve("mock.kubeconfig"), """
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
        bootstrap = kafka.bootstrapServers();
        vigil = VigilApplication.start("--server.port=0",
                "--vigil.roles=ingest,streams",
                "--vigil.kafka.bootstrap-servers=" + bootstrap,
                "--vigil.kafka.partitions=3",
                "--vigil.streams.state-dir=" + dir.resolve("streams"),
                "--vigil.streams.pods.punctuation-interval=1s",
                "--vigil.rules.params." + NAMESPACE_RULE + ".grace=0s",
                "--vigil.rules.params." + POD_RULE + ".grace=0s",
                "--vigil.rules.params." + CONTROL_PLANE_RULE + ".grace=0s",
                "--vigil.ingest.watch.clusters[0].name=" + CLUSTER,
                "--vigil.ingest.watch.clusters[0].kubeconfig=" + kubeconfig);
    }

    @AfterEach
    void stop() {
        if (vigil != null) {
            vigil.close();
        }
        client.close();
        server.destroy();
    }

    @Test
    void findingsOpenAndResolveFromChangesMadeThroughTheApiServer() {
        long started = System.nanoTime();
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("shop").endMetadata().build())
                .create();
        client.pods().inNamespace("shop").resource(runningPod("web-1", "worker-1")).create();
        await().atMost(TIMEOUT).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> assertThat(steps())
                .contains(NAMESPACE_RULE + " open", POD_RULE + " open"));
        LOG.info("namespace and pod findings opened after {} ms", millisSince(started));
        String namespaceId = only(NAMESPACE_RULE, AlertStatus.OPEN).id();
        String podId = only(POD_RULE, AlertStatus.OPEN).id();

        long denied = System.nanoTime();
        client.network().v1().networkPolicies().inNamespace("shop").resource(new NetworkPolicyBuilder()
                .withNewMetadata().withName("default-deny").withNamespace("shop").endMetadata()
                .withNewSpec().withNewPodSelector().endPodSelector().withPolicyTypes("Ingress").endSpec().build())
                .create();
        await().atMost(TIMEOUT).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> assertThat(steps())
                .contains(NAMESPACE_RULE + " resolved", POD_RULE + " resolved"));
        LOG.info("namespace and pod findings resolved {} ms after the default-deny policy", millisSince(denied));
        assertThat(only(NAMESPACE_RULE, AlertStatus.RESOLVED).id()).isEqualTo(namespaceId);
        assertThat(only(POD_RULE, AlertStatus.RESOLVED).id()).isEqualTo(podId);

        client.nodes().resource(new NodeBuilder().withNewMetadata().withName("cp-1").endMetadata().build()).create();
        client.nodes().withName("cp-1").edit(node -> new NodeBuilder(node).editMetadata()
                .addToLabels("node-role.kubernetes.io/control-plane", "").endMetadata().build());
        long placed = System.nanoTime();
        client.pods().inNamespace("shop").resource(runningPod("batch-1", "cp-1")).create();
        await().atMost(TIMEOUT).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> assertThat(steps())
                .contains(CONTROL_PLANE_RULE + " open"));
        LOG.info("control-plane finding opened after {} ms", millisSince(placed));
        String placementId = only(CONTROL_PLANE_RULE, AlertStatus.OPEN).id();

        long deleted = System.nanoTime();
        client.pods().inNamespace("shop").withName("batch-1").delete();
        await().atMost(TIMEOUT).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> assertThat(steps())
                .contains(CONTROL_PLANE_RULE + " resolved"));
        LOG.info("control-plane finding resolved {} ms after the pod's deletion", millisSince(deleted));
        assertThat(only(CONTROL_PLANE_RULE, AlertStatus.RESOLVED).id()).isEqualTo(placementId);

        assertThat(steps()).as("each finding opened and resolved once, nothing else")
                .containsExactlyInAnyOrder(NAMESPACE_RULE + " open", POD_RULE + " open",
                        NAMESPACE_RULE + " resolved", POD_RULE + " resolved",
                        CONTROL_PLANE_RULE + " open", CONTROL_PLANE_RULE + " resolved");
        assertThat(postureAlerts()).allSatisfy(alert -> {
            assertThat(alert.orchestrator().cluster().name()).isEqualTo(CLUSTER);
            assertThat(alert.orchestrator().namespace()).isEqualTo("shop");
        });
    }

    /** A pod as the scheduler and kubelet leave it: bound to {@code node} and running. */
    private static Pod runningPod(String name, String node) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace("shop").addToLabels("app", name)
                .endMetadata()
                .withNewSpec().withNodeName(node).addNewContainer().withName("app").withImage("nginx:1.27")
                .endContainer().endSpec()
                .withNewStatus().withPhase("Running").endStatus()
                .build();
    }

    /** The committed posture alerts of the mock cluster (other rules may alert too). */
    private List<Alert> postureAlerts() {
        return TopicReader.readToEnd(bootstrap, Topics.defaults().alerts()).stream()
                .map(record -> VigilJson.mapper().readValue(record.value(), Alert.class))
                .filter(alert -> List.of(NAMESPACE_RULE, POD_RULE, CONTROL_PLANE_RULE).contains(alert.rule().id()))
                .toList();
    }

    private List<String> steps() {
        return postureAlerts().stream().map(alert -> alert.rule().id() + " " + alert.vigil().status().word())
                .toList();
    }

    private Alert only(String rule, AlertStatus status) {
        List<Alert> matching = postureAlerts().stream()
                .filter(alert -> alert.rule().id().equals(rule) && alert.vigil().status() == status).toList();
        assertThat(matching).as(rule + " " + status).hasSize(1);
        return matching.get(0);
    }

    private static long millisSince(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos).toMillis();
    }
}

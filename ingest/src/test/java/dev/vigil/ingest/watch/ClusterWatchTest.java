package dev.vigil.ingest.watch;

import dev.vigil.model.json.VigilJson;
import dev.vigil.model.watch.WatchEvent;
import dev.vigil.model.watch.WatchEventType;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The watcher against fabric8's mock API server in CRUD mode: real HTTP, real informers, an in-memory sink. */
class ClusterWatchTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    private final GoneOnceDispatcher dispatcher = new GoneOnceDispatcher();
    private final List<WatchEvent> events = new CopyOnWriteArrayList<>();
    private KubernetesMockServer server;
    private KubernetesClient client;
    private ClusterWatch watch;

    @BeforeEach
    void startServer() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
        server.init();
        client = server.createClient();
    }

    @AfterEach
    void stop() {
        if (watch != null) {
            watch.close();
        }
        client.close();
        server.destroy();
    }

    private ClusterWatch startWatch(boolean cni) throws Exception {
        watch = new ClusterWatch("test-cluster", server.createClient(), cni, events::add,
                Clock.fixed(NOW, ZoneOffset.UTC));
        watch.start().get(20, TimeUnit.SECONDS);
        return watch;
    }

    @Test
    void listsExistingObjectsAsAddedThenFollowsPodChanges() throws Exception {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("shop").endMetadata().build())
                .create();
        client.serviceAccounts().inNamespace("shop").resource(new ServiceAccountBuilder().withNewMetadata()
                .withName("cart").withNamespace("shop").endMetadata().build()).create();
        client.network().v1().networkPolicies().inNamespace("shop").resource(new NetworkPolicyBuilder()
                .withNewMetadata().withName("default-deny").withNamespace("shop").endMetadata()
                .withNewSpec().withPolicyTypes("Ingress").endSpec().build()).create();
        createPod("shop", "cart-1");

        startWatch(false);
        await().atMost(Duration.ofSeconds(10)).until(() -> events.size() >= 4);
        assertThat(events).extracting(WatchEvent::type, WatchEvent::key).containsExactlyInAnyOrder(
                tuple(WatchEventType.ADDED, "test-cluster/Namespace//shop"),
                tuple(WatchEventType.ADDED, "test-cluster/ServiceAccount/shop/cart"),
                tuple(WatchEventType.ADDED, "test-cluster/NetworkPolicy/shop/default-deny"),
                tuple(WatchEventType.ADDED, "test-cluster/Pod/shop/cart-1"));
        assertThat(events).allSatisfy(event -> {
            assertThat(event.cluster()).isEqualTo("test-cluster");
            assertThat(event.observedAt()).isEqualTo(NOW);
            assertThat(event.object().path("metadata").has("managedFields")).isFalse();
        });
        WatchEvent policy = events.stream().filter(e -> "NetworkPolicy".equals(e.kind())).findFirst().orElseThrow();
        assertThat(policy.object().path("apiVersion").asString()).isEqualTo("networking.k8s.io/v1");
        assertThat(policy.object().path("spec").path("policyTypes").get(0).asString()).isEqualTo("Ingress");
        events.clear();

        createPod("shop", "cart-2");
        client.pods().inNamespace("shop").withName("cart-2")
                .edit(pod -> new PodBuilder(pod).editMetadata().addToLabels("tier", "web").endMetadata().build());
        client.pods().inNamespace("shop").withName("cart-1").delete();

        await().atMost(Duration.ofSeconds(10)).until(() -> events.size() >= 3);
        assertThat(events).extracting(WatchEvent::type, WatchEvent::key).containsExactly(
                tuple(WatchEventType.ADDED, "test-cluster/Pod/shop/cart-2"),
                tuple(WatchEventType.MODIFIED, "test-cluster/Pod/shop/cart-2"),
                tuple(WatchEventType.DELETED, "test-cluster/Pod/shop/cart-1"));
        assertThat(events.get(1).object().path("metadata").path("labels").path("tier").asString()).isEqualTo("web");
        assertThat(events.get(0).object().path("kind").asString()).isEqualTo("Pod");
        assertThat(events.get(0).object().path("apiVersion").asString()).isEqualTo("v1");
    }

    @Test
    void goneAfterAStaleListReListsWithoutLosingOrInventingPods() throws Exception {
        createPod("default", "a");
        createPod("default", "b");
        // What the informer's first list will see: a snapshot taken before b was deleted and c created.
        String stale = client.getKubernetesSerialization().asJson(client.pods().inAnyNamespace().list());
        client.pods().inNamespace("default").withName("b").delete();
        createPod("default", "c");
        dispatcher.armStaleListThenGone(stale);

        startWatch(false);
        await().atMost(Duration.ofSeconds(15)).until(() -> podEvents().size() >= 4);
        assertThat(dispatcher.podLists.get()).as("pod lists: the stale one and the re-list").isGreaterThanOrEqualTo(2);
        // The stale list in order; then the re-list's difference (fabric8 applies the list, then removes the rest).
        assertThat(podEvents()).hasSize(4).startsWith(
                tuple(WatchEventType.ADDED, "test-cluster/Pod/default/a"),
                tuple(WatchEventType.ADDED, "test-cluster/Pod/default/b"));
        assertThat(podEvents().subList(2, 4)).containsExactlyInAnyOrder(
                tuple(WatchEventType.DELETED, "test-cluster/Pod/default/b"),
                tuple(WatchEventType.ADDED, "test-cluster/Pod/default/c"));

        createPod("default", "d");
        await().atMost(Duration.ofSeconds(10)).until(() -> podEvents().size() >= 5);
        assertThat(podEvents()).hasSize(5).last()
                .isEqualTo(tuple(WatchEventType.ADDED, "test-cluster/Pod/default/d"));
    }

    @Test
    void watchesCniResourcesOnlyWhenTheirCrdExists() throws Exception {
        client.apiextensions().v1().customResourceDefinitions().resource(new CustomResourceDefinitionBuilder()
                .withNewMetadata().withName("ciliumnetworkpolicies.cilium.io").endMetadata()
                .withNewSpec().withGroup("cilium.io").withScope("Namespaced")
                .withNewNames().withKind("CiliumNetworkPolicy").withPlural("ciliumnetworkpolicies")
                .withSingular("ciliumnetworkpolicy").withListKind("CiliumNetworkPolicyList").endNames()
                .addNewVersion().withName("v2").withServed(true).withStorage(true).endVersion()
                .endSpec().build()).create();
        ResourceDefinitionContext cilium = new ResourceDefinitionContext.Builder().withGroup("cilium.io")
                .withVersion("v2").withPlural("ciliumnetworkpolicies").withKind("CiliumNetworkPolicy")
                .withNamespaced(true).build();
        GenericKubernetesResource policy = new GenericKubernetesResourceBuilder()
                .withApiVersion("cilium.io/v2").withKind("CiliumNetworkPolicy")
                .withNewMetadata().withName("allow-dns").withNamespace("kube-system").endMetadata()
                .withAdditionalProperties(Map.of("spec", Map.of("endpointSelector", Map.of())))
                .build();
        client.genericKubernetesResources(cilium).inNamespace("kube-system").resource(policy).create();

        startWatch(true);
        assertThat(watch.watched()).extracting(WatchedResource::kind)
                .containsExactly("Pod", "Namespace", "ServiceAccount", "Node", "NetworkPolicy", "CiliumNetworkPolicy");
        await().atMost(Duration.ofSeconds(10)).until(() -> events.stream().anyMatch(
                e -> "CiliumNetworkPolicy".equals(e.kind())));
        WatchEvent added = events.stream().filter(e -> "CiliumNetworkPolicy".equals(e.kind())).findFirst().orElseThrow();
        assertThat(added.type()).isEqualTo(WatchEventType.ADDED);
        assertThat(added.key()).isEqualTo("test-cluster/CiliumNetworkPolicy/kube-system/allow-dns");
        assertThat(VigilJson.write(added.object().path("spec"))).isEqualTo("{\"endpointSelector\":{}}");
    }

    @Test
    void followsNodesWithTheirRoleLabels() throws Exception {
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName("cp-1")
                .addToLabels("node-role.kubernetes.io/control-plane", "").endMetadata().build()).create();

        startWatch(false);
        await().atMost(Duration.ofSeconds(10)).until(() -> events.stream().anyMatch(e -> "Node".equals(e.kind())));
        WatchEvent added = events.stream().filter(e -> "Node".equals(e.kind())).findFirst().orElseThrow();
        assertThat(added.type()).isEqualTo(WatchEventType.ADDED);
        assertThat(added.key()).isEqualTo("test-cluster/Node//cp-1");
        assertThat(added.object().path("apiVersion").asString()).isEqualTo("v1");
        assertThat(added.object().path("metadata").path("labels").has("node-role.kubernetes.io/control-plane"))
                .isTrue();
        events.clear();

        client.nodes().withName("cp-1").edit(node -> new NodeBuilder(node).editMetadata()
                .removeFromLabels("node-role.kubernetes.io/control-plane").addToLabels("pool", "apps").endMetadata()
                .build());
        client.nodes().withName("cp-1").delete();
        await().atMost(Duration.ofSeconds(10)).until(() -> events.size() >= 2);
        assertThat(events).extracting(WatchEvent::type, WatchEvent::key).containsExactly(
                tuple(WatchEventType.MODIFIED, "test-cluster/Node//cp-1"),
                tuple(WatchEventType.DELETED, "test-cluster/Node//cp-1"));
        assertThat(events.get(0).object().path("metadata").path("labels").path("pool").asString()).isEqualTo("apps");
    }

    private List<org.assertj.core.groups.Tuple> podEvents() {
        return events.stream().filter(e -> "Pod".equals(e.kind()))
                .map(e -> tuple(e.type(), e.key())).toList();
    }

    private static org.assertj.core.groups.Tuple tuple(Object... values) {
        return org.assertj.core.groups.Tuple.tuple(values);
    }

    private void createPod(String namespace, String name) {
        Pod pod = new PodBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage("nginx:1.27").endContainer().endSpec()
                .build();
        client.pods().inNamespace(namespace).resource(pod).create();
    }
}

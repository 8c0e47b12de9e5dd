package dev.vigil.streams.posture;

import dev.vigil.model.alert.Alert;
import dev.vigil.model.alert.AlertStatus;
import dev.vigil.model.json.VigilJson;
import dev.vigil.streams.alerts.AlertFactory;
import dev.vigil.streams.kafka.WatchIntake;
import dev.vigil.streams.redact.Redactor;
import dev.vigil.streams.rules.DetectionEngine;
import dev.vigil.streams.rules.RuleEngine;
import dev.vigil.streams.rules.RulesProperties;
import dev.vigil.streams.testing.TopologyHarness;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.vigil.streams.posture.PostureEvents.namespace;
import static dev.vigil.streams.posture.PostureEvents.node;
import static dev.vigil.streams.posture.PostureEvents.pod;
import static dev.vigil.streams.posture.PostureEvents.policy;
import static org.assertj.core.api.Assertions.assertThat;

/** The posture findings' lifecycle through the topology: open after the grace, resolve, reopen, forget. */
class PostureTopologyTest {

    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    private static final RuleEngine ENGINE = RuleEngine.load(RulesProperties.defaults());
    private static final Map<String, String> ALL = Map.of();

    @TempDir
    Path stateDir;

    private TopologyHarness harness;
    private TestOutputTopic<String, Alert> alerts;

    private void start(DetectionEngine engine) {
        AlertFactory factory = new AlertFactory(Redactor.withDefaults(), Clock.fixed(T0, ZoneOffset.UTC),
                Duration.ofHours(1));
        harness = TopologyHarness.of(builder -> PostureTopology.posture(
                WatchIntake.decoded(builder, TopologyHarness.TOPICS), TopologyHarness.TOPICS.alerts(),
                Duration.ofMinutes(1), engine, factory), T0, stateDir);
        alerts = harness.alerts();
    }

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    private void send(JsonNode record) {
        harness.watch(PostureEvents.key(record), VigilJson.write(record));
    }

    private void advance(Duration duration) {
        harness.driver().advanceWallClockTime(duration);
    }

    private List<Alert> read() {
        return alerts.readValuesToList();
    }

    @Test
    void namespaceFindingOpensAfterTheGraceResolvesWithAPolicyAndReopensWhenItGoes() {
        start(ENGINE);
        send(namespace("prod-1", "ADDED", "shop", T0));
        advance(Duration.ofMinutes(9));
        assertThat(read()).as("within the 10m grace").isEmpty();

        advance(Duration.ofMinutes(1));
        List<Alert> opened = read();
        assertThat(opened).hasSize(1);
        Alert open = opened.get(0);
        assertThat(open.rule().id()).isEqualTo("namespace-without-default-deny");
        assertThat(open.vigil().status()).isEqualTo(AlertStatus.OPEN);
        assertThat(open.vigil().bsi()).containsExactly("APP.4.4.A7");
        assertThat(open.orchestrator().namespace()).isEqualTo("shop");
        advance(Duration.ofMinutes(5));
        assertThat(read()).as("an open finding is not sent again").isEmpty();

        send(policy("prod-1", "ADDED", "shop", "default-deny", ALL, "Ingress"));
        advance(Duration.ofMinutes(1));
        Alert resolved = single();
        assertThat(resolved.id()).isEqualTo(open.id());
        assertThat(resolved.timestamp()).as("same daily index as the open one").isEqualTo(open.timestamp());
        assertThat(resolved.vigil().status()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(resolved.vigil().resolvedAt()).isEqualTo(T0.plus(Duration.ofMinutes(16)));
        assertThat(resolved.event().created()).as("updated now, for the console's order")
                .isEqualTo(T0.plus(Duration.ofMinutes(16)));
        assertThat(resolved.vigil().evidence().details().path("resolved_because").asString())
                .isEqualTo("condition no longer holds");
        advance(Duration.ofMinutes(1));
        assertThat(read()).isEmpty();

        send(policy("prod-1", "DELETED", "shop", "default-deny", ALL, "Ingress"));
        advance(Duration.ofMinutes(1));
        Alert reopened = single();
        assertThat(reopened.id()).isEqualTo(open.id());
        assertThat(reopened.vigil().status()).isEqualTo(AlertStatus.OPEN);
        assertThat(reopened.vigil().resolvedAt()).isNull();
        assertThat(reopened.vigil().count()).isEqualTo(2);

        send(namespace("prod-1", "DELETED", "shop", T0));
        advance(Duration.ofMinutes(1));
        Alert gone = single();
        assertThat(gone.vigil().status()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(gone.vigil().evidence().details().path("resolved_because").asString()).isEqualTo("object deleted");
        assertThat(entries(PostureTracker.FINDINGS)).as("forgotten with its subject").isZero();
        assertThat(entries(PostureTracker.OBJECTS)).isZero();
    }

    @Test
    void podFindingResolvesWhenAPolicySelectsItOrThePodIsDeleted() {
        start(ENGINE);
        send(pod("prod-1", "ADDED", "shop", "web-1", Map.of("app", "web"), "worker-1", T0));
        send(pod("prod-1", "ADDED", "shop", "db-1", Map.of("app", "db"), "worker-1", T0));
        advance(Duration.ofMinutes(11));
        List<Alert> opened = read().stream().filter(a -> a.rule().id().equals("pod-not-covered-by-network-policy"))
                .toList();
        assertThat(opened).extracting(alert -> alert.orchestrator().resource().name())
                .containsExactlyInAnyOrder("web-1", "db-1");
        assertThat(opened).allSatisfy(alert -> assertThat(alert.vigil().bsi()).containsExactly("APP.4.4.A18"));

        send(policy("prod-1", "ADDED", "shop", "web", Map.of("app", "web"), "Ingress"));
        send(pod("prod-1", "DELETED", "shop", "db-1", Map.of("app", "db"), "worker-1", T0));
        advance(Duration.ofMinutes(1));
        List<Alert> resolved = read().stream()
                .filter(a -> a.rule().id().equals("pod-not-covered-by-network-policy")).toList();
        assertThat(resolved).hasSize(2).allSatisfy(alert ->
                assertThat(alert.vigil().status()).isEqualTo(AlertStatus.RESOLVED));
        assertThat(resolved).extracting(alert -> alert.vigil().evidence().details().path("resolved_because").asString())
                .containsExactlyInAnyOrder("condition no longer holds", "object deleted");
    }

    @Test
    void workloadOnAControlPlaneNodeOpensAtOnceAndResolvesWhenTheNodeLosesTheRole() {
        start(ENGINE);
        send(node("prod-1", "ADDED", "cp-1", true));
        send(policy("prod-1", "ADDED", "shop", "default-deny", ALL, "Ingress"));
        send(pod("prod-1", "ADDED", "shop", "web-1", Map.of("app", "web"), "cp-1", T0));
        send(pod("prod-1", "ADDED", "kube-system", "etcd-cp-1", Map.of(), "cp-1", T0));
        advance(Duration.ofMinutes(1));
        Alert open = single();
        assertThat(open.rule().id()).isEqualTo("workload-on-control-plane-node");
        assertThat(open.vigil().bsi()).containsExactly("APP.4.4.A14", "APP.4.4.A15");
        assertThat(open.message()).isEqualTo("Pod shop/web-1 runs on control-plane node cp-1");
        assertThat(open.vigil().evidence().details().path("node").asString()).isEqualTo("cp-1");

        send(node("prod-1", "MODIFIED", "cp-1", false));
        advance(Duration.ofMinutes(1));
        Alert resolved = single();
        assertThat(resolved.id()).isEqualTo(open.id());
        assertThat(resolved.vigil().status()).isEqualTo(AlertStatus.RESOLVED);
    }

    @Test
    void clustersAreJudgedApartAndPoliciesOfOtherNamespacesDoNotCount() {
        start(ENGINE);
        send(namespace("prod-1", "ADDED", "shop", T0));
        send(namespace("prod-2", "ADDED", "shop", T0));
        send(policy("prod-2", "ADDED", "shop", "default-deny", ALL, "Ingress"));
        send(policy("prod-1", "ADDED", "other", "default-deny", ALL, "Ingress"));
        advance(Duration.ofMinutes(11));
        Alert open = single();
        assertThat(open.orchestrator().cluster().name()).isEqualTo("prod-1");
    }

    @Test
    void egressOnlyPolicyIsNoDefaultDenyForIngress() {
        start(ENGINE);
        send(namespace("prod-1", "ADDED", "shop", T0));
        send(policy("prod-1", "ADDED", "shop", "egress", ALL, "Egress"));
        advance(Duration.ofMinutes(11));
        assertThat(single().rule().id()).isEqualTo("namespace-without-default-deny");
    }

    @Test
    void graceAndSystemNamespacesComeFromConfiguration() {
        RulesProperties properties = new RulesProperties(null, Map.of("system-namespaces", List.of("platform")),
                null, null, null, Map.of("namespace-without-default-deny", Map.of("grace", "1h")));
        start(RuleEngine.load(properties));
        send(namespace("prod-1", "ADDED", "shop", T0));
        send(namespace("prod-1", "ADDED", "platform", T0));
        advance(Duration.ofMinutes(30));
        assertThat(read()).as("the grace is 1h now").isEmpty();
        advance(Duration.ofMinutes(31));
        assertThat(single().orchestrator().namespace()).isEqualTo("shop");
    }

    @Test
    void aDisabledRuleRaisesNothing() {
        RulesProperties properties = new RulesProperties(null, null, null,
                Set.of("namespace-without-default-deny"), null);
        start(RuleEngine.load(properties));
        send(namespace("prod-1", "ADDED", "shop", T0));
        advance(Duration.ofMinutes(20));
        assertThat(read()).isEmpty();
    }

    private Alert single() {
        List<Alert> all = read();
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    private long entries(String store) {
        KeyValueStore<String, Object> kv = harness.driver().getKeyValueStore(store);
        long count = 0;
        try (var all = kv.all()) {
            while (all.hasNext()) {
                all.next();
                count++;
            }
        }
        return count;
    }
}

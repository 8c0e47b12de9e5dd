package dev.vigil.streams.rules;

import dev.vigil.model.json.VigilJson;
import dev.vigil.model.testdata.AuditTestData;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Vigil's own realistic fixtures for what no public data set has (model test-jar, {@code fixtures/rules/}): the
 * detections each file yields, written down as rule id + dedup key → hits. The topology turns each key into one
 * alert per dedup window; replaying these files through {@code vigil run} must give the same alerts.
 */
class RuleFixturesTest {

    private static final RuleEngine ENGINE = RuleEngine.load(RulesProperties.defaults());

    @Test
    void cniChangesByAnyoneButTheNetworkAdminsAndTheCnisOwnControllers() {
        assertThat(hits("cni-changes.jsonl", ENGINE)).isEqualTo(sorted(Map.ofEntries(
                entry("cni-change high local|dev@example.com|delete|networking.k8s.io|networkpolicies|shop|default-deny", 1),
                entry("cni-change low local|system:serviceaccount:argocd:argocd-application-controller|create|networking.k8s.io|networkpolicies|shop|allow-frontend", 1),
                entry("cni-change medium local|dev@example.com|patch|crd.projectcalico.org|globalnetworkpolicies||default.deny-egress", 1),
                entry("cni-change medium local|mallory@example.com|create|projectcalico.org|ippools||rogue-pool", 1),
                entry("cni-change high local|mallory@example.com|delete|cilium.io|ciliumclusterwidenetworkpolicies||lockdown", 1),
                entry("cni-change medium local|netops@example.com|create|cilium.io|ciliumnetworkpolicies|shop|l7-api", 1),
                entry("cni-change medium local|dev@example.com|patch|crd.antrea.io|clusternetworkpolicies||isolate-prod", 1),
                entry("cni-change medium local|dev@example.com|create|k8s.cni.cncf.io|network-attachment-definitions|shop|macvlan-host", 1),
                entry("cni-change medium local|mallory@example.com|patch|apps|daemonsets|kube-system|calico-node", 1),
                entry("cni-change medium local|mallory@example.com|update||configmaps|kube-system|kube-proxy", 1),
                // kube-proxy's ConfigMap is control-plane configuration as well as network segmentation
                entry("control-plane-config-change medium local|mallory@example.com|update|configmaps|kube-system|kube-proxy", 1),
                entry("cni-change high local|dev@example.com|delete|networking.k8s.io|networkpolicies|shop|allow-frontend", 1))));
    }

    @Test
    void configuredNetworkAdminsAndGitOpsControllersDoNotFire() {
        RuleEngine site = RuleEngine.load(new RulesProperties(null, Map.of(
                "network-admins", List.of("system:serviceaccount:argocd:argocd-application-controller"),
                "network-admin-groups", List.of("netops")), null, null, null));
        assertThat(hits("cni-changes.jsonl", site)).hasSize(10)
                .doesNotContainKey("cni-change medium local|netops@example.com|create|cilium.io|ciliumnetworkpolicies|shop|l7-api");
    }

    @Test
    void defaultServiceAccountTokensDedupPerServiceAccount() {
        assertThat(hits("default-sa-tokens.jsonl", ENGINE)).isEqualTo(sorted(Map.of(
                "default-service-account-token medium local|system:serviceaccount:shop:default", 4,
                "default-service-account-token medium local|system:serviceaccount:batch:default", 1,
                // python-requests is a hand-made client: one key per service account and client
                "service-account-unusual-client medium local|system:serviceaccount:shop:default|python-requests", 4,
                "service-account-unusual-client medium local|system:serviceaccount:shop:web|python-requests", 1)));
    }

    @Test
    void aPrivilegedDeploymentWithFiftyReplicasIsOneKeyForTheWorkloadAndOneForItsPods() {
        assertThat(hits("workload-templates.jsonl", ENGINE)).isEqualTo(sorted(Map.of(
                "privileged-pod high local|ops|Deployment/node-agent", 2,
                "privileged-pod high local|ops|ReplicaSet/node-agent-6b8f7d9c4", 50,
                "pod-default-service-account low local|ops|Deployment/node-agent", 2,
                "pod-default-service-account low local|ops|ReplicaSet/node-agent-6b8f7d9c4", 50,
                "pod-security-restricted medium local|data|StatefulSet/db", 1,
                // judged on the templates only: the ReplicaSet and its 50 pods are derived by the controllers
                "pod-missing-probes low local|ops|Deployment/node-agent", 1,
                "pod-missing-probes low local|data|StatefulSet/db", 1)));
        Detection first = detections("workload-templates.jsonl", ENGINE).stream()
                .filter(d -> d.rule().id().equals("privileged-pod")).findFirst().orElseThrow();
        assertThat(first.message()).isEqualTo("Deployment/node-agent in ops violates Pod Security baseline "
                + "(privileged, hostNamespaces): ops@example.com created deployments/node-agent");
    }

    @Test
    void patchesWithoutResponseObjectAreJudgedOnWhatTheySetAndSaySo() {
        assertThat(hits("patches.jsonl", ENGINE)).isEqualTo(sorted(Map.of(
                "privileged-pod high local|shop|Deployment/web", 1,
                "privileged-pod high local|shop|Deployment/api", 1,
                "privileged-pod high local|shop|Deployment/cache", 1,
                "pod-security-restricted medium local|shop|StatefulSet/queue", 1,
                // the only patch with a response object; the others are not judged for probes
                "pod-missing-probes low local|shop|Deployment/cache", 1,
                // a CI service account driving kubectl: expected at a site, tuned with an exception
                "service-account-unusual-client medium local|system:serviceaccount:ci:deployer|kubectl", 1)));
        Map<String, Boolean> partial = new TreeMap<>();
        for (Detection detection : detections("patches.jsonl", ENGINE)) {
            if (!List.of("privileged-pod", "pod-security-restricted").contains(detection.rule().id())) {
                continue; // the Pod Security rules' evidence is asserted here
            }
            partial.put(detection.dedupKey(), detection.details().get("partial_evidence").asBoolean());
            assertThat(detection.message().contains("partial evidence"))
                    .isEqualTo(detection.details().get("partial_evidence").asBoolean());
        }
        assertThat(partial).containsExactlyInAnyOrderEntriesOf(Map.of("local|shop|Deployment/web", true,
                "local|shop|Deployment/api", true, "local|shop|Deployment/cache", false,
                "local|shop|StatefulSet/queue", true));
    }

    private static Map<String, Integer> hits(String file, RuleEngine engine) {
        Map<String, Integer> hits = new TreeMap<>();
        for (Detection d : detections(file, engine)) {
            hits.merge(d.rule().id() + " " + d.severity().word() + " " + d.dedupKey(), 1, Integer::sum);
        }
        return hits;
    }

    private static List<Detection> detections(String file, RuleEngine engine) {
        List<Detection> all = new ArrayList<>();
        for (AuditTestData.Line line : AuditTestData.lines(AuditTestData.file("fixtures/rules/" + file))) {
            all.addAll(engine.evaluate(RuleTestRunner.record(VigilJson.mapper().readTree(line.text())).value()));
        }
        return all;
    }

    private static Map<String, Integer> sorted(Map<String, Integer> map) {
        return new TreeMap<>(map);
    }
}

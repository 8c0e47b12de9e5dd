package dev.vigil.streams.rules;

import dev.vigil.model.audit.AuditRecord;
import dev.vigil.model.json.Decoded;
import dev.vigil.model.json.VigilJson;
import dev.vigil.model.testdata.AuditTestData;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bundled rules over the third-party audit data (k8s-audit/, copied unchanged): what fires on each falco
 * trace, and agreement with Panther's labelled fixtures where a Vigil rule means the same as a Panther rule.
 */
class ThirdPartyDataTest {

    private static final RuleEngine ENGINE = RuleEngine.load(RulesProperties.defaults());

    /**
     * Every falco trace that fires something, with the rules it fires; every other trace fires nothing.
     * Pods made by the replicaset controller run as the default service account (pod-default-service-account)
     * and, when they pass baseline, fail restricted (pod-security-restricted): minikube's demo pods set no
     * securityContext at all. Rules that judge what a person wrote (pod-in-default-namespace, pod-missing-probes)
     * skip what the controllers derive from a template, so they fire on the Deployment, not its pods; falco's
     * "Pod Created in Kube Namespace" agrees for kube-public (where controllers fire too) but not for kube-system,
     * where Vigil leaves the ReplicaSet controller's pods alone (workload-in-system-namespace). The exec and attach
     * traces fire pod-exec, the cluster-admin binding and the wildcard and pods/exec roles the RBAC rules;
     * create_cluster_role_write_privileges (write verbs alone grant no escalation) and create_clusterrolebinding
     * (system:basic-user is no privileged role) fire nothing.
     */
    private static final Map<String, Set<String>> FALCO = Map.ofEntries(
            entry("anonymous_creates_namespace_foo.json", Set.of("anonymous-admin-action")),
            entry("attach_cluster_admin_role.json", Set.of("rbac-privileged-binding")),
            entry("create_cluster_role_wildcard_verbs.json", Set.of("rbac-escalation-role")),
            entry("create_cluster_role_wildcard_resources.json", Set.of("rbac-escalation-role")),
            entry("create_cluster_role_pod_exec.json", Set.of("rbac-escalation-role")),
            entry("exec_pod.json", Set.of("pod-exec")),
            entry("attach_pod.json", Set.of("pod-exec")),
            entry("create_deployment.json", Set.of("pod-default-service-account", "pod-security-restricted",
                    "pod-in-default-namespace", "pod-missing-probes")),
            entry("create_nginx_pod_privileged.json", Set.of("privileged-pod", "pod-default-service-account")),
            entry("create_nginx_pod_privileged_2nd_container.json",
                    Set.of("privileged-pod", "pod-default-service-account")),
            entry("create_nginx_pod_no_secctx_1st_container_privileged_2nd_container.json",
                    Set.of("privileged-pod", "pod-default-service-account")),
            entry("create_nginx_pod_hostnetwork.json", Set.of("privileged-pod", "pod-default-service-account")),
            entry("create_nginx_pod_sensitive_mount.json", Set.of("privileged-pod", "pod-default-service-account")),
            entry("create_nginx_pod_sensitive_mount_2nd_container.json",
                    Set.of("privileged-pod", "pod-default-service-account")),
            entry("create_nginx_pod_unprivileged.json",
                    Set.of("pod-default-service-account", "pod-security-restricted")),
            entry("create_nginx_pod_nohostnetwork.json",
                    Set.of("pod-default-service-account", "pod-security-restricted")),
            entry("create_pod_kube_public_namespace.json",
                    Set.of("pod-default-service-account", "pod-security-restricted", "workload-in-system-namespace")),
            entry("create_nginx_service_nodeport.json", Set.of("service-exposed")));

    /** Panther rules that mean what a Vigil rule means. */
    private static final Map<String, String> SAME_MEANING = Map.of(
            "Amazon.EKS.AnonymousAPIAccess", "anonymous-admin-action",
            "Kubernetes.API.AnonymousAccess", "anonymous-admin-action",
            "Kubernetes.Pod.Privileged.Created", "privileged-pod",
            "Kubernetes.Pod.Host.Network", "privileged-pod",
            "Kubernetes.Pod.Host.PID", "privileged-pod",
            "Kubernetes.Pod.Host.IPC", "privileged-pod",
            "Kubernetes.Pod.HostPath.Volume", "privileged-pod",
            "Kubernetes.Pod.Dangerous.Capabilities", "privileged-pod");

    /** Lines of panther/test-logs.jsonl where Vigil deliberately disagrees, and why. */
    private static final Map<Integer, String> DISAGREEMENTS = Map.of(
            1, "anonymous read of an ordinary pod (no verb recorded): Vigil fires on writes and sensitive reads only",
            3, "anonymous GET /version: health and discovery endpoints never fire (contract)",
            7, "anonymous GET /healthz from a public IP: health endpoints never fire (contract); Panther flags the IP",
            8, "anonymous request refused (403): Vigil fires only on allowed requests",
            26, "anonymous read of an ordinary pod: not a write and not a sensitive read",
            27, "anonymous get of an ordinary pod: not a write and not a sensitive read",
            119, "runAsNonRoot=false is a restricted-level check in the Pod Security Standards, so "
                    + "pod-security-restricted fires instead of privileged-pod",
            120, "runAsUser=0 is a restricted-level check, so pod-security-restricted fires instead");

    @Test
    void falcoTracesFireExactlyTheExpectedRules() {
        Map<String, Set<String>> fired = new TreeMap<>();
        for (AuditTestData.Line line : AuditTestData.lines("k8s-audit/falco-traces", ".json")) {
            Set<String> rules = fire(line.text());
            if (!rules.isEmpty()) {
                fired.merge(line.file(), rules, (a, b) -> {
                    Set<String> all = new TreeSet<>(a);
                    all.addAll(b);
                    return all;
                });
            }
        }
        assertThat(fired).isEqualTo(new TreeMap<>(FALCO));
    }

    @Test
    void privilegedHostNetworkAndSensitiveMountTracesFirePrivilegedPodUnprivilegedOnesDoNot() {
        for (String trace : List.of("create_nginx_pod_privileged", "create_nginx_pod_hostnetwork",
                "create_nginx_pod_sensitive_mount", "create_nginx_pod_sensitive_mount_2nd_container",
                "create_nginx_pod_privileged_2nd_container")) {
            assertThat(fireFile(trace)).as(trace).contains("privileged-pod");
        }
        for (String trace : List.of("create_nginx_pod_unprivileged", "create_nginx_pod_nohostnetwork")) {
            assertThat(fireFile(trace)).as(trace).doesNotContain("privileged-pod");
        }
        assertThat(fireFile("anonymous_creates_namespace_foo")).containsExactly("anonymous-admin-action");
    }

    @Test
    void privilegedPodsOfOneReplicaSetShareTheirOwnersDedupKey() {
        AuditRecord record = record(AuditTestData.lines(AuditTestData.file(
                "k8s-audit/falco-traces/create_nginx_pod_privileged.json")).get(0).text());
        Detection hit = ENGINE.evaluate(record).stream().filter(d -> d.rule().id().equals("privileged-pod"))
                .findFirst().orElseThrow();
        assertThat(hit.dedupKey()).isEqualTo("local|default|ReplicaSet/nginx-deployment-5cdcc99dbf");
        assertThat(hit.details().get("failed_checks").has("privileged")).isTrue();
    }

    @Test
    void agreesWithPantherWhereTheRulesMeanTheSame() {
        List<AuditTestData.Line> events = AuditTestData.lines(AuditTestData.file("k8s-audit/panther/test-logs.jsonl"));
        int agreed = 0;
        Map<Integer, String> disagreed = new TreeMap<>();
        for (AuditTestData.Line label : AuditTestData.lines(AuditTestData.file("k8s-audit/panther/labels.jsonl"))) {
            JsonNode labelNode = VigilJson.mapper().readTree(label.text());
            String vigilRule = SAME_MEANING.get(labelNode.get("panther_rule").asString());
            if (vigilRule == null) {
                continue;
            }
            int line = labelNode.get("line").asInt();
            boolean expected = labelNode.get("expected").asBoolean();
            boolean fired = fire(events.get(line - 1).text()).contains(vigilRule);
            if (fired == expected) {
                agreed++;
            } else {
                disagreed.put(line, labelNode.get("test").asString());
            }
        }
        assertThat(disagreed.keySet()).as("disagreements, each explained in DISAGREEMENTS")
                .isEqualTo(DISAGREEMENTS.keySet());
        assertThat(agreed).as("Panther fixtures agreed on").isEqualTo(37);
        assertThat(fire(events.get(118).text())).contains("pod-security-restricted");
        assertThat(fire(events.get(119).text())).contains("pod-security-restricted");
    }

    @Test
    void noRuleFailsOnAnyThirdPartyEvent() {
        for (AuditTestData.Line line : AuditTestData.thirdPartyEvents()) {
            fire(line.text());
        }
        assertThat(ENGINE.evaluationErrors().values()).allMatch(count -> count == 0L);
    }

    private static Set<String> fireFile(String trace) {
        return fire(AuditTestData.lines(AuditTestData.file("k8s-audit/falco-traces/" + trace + ".json")).get(0).text());
    }

    private static Set<String> fire(String text) {
        AuditRecord record = record(text);
        Set<String> rules = new TreeSet<>();
        if (record != null) {
            ENGINE.evaluate(record).forEach(d -> rules.add(d.rule().id()));
        }
        return rules;
    }

    private static AuditRecord record(String text) {
        Decoded<AuditRecord> decoded = RuleTestRunner.record(parse(text));
        return decoded.isOk() ? decoded.value() : null;
    }

    private static JsonNode parse(String text) {
        try {
            return VigilJson.mapper().readTree(text);
        } catch (RuntimeException notJson) {
            return null;
        }
    }
}

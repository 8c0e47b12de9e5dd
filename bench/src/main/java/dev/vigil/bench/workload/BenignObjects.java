package dev.vigil.bench.workload;

import dev.vigil.bench.workload.KubeObjects.PodFlavour;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.SplittableRandom;

/**
 * Request and response bodies of the benign day beyond {@link KubeObjects}: the node agents' DaemonSet pods,
 * node status, bindings, the aggregated ClusterRoles, team RBAC, certificate requests and application
 * Deployments with and without liveness probes.
 */
final class BenignObjects {

    /** A node agent of a DaemonSet: what it needs from the host (the reason such pods fail baseline). */
    record NodeAgent(String namespace, String daemonSet, String serviceAccount, String image, boolean privileged,
                     boolean hostNetwork, boolean hostPid, String hostPath) {
    }

    static final NodeAgent[] NODE_AGENTS = {
        new NodeAgent("calico-system", "calico-node", "calico-node", "quay.io/calico/node:v3.28.2", true, true, false,
                "/var/run/calico"),
        new NodeAgent("kube-system", "cilium", "cilium", "quay.io/cilium/cilium:v1.16.3", true, true, false,
                "/sys/fs/bpf"),
        new NodeAgent("kube-system", "kube-proxy", "kube-proxy", "registry.k8s.io/kube-proxy:v1.31.2", true, true,
                false, "/lib/modules"),
        new NodeAgent("kube-system", "ebs-csi-node", "ebs-csi-node-sa",
                "public.ecr.aws/ebs-csi-driver/aws-ebs-csi-driver:v1.36.0", true, false, false, "/var/lib/kubelet"),
        new NodeAgent("monitoring", "node-exporter", "node-exporter", "quay.io/prometheus/node-exporter:v1.8.2", false,
                true, true, "/proc"),
    };

    private BenignObjects() {
    }

    static ObjectNode nodeAgentPod(SplittableRandom random, NodeAgent agent, String node, Instant at, boolean admitted) {
        ObjectNode pod = KubeObjects.object();
        pod.put("kind", "Pod").put("apiVersion", "v1");
        String name = agent.daemonSet() + "-" + ClusterShape.hash(random, 5);
        ObjectNode metadata = pod.putObject("metadata");
        metadata.put("name", name).put("generateName", agent.daemonSet() + "-").put("namespace", agent.namespace());
        if (admitted) {
            metadata.put("uid", ClusterShape.uuid(random)).put("creationTimestamp", at.toString());
        }
        metadata.putObject("labels").put("k8s-app", agent.daemonSet()).put("controller-revision-hash",
                ClusterShape.hash(random, 10)).put("pod-template-generation", "3");
        metadata.putArray("ownerReferences").addObject().put("apiVersion", "apps/v1").put("kind", "DaemonSet")
                .put("name", agent.daemonSet()).put("uid", ClusterShape.uuid(random)).put("controller", true)
                .put("blockOwnerDeletion", true);
        ObjectNode spec = pod.putObject("spec");
        spec.putObject("affinity").putObject("nodeAffinity").putObject("requiredDuringSchedulingIgnoredDuringExecution")
                .putArray("nodeSelectorTerms").addObject().putArray("matchFields").addObject()
                .put("key", "metadata.name").put("operator", "In").putArray("values").add(node);
        ObjectNode container = spec.putArray("containers").addObject();
        container.put("name", agent.daemonSet()).put("image", agent.image()).put("imagePullPolicy", "IfNotPresent");
        container.putObject("resources").putObject("requests").put("cpu", "100m").put("memory", "64Mi");
        container.putObject("livenessProbe").putObject("httpGet").put("path", "/liveness").put("port", 9099)
                .put("host", "localhost");
        container.putObject("readinessProbe").putObject("exec").putArray("command").add("/bin/readiness");
        ObjectNode security = container.putObject("securityContext");
        if (agent.privileged()) {
            security.put("privileged", true);
        } else {
            security.put("readOnlyRootFilesystem", true).put("runAsNonRoot", true).put("runAsUser", 65534);
        }
        container.putArray("volumeMounts").addObject().put("name", "host").put("mountPath", "/host"
                + agent.hostPath()).put("readOnly", !agent.privileged());
        spec.putArray("volumes").addObject().put("name", "host").putObject("hostPath").put("path", agent.hostPath())
                .put("type", "");
        spec.put("hostNetwork", agent.hostNetwork());
        if (agent.hostPid()) {
            spec.put("hostPID", true);
        }
        spec.put("serviceAccountName", agent.serviceAccount());
        spec.put("priorityClassName", "system-node-critical");
        spec.putArray("tolerations").addObject().put("operator", "Exists");
        if (admitted) {
            spec.put("nodeName", node);
            pod.putObject("status").put("phase", "Pending").put("qosClass", "Burstable");
        }
        return pod;
    }

    /** The kubelet's heartbeat: conditions with fresh heartbeat times (a strategic merge patch of nodes/status). */
    static ObjectNode nodeStatusPatch(Instant at) {
        ObjectNode patch = KubeObjects.object();
        ArrayNode conditions = patch.putObject("status").putArray("conditions");
        for (String type : new String[] {"MemoryPressure", "DiskPressure", "PIDPressure", "Ready"}) {
            conditions.addObject().put("type", type).put("lastHeartbeatTime", at.toString());
        }
        return patch;
    }

    static ObjectNode binding(String namespace, String pod, String node) {
        ObjectNode binding = KubeObjects.object();
        binding.put("kind", "Binding").put("apiVersion", "v1");
        binding.putObject("metadata").put("name", pod).put("namespace", namespace);
        binding.putObject("target").put("kind", "Node").put("name", node);
        return binding;
    }

    /**
     * The built-in {@code admin} or {@code edit} ClusterRole as the clusterrole-aggregation-controller writes it:
     * the union of every role labelled to aggregate into it (exec, attach, impersonation of service accounts …).
     */
    static ObjectNode aggregatedClusterRole(String name) {
        ObjectNode role = KubeObjects.object();
        role.put("kind", "ClusterRole").put("apiVersion", "rbac.authorization.k8s.io/v1");
        ObjectNode metadata = role.putObject("metadata");
        metadata.put("name", name);
        metadata.putObject("labels").put("kubernetes.io/bootstrapping", "rbac-defaults");
        metadata.putObject("annotations").put("rbac.authorization.kubernetes.io/autoupdate", "true");
        role.putObject("aggregationRule").putArray("clusterRoleSelectors").addObject().putObject("matchLabels")
                .put("rbac.authorization.k8s.io/aggregate-to-" + name, "true");
        ArrayNode rules = role.putArray("rules");
        rule(rules, "", new String[] {"pods/attach", "pods/exec", "pods/portforward", "pods/proxy", "secrets",
                "services/proxy"}, "get", "list", "watch");
        rule(rules, "", new String[] {"serviceaccounts"}, "impersonate");
        rule(rules, "", new String[] {"pods", "pods/attach", "pods/exec", "pods/portforward", "pods/proxy"},
                "create", "delete", "deletecollection", "patch", "update");
        rule(rules, "", new String[] {"configmaps", "secrets", "services", "serviceaccounts", "persistentvolumeclaims"},
                "create", "delete", "deletecollection", "patch", "update");
        rule(rules, "apps", new String[] {"deployments", "statefulsets", "daemonsets", "replicasets"},
                "create", "delete", "deletecollection", "patch", "update");
        if ("admin".equals(name)) {
            rule(rules, "rbac.authorization.k8s.io", new String[] {"roles", "rolebindings"}, "create", "delete",
                    "deletecollection", "get", "list", "patch", "update", "watch");
        }
        return role;
    }

    static ObjectNode teamRole(String namespace, String name) {
        ObjectNode role = KubeObjects.object();
        role.put("kind", "Role").put("apiVersion", "rbac.authorization.k8s.io/v1");
        role.putObject("metadata").put("name", name).put("namespace", namespace).putObject("labels")
                .put("app.kubernetes.io/managed-by", "argocd");
        ArrayNode rules = role.putArray("rules");
        rule(rules, "", new String[] {"configmaps"}, "get", "list", "watch");
        rule(rules, "coordination.k8s.io", new String[] {"leases"}, "get", "create", "update");
        return role;
    }

    static ObjectNode groupBinding(String namespace, String name, String roleKind, String role, String group) {
        ObjectNode binding = KubeObjects.object();
        binding.put("kind", "RoleBinding").put("apiVersion", "rbac.authorization.k8s.io/v1");
        binding.putObject("metadata").put("name", name).put("namespace", namespace);
        binding.putObject("roleRef").put("apiGroup", "rbac.authorization.k8s.io").put("kind", roleKind)
                .put("name", role);
        binding.putArray("subjects").addObject().put("apiGroup", "rbac.authorization.k8s.io").put("kind", "Group")
                .put("name", group);
        return binding;
    }

    /** A kubelet's client-certificate rotation request (signer kube-apiserver-client-kubelet). */
    static ObjectNode kubeletCsr(String name, String node, String pem, boolean approved) {
        ObjectNode csr = KubeObjects.object();
        csr.put("kind", "CertificateSigningRequest").put("apiVersion", "certificates.k8s.io/v1");
        csr.putObject("metadata").put("name", name).put("generateName", "csr-");
        ObjectNode spec = csr.putObject("spec");
        spec.put("request", pem).put("signerName", "kubernetes.io/kube-apiserver-client-kubelet")
                .put("username", "system:node:" + node);
        spec.putArray("groups").add("system:nodes").add("system:authenticated");
        spec.putArray("usages").add("digital signature").add("client auth");
        if (approved) {
            csr.putObject("status").putArray("conditions").addObject().put("type", "Approved").put("status", "True")
                    .put("reason", "AutoApproved")
                    .put("message", "Auto approving self kubelet client certificate after SubjectAccessReview.");
        }
        return csr;
    }

    /** An application Deployment as GitOps or CI applies it; some apps have no liveness probe. */
    static ObjectNode appDeployment(SplittableRandom random, String namespace, String app, Instant at) {
        ObjectNode deployment = KubeObjects.deployment(random, namespace, app, at, PodFlavour.COMPLIANT);
        if (!BusyCluster.APPS_WITHOUT_LIVENESS.contains(app)) {
            for (var container : deployment.path("spec").path("template").path("spec").path("containers")) {
                ((ObjectNode) container).putObject("livenessProbe").putObject("httpGet").put("path", "/healthz")
                        .put("port", 8080).put("scheme", "HTTP");
            }
        }
        return deployment;
    }

    private static void rule(ArrayNode rules, String group, String[] resources, String... verbs) {
        ObjectNode rule = rules.addObject();
        rule.putArray("apiGroups").add(group);
        ArrayNode list = rule.putArray("resources");
        for (String resource : resources) {
            list.add(resource);
        }
        ArrayNode verbList = rule.putArray("verbs");
        for (String verb : verbs) {
            verbList.add(verb);
        }
    }
}

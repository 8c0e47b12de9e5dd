package dev.vigil.bench.workload;

import dev.vigil.bench.workload.BenignObjects.NodeAgent;
import dev.vigil.bench.workload.KubeObjects.PodFlavour;
import tools.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

import static dev.vigil.bench.workload.BenignActivity.machine;

/**
 * The control plane's share of the benign day: every kube-controller-manager controller with the reads and writes
 * it does, the kubelets (node status, leases, pod status, the secrets and config maps their pods mount, service
 * account tokens, certificate rotation), the scheduler's bindings and the API server's own requests.
 */
final class ControlPlaneCalls {

    /** Each controller and what it watches (every controller lists and watches; some also write, below). */
    private static final String[][] CONTROLLER_READS = {
        {"attachdetach-controller", "pods", "nodes", "persistentvolumes", "persistentvolumeclaims"},
        {"clusterrole-aggregation-controller", "clusterroles"},
        {"cronjob-controller", "cronjobs", "jobs"},
        {"daemon-set-controller", "daemonsets", "pods", "nodes", "controllerrevisions"},
        {"deployment-controller", "deployments", "replicasets", "pods"},
        {"disruption-controller", "poddisruptionbudgets", "pods", "deployments", "statefulsets"},
        {"endpointslice-controller", "services", "pods", "endpointslices", "nodes"},
        {"endpointslicemirroring-controller", "endpoints", "endpointslices", "services"},
        {"ephemeral-volume-controller", "pods", "persistentvolumeclaims"},
        {"expand-controller", "persistentvolumeclaims", "persistentvolumes"},
        {"generic-garbage-collector", "pods", "replicasets", "jobs", "configmaps", "secrets", "endpointslices"},
        {"horizontal-pod-autoscaler", "horizontalpodautoscalers", "pods"},
        {"job-controller", "jobs", "pods"},
        {"namespace-controller", "namespaces"},
        {"node-controller", "nodes", "pods", "leases"},
        {"persistent-volume-binder", "persistentvolumes", "persistentvolumeclaims", "storageclasses"},
        {"pod-garbage-collector", "pods", "nodes"},
        {"pvc-protection-controller", "persistentvolumeclaims", "pods"},
        {"replicaset-controller", "replicasets", "pods"},
        {"resourcequota-controller", "resourcequotas", "pods", "services", "secrets", "configmaps"},
        {"root-ca-cert-publisher", "configmaps", "namespaces"},
        {"service-account-controller", "serviceaccounts", "namespaces"},
        {"statefulset-controller", "statefulsets", "pods", "controllerrevisions"},
        {"ttl-after-finished-controller", "jobs"},
        {"certificate-controller", "certificatesigningrequests"},
    };

    private static final List<String[]> KUBELET_CSRS = kubeletCsrs();

    private final SplittableRandom random;

    ControlPlaneCalls(SplittableRandom random) {
        this.random = random;
    }

    List<BenignActivity> activities() {
        List<BenignActivity> list = new ArrayList<>();
        list.add(machine("controllers: list/watch", 1_300, this::controllerRead));
        list.add(machine("replicaset-controller: create pod", 120, this::replicaSetCreatesPod));
        list.add(machine("controllers: status updates", 250, this::controllerStatusUpdate));
        list.add(machine("endpointslice-controller: update endpointslices", 200, this::endpointSliceUpdate));
        list.add(machine("garbage collectors: delete pods", 80, this::garbageCollection));
        list.add(machine("daemon-set-controller: create node agent pod", 4, this::daemonSetCreatesPod));
        list.add(machine("root-ca-cert-publisher / service-account-controller", 10, this::namespaceBootstrap));
        list.add(machine("clusterrole-aggregation-controller: update admin/edit", 2, this::aggregateRoles));
        list.add(machine("kubelet: node status patch", 600, this::nodeStatus));
        list.add(machine("kubelet: lease renewal", 600, this::nodeLease));
        list.add(machine("kubelet: pod status patch", 500, this::podStatus));
        list.add(machine("kubelet: get mounted secrets and configmaps", 450, this::kubeletReads));
        list.add(machine("kubelet: service account token", 300, this::kubeletToken));
        list.add(machine("kubelet: events", 200, this::kubeletEvent));
        list.add(machine("kubelet + certificate-controller: client certificate rotation", 1, this::certificateRotation));
        list.add(machine("scheduler: bindings", 150, this::schedulerBinding));
        list.add(machine("scheduler: list/watch", 100, this::schedulerRead));
        list.add(machine("control plane: leader leases", 150, this::leaderLease));
        list.add(machine("kube-proxy and coredns: list/watch", 250, this::serviceDiscoveryRead));
        return list;
    }

    private ObjectNode controllerRead(String auditID, Instant at) {
        String[] entry = CONTROLLER_READS[random.nextInt(CONTROLLER_READS.length)];
        String resource = entry[1 + random.nextInt(entry.length - 1)];
        boolean watch = random.nextInt(10) < 7;
        return AuditCall.of(auditID, "Metadata", watch ? "watch" : "list").on(group(resource), version(resource),
                        resource)
                .query(watch ? BusyCluster.watchQuery(random) : BusyCluster.listQuery(random))
                .by(Caller.controller(entry[0], BusyCluster.controlPlaneIp(random)), at, 200, "", 800 + random.nextInt(400));
    }

    private ObjectNode replicaSetCreatesPod(String auditID, Instant at) {
        String namespace = BusyCluster.appNamespace(random);
        String app = BusyCluster.app(random);
        String pod = BusyCluster.pod(random, app);
        long seed = random.nextLong();
        return AuditCall.of(auditID, "RequestResponse", "create").core("pods").in(namespace).named(pod)
                .request(KubeObjects.pod(new SplittableRandom(seed), namespace, app, pod, null, at, PodFlavour.COMPLIANT,
                        false))
                .response(KubeObjects.pod(new SplittableRandom(seed), namespace, app, pod, null, at, PodFlavour.COMPLIANT,
                        true))
                .by(Caller.controller("replicaset-controller", BusyCluster.controlPlaneIp(random)), at, 201, "", 9_000);
    }

    private ObjectNode controllerStatusUpdate(String auditID, Instant at) {
        String namespace = BusyCluster.appNamespace(random);
        String app = BusyCluster.app(random);
        String[] choice = switch (random.nextInt(5)) {
            case 0 -> new String[] {"deployment-controller", "apps", "deployments", app};
            case 1 -> new String[] {"replicaset-controller", "apps", "replicasets", app + "-" + ClusterShape.hash(random, 9)};
            case 2 -> new String[] {"job-controller", "batch", "jobs", "report-" + (28_000_000 + random.nextInt(1_000))};
            case 3 -> new String[] {"resourcequota-controller", "", "resourcequotas", "compute"};
            default -> new String[] {"horizontal-pod-autoscaler", "autoscaling", "horizontalpodautoscalers", app};
        };
        return AuditCall.of(auditID, "Metadata", "update").on(choice[1], "autoscaling".equals(choice[1]) ? "v2" : "v1",
                        choice[2]).in(namespace).named(choice[3]).sub("status")
                .by(Caller.controller(choice[0], BusyCluster.controlPlaneIp(random)), at, 200, "", 3_000);
    }

    private ObjectNode endpointSliceUpdate(String auditID, Instant at) {
        String app = BusyCluster.app(random);
        return AuditCall.of(auditID, "Metadata", "update").on("discovery.k8s.io", "v1", "endpointslices")
                .in(BusyCluster.appNamespace(random)).named(app + "-" + ClusterShape.hash(random, 5))
                .by(Caller.controller("endpointslice-controller", BusyCluster.controlPlaneIp(random)), at, 200, "", 2_500);
    }

    private ObjectNode garbageCollection(String auditID, Instant at) {
        String namespace = BusyCluster.appNamespace(random);
        String app = BusyCluster.app(random);
        String pod = BusyCluster.pod(random, app);
        String controller = random.nextInt(4) == 0 ? "pod-garbage-collector" : "replicaset-controller";
        ObjectNode options = KubeObjects.object();
        options.put("kind", "DeleteOptions").put("apiVersion", "meta.k8s.io/v1").put("propagationPolicy", "Background");
        return AuditCall.of(auditID, "RequestResponse", "delete").core("pods").in(namespace).named(pod)
                .request(options)
                .response(KubeObjects.pod(random, namespace, app, pod, BusyCluster.node(BusyCluster.anyNode(random)), at,
                        PodFlavour.COMPLIANT, true))
                .by(Caller.controller(controller, BusyCluster.controlPlaneIp(random)), at, 200, "", 7_000);
    }

    /** A new node (the autoscaler scaled up) gets its node agents: privileged by nature. */
    private ObjectNode daemonSetCreatesPod(String auditID, Instant at) {
        NodeAgent agent = BenignObjects.NODE_AGENTS[random.nextInt(BenignObjects.NODE_AGENTS.length)];
        String node = BusyCluster.node(BusyCluster.anyNode(random));
        long seed = random.nextLong();
        ObjectNode created = BenignObjects.nodeAgentPod(new SplittableRandom(seed), agent, node, at, true);
        return AuditCall.of(auditID, "RequestResponse", "create").core("pods").in(agent.namespace())
                .named(created.path("metadata").path("name").asString())
                .request(BenignObjects.nodeAgentPod(new SplittableRandom(seed), agent, node, at, false))
                .response(created)
                .by(Caller.controller("daemon-set-controller", BusyCluster.controlPlaneIp(random)), at, 201, "", 8_000);
    }

    private ObjectNode namespaceBootstrap(String auditID, Instant at) {
        String namespace = BusyCluster.appNamespace(random);
        if (random.nextBoolean()) {
            return AuditCall.of(auditID, "Metadata", "update").core("configmaps").in(namespace).named("kube-root-ca.crt")
                    .by(Caller.controller("root-ca-cert-publisher", BusyCluster.controlPlaneIp(random)), at, 200, "",
                            2_000);
        }
        ObjectNode account = KubeObjects.object();
        account.put("kind", "ServiceAccount").put("apiVersion", "v1");
        account.putObject("metadata").put("name", "default").put("namespace", namespace);
        return AuditCall.of(auditID, "RequestResponse", "create").core("serviceaccounts").in(namespace).named("default")
                .request(account).response(account.deepCopy())
                .by(Caller.controller("service-account-controller", BusyCluster.controlPlaneIp(random)), at, 201, "",
                        2_000);
    }

    private ObjectNode aggregateRoles(String auditID, Instant at) {
        String role = random.nextBoolean() ? "admin" : "edit";
        ObjectNode body = BenignObjects.aggregatedClusterRole(role);
        return AuditCall.of(auditID, "RequestResponse", "update").on("rbac.authorization.k8s.io", "v1", "clusterroles")
                .named(role).request(body).response(body.deepCopy())
                .by(Caller.controller("clusterrole-aggregation-controller", BusyCluster.controlPlaneIp(random)), at, 200,
                        "", 4_000);
    }

    private Caller kubelet(int node) {
        return Caller.kubelet(BusyCluster.node(node), BusyCluster.nodeIp(node));
    }

    private ObjectNode nodeStatus(String auditID, Instant at) {
        int node = BusyCluster.anyNode(random);
        return AuditCall.of(auditID, "Request", "patch").core("nodes").named(BusyCluster.node(node)).sub("status")
                .request(BenignObjects.nodeStatusPatch(at))
                .by(kubelet(node), at, 200, "", 4_000);
    }

    private ObjectNode nodeLease(String auditID, Instant at) {
        int node = BusyCluster.anyNode(random);
        String name = BusyCluster.node(node);
        return AuditCall.of(auditID, "Request", "update").on("coordination.k8s.io", "v1", "leases")
                .in("kube-node-lease").named(name).request(KubeObjects.lease("kube-node-lease", name, at))
                .by(kubelet(node), at, 200, "", 2_000);
    }

    private ObjectNode podStatus(String auditID, Instant at) {
        int node = BusyCluster.anyNode(random);
        String pod = BusyCluster.pod(random, BusyCluster.app(random));
        return AuditCall.of(auditID, "Request", "patch").core("pods").in(BusyCluster.appNamespace(random)).named(pod)
                .sub("status").request(KubeObjects.podStatus(random, at, 1 + random.nextInt(3)))
                .by(kubelet(node), at, 200, "", 5_000);
    }

    private ObjectNode kubeletReads(String auditID, Instant at) {
        int node = BusyCluster.anyNode(random);
        String app = BusyCluster.app(random);
        boolean secret = random.nextInt(3) == 0;
        String name = secret ? app + "-tls" : app + "-config";
        boolean watch = random.nextBoolean();
        AuditCall call = AuditCall.of(auditID, "Metadata", watch ? "watch" : "get")
                .core(secret ? "secrets" : "configmaps").in(BusyCluster.appNamespace(random));
        if (watch) {
            call.query("allowWatchBookmarks=true&fieldSelector=metadata.name%3D" + name + "&resourceVersion="
                    + BusyCluster.resourceVersion(random) + "&timeout=" + (5 + random.nextInt(5)) + "m0s&timeoutSeconds="
                    + (300 + random.nextInt(300)) + "&watch=true");
        } else {
            call.named(name);
        }
        return call.by(kubelet(node), at, 200, "", 1_000);
    }

    private ObjectNode kubeletToken(String auditID, Instant at) {
        int node = BusyCluster.anyNode(random);
        String namespace = BusyCluster.appNamespace(random);
        String app = BusyCluster.app(random);
        ObjectNode request = KubeObjects.object();
        request.put("kind", "TokenRequest").put("apiVersion", "authentication.k8s.io/v1");
        ObjectNode spec = request.putObject("spec");
        spec.putArray("audiences").add("https://kubernetes.default.svc.cluster.local");
        spec.put("expirationSeconds", 3607);
        spec.putObject("boundObjectRef").put("kind", "Pod").put("apiVersion", "v1")
                .put("name", BusyCluster.pod(random, app));
        return AuditCall.of(auditID, "Metadata", "create").core("serviceaccounts").in(namespace).named(app).sub("token")
                .by(kubelet(node), at, 201, "", 3_000);
    }

    private ObjectNode kubeletEvent(String auditID, Instant at) {
        int node = BusyCluster.anyNode(random);
        String namespace = BusyCluster.appNamespace(random);
        String pod = BusyCluster.pod(random, BusyCluster.app(random));
        String reason = random.nextInt(3) == 0 ? "Unhealthy" : random.nextBoolean() ? "Pulled" : "Started";
        return AuditCall.of(auditID, "Request", "create").core("events").in(namespace)
                .request(KubeObjects.event(random, namespace, pod, reason, at))
                .by(kubelet(node), at, 201, "", 1_500);
    }

    /** A kubelet rotates its client certificate; the certificate-controller approves it. */
    private ObjectNode certificateRotation(String auditID, Instant at) {
        String[] csr = KUBELET_CSRS.get(random.nextInt(KUBELET_CSRS.size()));
        String name = "csr-" + ClusterShape.hash(random, 5);
        if (random.nextBoolean()) {
            int node = nodeIndex(csr[0]);
            return AuditCall.of(auditID, "RequestResponse", "create")
                    .on("certificates.k8s.io", "v1", "certificatesigningrequests")
                    .request(BenignObjects.kubeletCsr(name, csr[0], csr[1], false))
                    .response(BenignObjects.kubeletCsr(name, csr[0], csr[1], false))
                    .by(kubelet(node), at, 201, "", 3_000);
        }
        ObjectNode approved = BenignObjects.kubeletCsr(name, csr[0], csr[1], true);
        return AuditCall.of(auditID, "RequestResponse", "update")
                .on("certificates.k8s.io", "v1", "certificatesigningrequests").named(name).sub("approval")
                .request(approved).response(approved.deepCopy())
                .by(Caller.controller("certificate-controller", BusyCluster.controlPlaneIp(random)), at, 200, "", 3_000);
    }

    private ObjectNode schedulerBinding(String auditID, Instant at) {
        String namespace = BusyCluster.appNamespace(random);
        String pod = BusyCluster.pod(random, BusyCluster.app(random));
        return AuditCall.of(auditID, "Request", "create").core("pods").in(namespace).named(pod).sub("binding")
                .request(BenignObjects.binding(namespace, pod, BusyCluster.node(BusyCluster.anyNode(random))))
                .by(scheduler(), at, 201, "", 3_000);
    }

    private ObjectNode schedulerRead(String auditID, Instant at) {
        String resource = ClusterShape.pick(random, List.of("pods", "nodes", "persistentvolumeclaims",
                "persistentvolumes", "csinodes", "storageclasses", "poddisruptionbudgets", "services", "namespaces"));
        return AuditCall.of(auditID, "Metadata", "watch").on(group(resource), version(resource), resource)
                .query(("pods".equals(resource) ? "fieldSelector=status.phase%21%3DSucceeded%2Cstatus.phase%21%3DFailed&"
                        : "") + BusyCluster.watchQuery(random))
                .by(scheduler(), at, 200, "", 900);
    }

    private Caller scheduler() {
        return new Caller("system:kube-scheduler", List.of("system:authenticated"), Caller.component("kube-scheduler")
                + "/scheduler", BusyCluster.controlPlaneIp(random));
    }

    private ObjectNode leaderLease(String auditID, Instant at) {
        int pick = random.nextInt(3);
        String name = switch (pick) {
            case 0 -> "kube-controller-manager";
            case 1 -> "kube-scheduler";
            default -> "apiserver-" + ClusterShape.hash(random, 26);
        };
        Caller caller = switch (pick) {
            case 0 -> new Caller("system:kube-controller-manager", List.of("system:authenticated"),
                    Caller.component("kube-controller-manager") + "/leader-election", BusyCluster.controlPlaneIp(random));
            case 1 -> new Caller("system:kube-scheduler", List.of("system:authenticated"),
                    Caller.component("kube-scheduler") + "/leader-election", BusyCluster.controlPlaneIp(random));
            default -> new Caller("system:apiserver", List.of("system:authenticated", "system:masters"),
                    Caller.component("kube-apiserver"), "::1");
        };
        return AuditCall.of(auditID, "Request", "update").on("coordination.k8s.io", "v1", "leases").in("kube-system")
                .named(name).request(KubeObjects.lease("kube-system", name, at)).by(caller, at, 200, "", 2_000);
    }

    private ObjectNode serviceDiscoveryRead(String auditID, Instant at) {
        boolean proxy = random.nextBoolean();
        String resource = ClusterShape.pick(random, proxy ? List.of("services", "endpointslices", "nodes")
                : List.of("services", "endpointslices", "namespaces"));
        Caller caller = proxy
                ? Caller.serviceAccount("kube-system", "kube-proxy", Caller.component("kube-proxy"),
                        BusyCluster.nodeIp(BusyCluster.anyNode(random)))
                : Caller.serviceAccount("kube-system", "coredns", "coredns/v1.11.3 (linux/amd64) kubernetes/" + "a6338e9",
                        BusyCluster.addOnIp("coredns-" + random.nextInt(2)));
        return AuditCall.of(auditID, "Metadata", "watch").on(group(resource), version(resource), resource)
                .query(BusyCluster.watchQuery(random)).by(caller, at, 200, "", 700);
    }

    static String group(String resource) {
        return switch (resource) {
            case "deployments", "replicasets", "statefulsets", "daemonsets", "controllerrevisions" -> "apps";
            case "jobs", "cronjobs" -> "batch";
            case "leases" -> "coordination.k8s.io";
            case "endpointslices" -> "discovery.k8s.io";
            case "ingresses", "ingressclasses", "networkpolicies" -> "networking.k8s.io";
            case "poddisruptionbudgets" -> "policy";
            case "horizontalpodautoscalers" -> "autoscaling";
            case "clusterroles", "clusterrolebindings", "roles", "rolebindings" -> "rbac.authorization.k8s.io";
            case "csinodes", "csidrivers", "storageclasses", "volumeattachments" -> "storage.k8s.io";
            case "certificatesigningrequests" -> "certificates.k8s.io";
            default -> "";
        };
    }

    static String version(String resource) {
        return "horizontalpodautoscalers".equals(resource) ? "v2" : "v1";
    }

    private static int nodeIndex(String node) {
        for (int i = 0; i < BusyCluster.NODES; i++) {
            if (BusyCluster.node(i).equals(node)) {
                return i;
            }
        }
        throw new IllegalStateException("no node " + node + " in the cluster");
    }

    private static List<String[]> kubeletCsrs() {
        List<String[]> csrs = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(Objects.requireNonNull(
                ControlPlaneCalls.class.getResourceAsStream("/benign/kubelet-csrs.txt")),
                StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    csrs.add(line.trim().split(" ", 2));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return csrs;
    }
}

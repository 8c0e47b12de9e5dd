package dev.vigil.bench.workload;

import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static dev.vigil.bench.workload.BenignActivity.machine;

/**
 * The add-ons' share of the benign day: CNI agents (Calico, Cilium), the EBS CSI driver, kube-prometheus
 * (Prometheus, kube-state-metrics), metrics-server, cluster-autoscaler, cert-manager and ingress-nginx, each with
 * its own service account, user agent and the requests it makes in a steady state.
 */
final class AddOnCalls {

    private final SplittableRandom random;

    AddOnCalls(SplittableRandom random) {
        this.random = random;
    }

    List<BenignActivity> activities() {
        List<BenignActivity> list = new ArrayList<>();
        list.add(machine("calico-node / typha / kube-controllers: list/watch", 200, this::calicoRead));
        list.add(machine("calico: IPAM blocks and handles", 120, this::calicoIpam));
        list.add(machine("cilium-agent / operator: endpoints, identities, nodes", 200, this::cilium));
        list.add(machine("ebs-csi-controller: provision, attach, leases", 60, this::csi));
        list.add(machine("prometheus: service discovery and kubelet metrics", 200, this::prometheus));
        list.add(machine("kube-state-metrics: list/watch everything", 120, this::kubeStateMetrics));
        list.add(machine("metrics-server: nodes and pods", 30, this::metricsServer));
        list.add(machine("cluster-autoscaler: watch, status configmap, leases", 120, this::clusterAutoscaler));
        list.add(machine("cert-manager: certificates, secrets, cainjector", 80, this::certManager));
        list.add(machine("ingress-nginx: watch, ingress status, leader lease", 120, this::ingressNginx));
        list.add(machine("anonymous health probes", 150, this::healthProbe));
        return list;
    }

    private ObjectNode calicoRead(String auditID, Instant at) {
        int node = BusyCluster.anyNode(random);
        Caller caller = switch (random.nextInt(3)) {
            case 0 -> Caller.serviceAccount("calico-system", "calico-node", "Go-http-client/2.0",
                    BusyCluster.nodeIp(node));
            case 1 -> Caller.serviceAccount("calico-system", "calico-typha", "Go-http-client/2.0",
                    BusyCluster.nodeIp(node % 3));
            default -> Caller.serviceAccount("calico-system", "calico-kube-controllers",
                    "kube-controllers/v3.28.2 (linux/amd64) kubernetes/$Format", BusyCluster.addOnIp("calico-kube-controllers"));
        };
        String[] resource = ClusterShape.pick(random, List.of(new String[] {"", "nodes"}, new String[] {"", "pods"},
                new String[] {"", "namespaces"}, new String[] {"", "serviceaccounts"},
                new String[] {"networking.k8s.io", "networkpolicies"}, new String[] {"crd.projectcalico.org", "ippools"},
                new String[] {"crd.projectcalico.org", "felixconfigurations"},
                new String[] {"crd.projectcalico.org", "globalnetworkpolicies"},
                new String[] {"crd.projectcalico.org", "networkpolicies"}));
        return AuditCall.of(auditID, "Metadata", "watch").on(resource[0], "v1", resource[1])
                .query(BusyCluster.watchQuery(random)).by(caller, at, 200, "", 700);
    }

    /** The Calico CNI plugin assigns pod IPs: IPAM handles and blocks (not policy: never a cni-change). */
    private ObjectNode calicoIpam(String auditID, Instant at) {
        int node = BusyCluster.anyNode(random);
        Caller plugin = Caller.serviceAccount("calico-system", "calico-cni-plugin", "Go-http-client/2.0",
                BusyCluster.nodeIp(node));
        int pick = random.nextInt(3);
        String resource = pick == 0 ? "ipamblocks" : "ipamhandles";
        String verb = pick == 0 ? "update" : pick == 1 ? "create" : "delete";
        String name = pick == 0 ? "10-244-" + node + "-0-24" : "k8s-pod-network." + ClusterShape.hash(random, 40);
        return AuditCall.of(auditID, "Metadata", verb).on("crd.projectcalico.org", "v1", resource).named(name)
                .by(plugin, at, pick == 1 ? 201 : 200, "", 2_500);
    }

    private ObjectNode cilium(String auditID, Instant at) {
        int node = BusyCluster.anyNode(random);
        Caller agent = Caller.serviceAccount("kube-system", "cilium", "cilium-agent/1.16.3 (linux/amd64)",
                BusyCluster.nodeIp(node));
        Caller operator = Caller.serviceAccount("kube-system", "cilium-operator",
                "cilium-operator-generic/1.16.3 (linux/amd64)", BusyCluster.addOnIp("cilium-operator"));
        String pod = BusyCluster.pod(random, BusyCluster.app(random));
        return switch (random.nextInt(6)) {
            case 0, 1 -> AuditCall.of(auditID, "Metadata", random.nextBoolean() ? "create" : "patch")
                    .on("cilium.io", "v2", "ciliumendpoints").in(BusyCluster.appNamespace(random)).named(pod)
                    .by(agent, at, 201, "", 3_000);
            case 2 -> AuditCall.of(auditID, "Metadata", "update").on("cilium.io", "v2", "ciliumnodes")
                    .named(BusyCluster.node(node)).by(agent, at, 200, "", 2_500);
            case 3 -> AuditCall.of(auditID, "Metadata", "watch").on("cilium.io", "v2",
                            ClusterShape.pick(random, List.of("ciliumnetworkpolicies", "ciliumidentities",
                                    "ciliumclusterwidenetworkpolicies", "ciliumendpoints")))
                    .query(BusyCluster.watchQuery(random)).by(agent, at, 200, "", 800);
            case 4 -> AuditCall.of(auditID, "Metadata", "create").on("cilium.io", "v2", "ciliumidentities")
                    .named(Integer.toString(10_000 + random.nextInt(50_000))).by(agent, at, 201, "", 2_500);
            default -> AuditCall.of(auditID, "Metadata", "delete").on("cilium.io", "v2", "ciliumidentities")
                    .named(Integer.toString(10_000 + random.nextInt(50_000))).by(operator, at, 200, "", 2_500);
        };
    }

    private ObjectNode csi(String auditID, Instant at) {
        Caller controller = Caller.serviceAccount("kube-system", "ebs-csi-controller-sa",
                "csi-provisioner/v5.1.0 (linux/amd64) kubernetes/$Format", BusyCluster.addOnIp("ebs-csi-controller"));
        String pvc = "data-" + BusyCluster.app(random) + "-" + random.nextInt(3);
        return switch (random.nextInt(5)) {
            case 0 -> {
                ObjectNode volume = KubeObjects.object();
                volume.put("kind", "PersistentVolume").put("apiVersion", "v1");
                String name = "pvc-" + ClusterShape.uuid(random);
                volume.putObject("metadata").put("name", name).putObject("annotations")
                        .put("pv.kubernetes.io/provisioned-by", "ebs.csi.aws.com");
                ObjectNode spec = volume.putObject("spec");
                spec.putObject("capacity").put("storage", "20Gi");
                spec.putObject("csi").put("driver", "ebs.csi.aws.com").put("volumeHandle", "vol-0" + ClusterShape.hash(random, 16));
                spec.putObject("claimRef").put("namespace", BusyCluster.appNamespace(random)).put("name", pvc);
                yield AuditCall.of(auditID, "RequestResponse", "create").core("persistentvolumes").named(name)
                        .request(volume).response(volume.deepCopy()).by(controller, at, 201, "", 6_000);
            }
            case 1 -> AuditCall.of(auditID, "Metadata", "patch").on("storage.k8s.io", "v1", "volumeattachments")
                    .named("csi-" + ClusterShape.hash(random, 64)).sub("status")
                    .by(Caller.serviceAccount("kube-system", "ebs-csi-controller-sa",
                            "csi-attacher/v4.7.0 (linux/amd64) kubernetes/$Format", BusyCluster.addOnIp("ebs-csi-controller")),
                            at, 200, "", 3_000);
            case 2 -> AuditCall.of(auditID, "Request", "update").on("coordination.k8s.io", "v1", "leases")
                    .in("kube-system").named("ebs-csi-aws-com")
                    .request(KubeObjects.lease("kube-system", "ebs-csi-aws-com", at)).by(controller, at, 200, "", 2_000);
            default -> AuditCall.of(auditID, "Metadata", "watch").on(
                            random.nextBoolean() ? "" : "storage.k8s.io", "v1",
                            random.nextBoolean() ? "persistentvolumeclaims" : "persistentvolumes")
                    .query(BusyCluster.watchQuery(random)).by(controller, at, 200, "", 800);
        };
    }

    private ObjectNode prometheus(String auditID, Instant at) {
        Caller prometheus = Caller.serviceAccount("monitoring", "prometheus-k8s", "Prometheus/2.54.1",
                BusyCluster.addOnIp("prometheus-k8s-" + random.nextInt(2)));
        if (random.nextInt(4) == 0) {
            int node = BusyCluster.anyNode(random);
            String target = random.nextBoolean() ? "metrics" : "metrics/cadvisor";
            return AuditCall.of(auditID, "RequestResponse", "get").core("nodes").named(BusyCluster.node(node))
                    .sub("proxy").path("/api/v1/nodes/" + BusyCluster.node(node) + "/proxy/" + target)
                    .by(prometheus, at, 200, "", 40_000);
        }
        String resource = ClusterShape.pick(random, List.of("pods", "endpoints", "services", "endpointslices",
                "nodes"));
        AuditCall call = AuditCall.of(auditID, "Metadata", "watch").on(ControlPlaneCalls.group(resource), "v1", resource);
        if (!"nodes".equals(resource) && random.nextBoolean()) {
            call.in(ClusterShape.pick(random, List.of("monitoring", "kube-system", "ingress-nginx", "shop", "payments")));
        }
        return call.query(BusyCluster.watchQuery(random)).by(prometheus, at, 200, "", 800);
    }

    /** kube-state-metrics' default resources include Secrets (kube_secret_info): it lists them cluster-wide. */
    private ObjectNode kubeStateMetrics(String auditID, Instant at) {
        Caller ksm = Caller.serviceAccount("monitoring", "kube-state-metrics",
                "kube-state-metrics/v2.13.0 (linux/amd64) kubernetes/$Format", BusyCluster.addOnIp("kube-state-metrics"));
        String resource = ClusterShape.pick(random, List.of("pods", "nodes", "deployments", "replicasets",
                "statefulsets", "daemonsets", "jobs", "cronjobs", "services", "endpoints", "configmaps", "secrets",
                "namespaces", "persistentvolumeclaims", "persistentvolumes", "resourcequotas", "limitranges",
                "horizontalpodautoscalers", "poddisruptionbudgets", "ingresses", "leases", "certificatesigningrequests",
                "storageclasses", "networkpolicies"));
        boolean watch = random.nextInt(10) < 8;
        return AuditCall.of(auditID, "Metadata", watch ? "watch" : "list").on(ControlPlaneCalls.group(resource),
                        ControlPlaneCalls.version(resource), resource)
                .query(watch ? BusyCluster.watchQuery(random) : BusyCluster.listQuery(random))
                .by(ksm, at, 200, "", 900);
    }

    private ObjectNode metricsServer(String auditID, Instant at) {
        Caller server = Caller.serviceAccount("kube-system", "metrics-server",
                "metrics-server/v0.7.2 (linux/amd64) kubernetes/$Format", BusyCluster.addOnIp("metrics-server"));
        String resource = random.nextBoolean() ? "nodes" : "pods";
        return AuditCall.of(auditID, "Metadata", "watch").core(resource).query(BusyCluster.watchQuery(random))
                .by(server, at, 200, "", 800);
    }

    private ObjectNode clusterAutoscaler(String auditID, Instant at) {
        Caller autoscaler = Caller.serviceAccount("kube-system", "cluster-autoscaler",
                "cluster-autoscaler/v1.31.0", BusyCluster.addOnIp("cluster-autoscaler"));
        return switch (random.nextInt(4)) {
            case 0 -> AuditCall.of(auditID, "Metadata", "update").core("configmaps").in("kube-system")
                    .named("cluster-autoscaler-status").by(autoscaler, at, 200, "", 3_000);
            case 1 -> AuditCall.of(auditID, "Request", "update").on("coordination.k8s.io", "v1", "leases")
                    .in("kube-system").named("cluster-autoscaler")
                    .request(KubeObjects.lease("kube-system", "cluster-autoscaler", at)).by(autoscaler, at, 200, "", 2_000);
            default -> {
                String resource = ClusterShape.pick(random, List.of("pods", "nodes", "poddisruptionbudgets",
                        "statefulsets", "replicasets", "jobs", "daemonsets", "csinodes", "csidrivers", "storageclasses",
                        "persistentvolumeclaims", "namespaces", "services"));
                yield AuditCall.of(auditID, "Metadata", "watch").on(ControlPlaneCalls.group(resource), "v1", resource)
                        .query(BusyCluster.watchQuery(random)).by(autoscaler, at, 200, "", 800);
            }
        };
    }

    private ObjectNode certManager(String auditID, Instant at) {
        String namespace = BusyCluster.appNamespace(random);
        String app = BusyCluster.app(random);
        String ip = BusyCluster.addOnIp("cert-manager");
        return switch (random.nextInt(6)) {
            case 0 -> AuditCall.of(auditID, "Metadata", "update").core("secrets").in(namespace).named(app + "-tls")
                    .by(Caller.serviceAccount("cert-manager", "cert-manager",
                            "cert-manager-certificates-issuing/v1.16.1 (linux/amd64) cert-manager/a0d6e5e8", ip), at, 200,
                            "", 4_000);
            case 1 -> AuditCall.of(auditID, "Metadata", "update").on("cert-manager.io", "v1", "certificates")
                    .in(namespace).named(app + "-tls").sub("status")
                    .by(Caller.serviceAccount("cert-manager", "cert-manager",
                            "cert-manager-certificates-readiness/v1.16.1 (linux/amd64) cert-manager/a0d6e5e8", ip), at,
                            200, "", 3_000);
            case 2 -> AuditCall.of(auditID, "Metadata", "watch").core("secrets")
                    .query("labelSelector=controller.cert-manager.io%2Ffao%3Dtrue&" + BusyCluster.watchQuery(random))
                    .by(Caller.serviceAccount("cert-manager", "cert-manager",
                            "cert-manager-certificates-trigger/v1.16.1 (linux/amd64) cert-manager/a0d6e5e8", ip), at, 200,
                            "", 800);
            case 3 -> {
                // The cainjector keeps the caBundle of cert-manager's own webhook configurations current.
                boolean validating = random.nextBoolean();
                ObjectNode patch = KubeObjects.object();
                patch.putArray("webhooks").addObject().put("name", "webhook.cert-manager.io").putObject("clientConfig")
                        .put("caBundle", "LS0tLS1CRUdJTi" + ClusterShape.hash(random, 40));
                yield AuditCall.of(auditID, "RequestResponse", "patch")
                        .on("admissionregistration.k8s.io", "v1", validating ? "validatingwebhookconfigurations"
                                : "mutatingwebhookconfigurations").named("cert-manager-webhook")
                        .query("fieldManager=cert-manager-cainjector&force=true").request(patch)
                        .by(Caller.serviceAccount("cert-manager", "cert-manager-cainjector",
                                "cainjector/v1.16.1 (linux/amd64) cert-manager/a0d6e5e8",
                                BusyCluster.addOnIp("cert-manager-cainjector")), at, 200, "", 5_000);
            }
            default -> AuditCall.of(auditID, "Metadata", "watch").on("cert-manager.io", "v1",
                            ClusterShape.pick(random, List.of("certificates", "certificaterequests", "issuers",
                                    "clusterissuers")))
                    .query(BusyCluster.watchQuery(random))
                    .by(Caller.serviceAccount("cert-manager", "cert-manager",
                            "cert-manager-certificates-trigger/v1.16.1 (linux/amd64) cert-manager/a0d6e5e8", ip), at, 200,
                            "", 800);
        };
    }

    private ObjectNode ingressNginx(String auditID, Instant at) {
        Caller controller = Caller.serviceAccount("ingress-nginx", "ingress-nginx",
                "nginx-ingress-controller/v1.11.3 (linux/amd64) ingress-nginx/1ddc8a7b9c3d",
                BusyCluster.addOnIp("ingress-nginx-controller-" + random.nextInt(3)));
        return switch (random.nextInt(5)) {
            case 0 -> AuditCall.of(auditID, "Metadata", "update").on("networking.k8s.io", "v1", "ingresses")
                    .in(BusyCluster.appNamespace(random)).named(BusyCluster.app(random)).sub("status")
                    .by(controller, at, 200, "", 3_000);
            case 1 -> AuditCall.of(auditID, "Request", "update").on("coordination.k8s.io", "v1", "leases")
                    .in("ingress-nginx").named("ingress-nginx-leader")
                    .request(KubeObjects.lease("ingress-nginx", "ingress-nginx-leader", at)).by(controller, at, 200, "", 2_000);
            default -> {
                String resource = ClusterShape.pick(random, List.of("ingresses", "ingressclasses", "services",
                        "endpointslices", "secrets", "configmaps"));
                yield AuditCall.of(auditID, "Metadata", "watch").on(ControlPlaneCalls.group(resource), "v1", resource)
                        .query(BusyCluster.watchQuery(random)).by(controller, at, 200, "", 800);
            }
        };
    }

    private ObjectNode healthProbe(String auditID, Instant at) {
        String path = ClusterShape.pick(random, List.of("/healthz", "/livez", "/readyz", "/readyz", "/version"));
        Caller probe = new Caller("system:anonymous", List.of("system:unauthenticated"), "ELB-HealthChecker/2.0",
                ClusterShape.pick(random, BusyCluster.LOAD_BALANCER_IPS));
        return AuditCall.of(auditID, "Metadata", "get").path(path).by(probe, at, 200, "", 300);
    }
}

package dev.vigil.bench.workload;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The cluster of the benign day: 40 EC2-named nodes behind three control-plane nodes, application namespaces run
 * by teams, the add-ons a production cluster runs (Calico and Cilium agents, the EBS CSI driver, kube-prometheus,
 * cluster-autoscaler, cert-manager, ingress-nginx, Argo CD and Flux) and the people and CI that use it.
 */
final class BusyCluster {

    static final int NODES = 40;
    static final List<String> CONTROL_PLANE_IPS = List.of("10.0.0.11", "10.0.0.12", "10.0.0.13");
    /** The cloud load balancer's health checkers in front of the API server. */
    static final List<String> LOAD_BALANCER_IPS = List.of("10.0.0.201", "10.0.0.202", "10.0.0.203");
    static final List<String> APP_NAMESPACES = List.of("shop", "payments", "search", "identity", "web", "api",
            "data", "batch");
    static final List<String> APPS = ClusterShape.APPS;
    /** Apps whose Deployments have no liveness probe (pod-missing-probes, low): every real cluster has some. */
    static final List<String> APPS_WITHOUT_LIVENESS = List.of("worker", "exporter");
    static final List<String> ADMINS = List.of("alice@example.com", "bob@example.com", "carol@example.com");
    static final List<String> DEVELOPERS = List.of("dave@example.com", "erin@example.com", "frank@example.com",
            "grace@example.com");
    /** The cluster's address ranges, as a site sets them in vigil.rules.lists.cluster-cidrs. */
    static final List<String> CIDRS = List.of("10.0.0.0/16", "10.244.0.0/16", "10.96.0.0/12");

    private BusyCluster() {
    }

    static String node(int index) {
        return "ip-10-0-" + (1 + index / 20) + "-" + (11 + (index % 20) * 5) + ".ec2.internal";
    }

    static String nodeIp(int index) {
        return "10.0." + (1 + index / 20) + "." + (11 + (index % 20) * 5);
    }

    static int anyNode(SplittableRandom random) {
        return random.nextInt(NODES);
    }

    static String controlPlaneIp(SplittableRandom random) {
        return CONTROL_PLANE_IPS.get(random.nextInt(CONTROL_PLANE_IPS.size()));
    }

    /** A pod IP on node {@code index}'s /24 of the pod CIDR. */
    static String podIp(SplittableRandom random, int index) {
        return "10.244." + index + "." + (2 + random.nextInt(250));
    }

    /** The pod IP of a long-running add-on: stable for the day, derived from its name. */
    static String addOnIp(String name) {
        int hash = Math.floorMod(name.hashCode(), 40 * 250);
        return "10.244." + hash / 250 + "." + (2 + hash % 250);
    }

    static String appNamespace(SplittableRandom random) {
        return ClusterShape.pick(random, APP_NAMESPACES);
    }

    static String app(SplittableRandom random) {
        return ClusterShape.pick(random, APPS);
    }

    static String pod(SplittableRandom random, String app) {
        return app + "-" + ClusterShape.hash(random, 9) + "-" + ClusterShape.hash(random, 5);
    }

    static String resourceVersion(SplittableRandom random) {
        return Long.toString(40_000_000L + random.nextInt(90_000_000));
    }

    static String watchQuery(SplittableRandom random) {
        return "allowWatchBookmarks=true&resourceVersion=" + resourceVersion(random) + "&timeout=" + (5 + random.nextInt(5))
                + "m" + random.nextInt(60) + "s&timeoutSeconds=" + (300 + random.nextInt(300)) + "&watch=true";
    }

    static String listQuery(SplittableRandom random) {
        return random.nextBoolean() ? "limit=500&resourceVersion=0" : "resourceVersion=" + resourceVersion(random);
    }
}

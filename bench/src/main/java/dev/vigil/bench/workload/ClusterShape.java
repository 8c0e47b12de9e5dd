package dev.vigil.bench.workload;

import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The simulated cluster the workload talks about: nodes, namespaces, applications, controllers and people. Fixed
 * names, so that a generated workload looks like one cluster over time (the same pods are created, patched and
 * deleted) rather than noise.
 */
final class ClusterShape {

    static final List<String> NAMESPACES = List.of("shop", "payments", "search", "identity", "monitoring",
            "logging", "ingress-nginx", "cert-manager", "batch", "data", "ml", "web", "api", "mobile-backend");

    static final List<String> APPS = List.of("api", "web", "worker", "cart", "checkout", "catalog", "search",
            "indexer", "auth", "session", "gateway", "notifier", "scheduler", "reporting", "exporter", "collector");

    static final List<String> CONTROLLERS = List.of("replicaset-controller", "deployment-controller",
            "endpointslice-controller", "daemon-set-controller", "statefulset-controller", "job-controller",
            "namespace-controller", "generic-garbage-collector", "horizontal-pod-autoscaler", "node-controller",
            "resourcequota-controller", "service-account-controller", "pvc-protection-controller", "cronjob-controller");

    static final List<String> READ_RESOURCES = List.of("pods", "endpoints", "endpointslices", "services",
            "configmaps", "deployments", "replicasets", "nodes", "namespaces", "leases", "serviceaccounts",
            "persistentvolumeclaims", "statefulsets", "daemonsets", "jobs", "events", "ingresses");

    static final List<String> PEOPLE = List.of("alice@example.com", "bob@example.com", "carol@example.com",
            "dave@example.com", "erin@example.com", "ci-deployer");

    /** Members of the bundled {@code network_admins} list are configured by sites; this name stands for one. */
    static final String NETWORK_ADMIN = "netops@example.com";

    static final List<String> IMAGES = List.of("registry.example.com/shop/api:2.14.1",
            "registry.example.com/shop/web:5.2.0", "registry.example.com/platform/worker:1.9.3",
            "docker.io/library/nginx:1.27.2", "docker.io/library/redis:7.4.1", "quay.io/prometheus/node-exporter:v1.8.2",
            "registry.k8s.io/ingress-nginx/controller:v1.11.3", "ghcr.io/example/indexer:0.31.0");

    static final int NODES = 40;

    private ClusterShape() {
    }

    static <T> T pick(SplittableRandom random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    static String node(SplittableRandom random) {
        return "node-" + random.nextInt(NODES);
    }

    static String nodeIp(String node) {
        return "10.0." + (Integer.parseInt(node.substring(node.indexOf('-') + 1)) / 250) + "."
                + (Integer.parseInt(node.substring(node.indexOf('-') + 1)) % 250 + 4);
    }

    static String hash(SplittableRandom random, int length) {
        String alphabet = "bcdfghjklmnpqrstvwxz2456789";
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    /** A random (version 4 shaped) UUID drawn from the workload's own generator, so it is reproducible. */
    static String uuid(SplittableRandom random) {
        long most = (random.nextLong() & ~0xF000L) | 0x4000L;
        long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(most, least).toString();
    }
}

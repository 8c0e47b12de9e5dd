package dev.vigil.bench.workload;

import dev.vigil.bench.workload.KubeObjects.PodFlavour;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * An endless, reproducible stream of realistic {@code audit.k8s.io/v1} events of one busy cluster (mix and sizes:
 * {@link EventKind}). The same seed and start always give the same events, auditIDs and timestamps, which is what
 * lets a disturbed run be compared with an undisturbed one, alert id for alert id. Event {@code i} happens at
 * {@code start + i / eventsPerSecond}. Not thread-safe: one generator per producing thread.
 */
public final class WorkloadGenerator implements Iterator<GeneratedEvent> {

    /** The seed {@code bench/run} and the fault tests use unless told otherwise. */
    public static final long DEFAULT_SEED = 0x5EED_0A0DL;

    private static final String[] HIT_RULES = {"anonymous-admin-action", "default-service-account-token",
            "privileged-pod", "pod-security-restricted", "pod-default-service-account", "cni-change"};

    private final SplittableRandom random;
    private final Instant start;
    private final long nanosPerEvent;
    private final int[] cumulative = new int[EventKind.values().length];
    private long index;

    /** Events 1 ms apart, starting now-ish but reproducibly: at the start of the current UTC hour. */
    public WorkloadGenerator(long seed) {
        this(seed, Instant.now().truncatedTo(ChronoUnit.HOURS), 1_000);
    }

    public WorkloadGenerator(long seed, Instant start, int eventsPerSecond) {
        if (eventsPerSecond <= 0) {
            throw new IllegalArgumentException("eventsPerSecond must be positive: " + eventsPerSecond);
        }
        this.random = new SplittableRandom(seed);
        this.start = start;
        this.nanosPerEvent = 1_000_000_000L / eventsPerSecond;
        int sum = 0;
        for (EventKind kind : EventKind.values()) {
            sum += kind.perTenThousand();
            cumulative[kind.ordinal()] = sum;
        }
    }

    @Override
    public boolean hasNext() {
        return true;
    }

    @Override
    public GeneratedEvent next() {
        Instant at = start.plusNanos(nanosPerEvent * index++);
        return generate(kind(random.nextInt(cumulative[cumulative.length - 1])), at);
    }

    /** The next {@code count} events. */
    public List<GeneratedEvent> next(int count) {
        List<GeneratedEvent> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            events.add(next());
        }
        return events;
    }

    /** How many events this generator has produced. */
    public long generated() {
        return index;
    }

    /**
     * An anonymous user creating a configmap named {@code name} in {@code kube-system}, allowed: a certain
     * {@code anonymous-admin-action} alert of its own (its dedup key holds the target), used as a latency marker.
     */
    public GeneratedEvent marker(String name, Instant at) {
        String auditID = ClusterShape.uuid(random);
        ObjectNode event = AuditEnvelope.base(auditID, "RequestResponse", "create", at,
                "/api/v1/namespaces/kube-system/configmaps", "configmaps", "kube-system", name, 201);
        AuditEnvelope.anonymous(event, "203.0.113." + (1 + random.nextInt(250)), "curl/8.5.0");
        event.set("requestObject", KubeObjects.configMap(random, "kube-system", name));
        event.set("responseObject", KubeObjects.configMap(random, "kube-system", name));
        return new GeneratedEvent(auditID, EventKind.RULE_HIT, "anonymous-admin-action", event);
    }

    private EventKind kind(int draw) {
        for (EventKind kind : EventKind.values()) {
            if (draw < cumulative[kind.ordinal()]) {
                return kind;
            }
        }
        throw new IllegalStateException("draw out of range: " + draw);
    }

    private GeneratedEvent generate(EventKind kind, Instant at) {
        String auditID = ClusterShape.uuid(random);
        return switch (kind) {
            case CONTROLLER_READ -> plain(auditID, kind, controllerRead(auditID, at));
            case KUBELET_READ -> plain(auditID, kind, kubeletRead(auditID, at));
            case LEASE_UPDATE -> plain(auditID, kind, leaseUpdate(auditID, at));
            case POD_STATUS_PATCH -> plain(auditID, kind, podStatusPatch(auditID, at));
            case EVENT_CREATE -> plain(auditID, kind, eventCreate(auditID, at));
            case HEALTH_PROBE -> plain(auditID, kind, healthProbe(auditID, at));
            case POD_CREATE -> plain(auditID, kind, podCreate(auditID, at, PodFlavour.COMPLIANT,
                    AuditEnvelope.serviceAccount("replicaset-controller")));
            case POD_DELETE -> plain(auditID, kind, podDelete(auditID, at));
            case WORKLOAD_PATCH -> plain(auditID, kind, workloadPatch(auditID, at, PodFlavour.COMPLIANT,
                    ClusterShape.pick(random, ClusterShape.PEOPLE)));
            case CONFIG_WRITE -> plain(auditID, kind, configWrite(auditID, at));
            case RBAC_CHANGE -> plain(auditID, kind, rbacChange(auditID, at));
            case NETWORK_POLICY_BY_ADMIN -> plain(auditID, kind, networkPolicyChange(auditID, at,
                    ClusterShape.NETWORK_ADMIN, "update"));
            case RULE_HIT -> ruleHit(auditID, at);
        };
    }

    private static GeneratedEvent plain(String auditID, EventKind kind, ObjectNode event) {
        return new GeneratedEvent(auditID, kind, null, event);
    }

    private GeneratedEvent ruleHit(String auditID, Instant at) {
        String rule = HIT_RULES[random.nextInt(HIT_RULES.length)];
        String person = ClusterShape.pick(random, ClusterShape.PEOPLE);
        ObjectNode event = switch (rule) {
            case "anonymous-admin-action" -> {
                String name = "pwn-" + ClusterShape.hash(random, 5);
                ObjectNode created = AuditEnvelope.base(auditID, "RequestResponse", "create", at,
                        "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings", "clusterrolebindings", null, name, 201);
                AuditEnvelope.anonymous(created, "203.0.113." + (1 + random.nextInt(250)), "curl/8.5.0");
                created.withObjectProperty("objectRef").put("apiGroup", "rbac.authorization.k8s.io");
                yield created;
            }
            case "default-service-account-token" -> {
                String namespace = ClusterShape.pick(random, ClusterShape.NAMESPACES);
                ObjectNode read = AuditEnvelope.base(auditID, "Metadata", "list", at,
                        "/api/v1/namespaces/" + namespace + "/configmaps", "configmaps", namespace, null, 200);
                AuditEnvelope.user(read, "system:serviceaccount:" + namespace + ":default", "system:serviceaccounts",
                        "system:serviceaccounts:" + namespace, "system:authenticated");
                read.withObjectProperty("user").putObject("extra").putArray("authentication.kubernetes.io/pod-name")
                        .add(ClusterShape.pick(random, ClusterShape.APPS) + "-" + ClusterShape.hash(random, 5));
                yield read;
            }
            case "privileged-pod" -> podCreate(auditID, at, PodFlavour.PRIVILEGED, person);
            case "pod-security-restricted" -> podCreate(auditID, at, PodFlavour.NOT_RESTRICTED, person);
            case "pod-default-service-account" -> workloadPatch(auditID, at, PodFlavour.DEFAULT_SERVICE_ACCOUNT, person);
            default -> networkPolicyChange(auditID, at, person, "delete");
        };
        return new GeneratedEvent(auditID, EventKind.RULE_HIT, rule, event);
    }

    private ObjectNode controllerRead(String auditID, Instant at) {
        String resource = ClusterShape.pick(random, ClusterShape.READ_RESOURCES);
        String verb = random.nextInt(10) < 6 ? "watch" : random.nextBoolean() ? "list" : "get";
        boolean clusterWide = random.nextInt(3) == 0 || "nodes".equals(resource) || "namespaces".equals(resource);
        String namespace = clusterWide ? null : ClusterShape.pick(random, ClusterShape.NAMESPACES);
        String name = "get".equals(verb) ? ClusterShape.pick(random, ClusterShape.APPS) : null;
        String uri = AuditEnvelope.uri(resource, namespace, name) + ("watch".equals(verb)
                ? "?allowWatchBookmarks=true&resourceVersion=" + random.nextInt(90_000_000) + "&timeout=8m"
                + random.nextInt(60) + "s&timeoutSeconds=" + (300 + random.nextInt(300)) + "&watch=true"
                : "list".equals(verb) ? "?limit=500&resourceVersion=0" : "");
        ObjectNode event = AuditEnvelope.base(auditID, "Metadata", verb, at, uri, resource, namespace, name, 200);
        String controller = ClusterShape.pick(random, ClusterShape.CONTROLLERS);
        AuditEnvelope.user(event, "system:serviceaccount:kube-system:" + controller, "system:serviceaccounts",
                "system:serviceaccounts:kube-system", "system:authenticated");
        event.put("userAgent", "kube-controller-manager/v1.31.2 (linux/amd64) kubernetes/5864a46/" + controller);
        event.putArray("sourceIPs").add("10.0.0.2");
        return event;
    }

    private ObjectNode kubeletRead(String auditID, Instant at) {
        String node = ClusterShape.node(random);
        String namespace = ClusterShape.pick(random, ClusterShape.NAMESPACES);
        String resource = switch (random.nextInt(4)) {
            case 0 -> "secrets";
            case 1 -> "configmaps";
            case 2 -> "pods";
            default -> "services";
        };
        String name = ClusterShape.pick(random, ClusterShape.APPS) + ("secrets".equals(resource) ? "-credentials" : "");
        String verb = random.nextInt(4) == 0 ? "watch" : "get";
        ObjectNode event = AuditEnvelope.base(auditID, "Metadata", verb, at, AuditEnvelope.uri(resource, namespace, name), resource, namespace,
                name, 200);
        AuditEnvelope.kubelet(event, node);
        return event;
    }

    private ObjectNode leaseUpdate(String auditID, Instant at) {
        boolean kubelet = random.nextInt(5) > 0;
        String holder = kubelet ? ClusterShape.node(random) : ClusterShape.pick(random, ClusterShape.CONTROLLERS);
        String namespace = kubelet ? "kube-node-lease" : "kube-system";
        ObjectNode event = AuditEnvelope.base(auditID, "Request", "update", at,
                "/apis/coordination.k8s.io/v1/namespaces/" + namespace + "/leases/" + holder, "leases", namespace,
                holder, 200);
        event.withObjectProperty("objectRef").put("apiGroup", "coordination.k8s.io").put("apiVersion", "v1");
        if (kubelet) {
            AuditEnvelope.kubelet(event, holder);
        } else {
            AuditEnvelope.user(event, "system:kube-controller-manager", "system:authenticated");
            event.put("userAgent", "kube-controller-manager/v1.31.2 (linux/amd64) kubernetes/5864a46/leader-election");
            event.putArray("sourceIPs").add("10.0.0.2");
        }
        event.set("requestObject", KubeObjects.lease(namespace, holder, at));
        return event;
    }

    private ObjectNode podStatusPatch(String auditID, Instant at) {
        String node = ClusterShape.node(random);
        String namespace = ClusterShape.pick(random, ClusterShape.NAMESPACES);
        String app = ClusterShape.pick(random, ClusterShape.APPS);
        String pod = podName(app);
        ObjectNode event = AuditEnvelope.base(auditID, "Request", "patch", at,
                "/api/v1/namespaces/" + namespace + "/pods/" + pod + "/status", "pods", namespace, pod, 200);
        event.withObjectProperty("objectRef").put("subresource", "status");
        AuditEnvelope.kubelet(event, node);
        event.set("requestObject", KubeObjects.podStatus(random, at, 1 + random.nextInt(3)));
        return event;
    }

    private ObjectNode eventCreate(String auditID, Instant at) {
        String namespace = ClusterShape.pick(random, ClusterShape.NAMESPACES);
        String pod = podName(ClusterShape.pick(random, ClusterShape.APPS));
        ObjectNode event = AuditEnvelope.base(auditID, "Request", "create", at, "/api/v1/namespaces/" + namespace + "/events",
                "events", namespace, null, 201);
        AuditEnvelope.kubelet(event, ClusterShape.node(random));
        String reason = switch (random.nextInt(3)) {
            case 0 -> "Pulled";
            case 1 -> "Unhealthy";
            default -> "Scheduled";
        };
        event.set("requestObject", KubeObjects.event(random, namespace, pod, reason, at));
        return event;
    }

    private ObjectNode healthProbe(String auditID, Instant at) {
        String path = switch (random.nextInt(4)) {
            case 0 -> "/healthz";
            case 1 -> "/livez";
            case 2 -> "/readyz";
            default -> "/version";
        };
        ObjectNode event = AuditEnvelope.base(auditID, "Metadata", "get", at, path, null, null, null, 200);
        AuditEnvelope.anonymous(event, "10.0.200." + random.nextInt(4), "kube-probe/1.31");
        return event;
    }

    private ObjectNode podCreate(String auditID, Instant at, PodFlavour flavour, String actor) {
        String namespace = ClusterShape.pick(random, ClusterShape.NAMESPACES);
        String app = ClusterShape.pick(random, ClusterShape.APPS);
        String pod = podName(app);
        ObjectNode event = AuditEnvelope.base(auditID, "RequestResponse", "create", at, "/api/v1/namespaces/" + namespace + "/pods",
                "pods", namespace, pod, 201);
        AuditEnvelope.actor(random, event, actor);
        long seed = random.nextLong();
        event.set("requestObject", KubeObjects.pod(new SplittableRandom(seed), namespace, app, pod, null, at,
                flavour, false));
        event.set("responseObject", KubeObjects.pod(new SplittableRandom(seed), namespace, app, pod,
                ClusterShape.node(random), at, flavour, true));
        return event;
    }

    private ObjectNode podDelete(String auditID, Instant at) {
        String namespace = ClusterShape.pick(random, ClusterShape.NAMESPACES);
        String app = ClusterShape.pick(random, ClusterShape.APPS);
        String pod = podName(app);
        ObjectNode event = AuditEnvelope.base(auditID, "RequestResponse", "delete", at,
                "/api/v1/namespaces/" + namespace + "/pods/" + pod, "pods", namespace, pod, 200);
        AuditEnvelope.actor(random, event, random.nextInt(4) == 0 ? ClusterShape.pick(random, ClusterShape.PEOPLE)
                : AuditEnvelope.serviceAccount("replicaset-controller"));
        ObjectNode options = KubeObjects.object();
        options.put("kind", "DeleteOptions").put("apiVersion", "meta.k8s.io/v1").put("propagationPolicy", "Background");
        event.set("requestObject", options);
        ObjectNode deleted = KubeObjects.pod(random, namespace, app, pod, ClusterShape.node(random),
                at.minus(Duration.ofHours(1 + random.nextInt(200))), PodFlavour.COMPLIANT, true);
        deleted.withObjectProperty("metadata").put("deletionTimestamp", at.toString()).put("deletionGracePeriodSeconds", 30);
        deleted.withObjectProperty("status").put("phase", "Running");
        event.set("responseObject", deleted);
        return event;
    }

    private ObjectNode workloadPatch(String auditID, Instant at, PodFlavour flavour, String actor) {
        String namespace = ClusterShape.pick(random, ClusterShape.NAMESPACES);
        String app = ClusterShape.pick(random, ClusterShape.APPS);
        ObjectNode event = AuditEnvelope.base(auditID, "RequestResponse", "patch", at,
                "/apis/apps/v1/namespaces/" + namespace + "/deployments/" + app + "?fieldManager=helm", "deployments",
                namespace, app, 200);
        event.withObjectProperty("objectRef").put("apiGroup", "apps").put("apiVersion", "v1");
        AuditEnvelope.actor(random, event, actor);
        ObjectNode deployment = KubeObjects.deployment(random, namespace, app, at, flavour);
        ObjectNode patch = KubeObjects.object();
        patch.putObject("spec").set("template", deployment.path("spec").path("template").deepCopy());
        event.set("requestObject", patch);
        event.set("responseObject", deployment);
        return event;
    }

    private ObjectNode configWrite(String auditID, Instant at) {
        String namespace = ClusterShape.pick(random, ClusterShape.NAMESPACES);
        boolean secret = random.nextInt(3) == 0;
        String resource = secret ? "secrets" : "configmaps";
        String name = ClusterShape.pick(random, ClusterShape.APPS) + (secret ? "-tls" : "-config");
        ObjectNode event = AuditEnvelope.base(auditID, secret ? "Metadata" : "RequestResponse", "update", at,
                AuditEnvelope.uri(resource, namespace, name), resource, namespace, name, 200);
        AuditEnvelope.actor(random, event, secret ? AuditEnvelope.serviceAccount("cert-manager") : "ci-deployer");
        if (!secret) {
            event.set("requestObject", KubeObjects.configMap(random, namespace, name));
            event.set("responseObject", KubeObjects.configMap(random, namespace, name));
        }
        return event;
    }

    private ObjectNode rbacChange(String auditID, Instant at) {
        String namespace = ClusterShape.pick(random, ClusterShape.NAMESPACES);
        String name = "view-" + ClusterShape.hash(random, 5);
        ObjectNode event = AuditEnvelope.base(auditID, "RequestResponse", "create", at,
                "/apis/rbac.authorization.k8s.io/v1/namespaces/" + namespace + "/rolebindings", "rolebindings",
                namespace, name, 201);
        event.withObjectProperty("objectRef").put("apiGroup", "rbac.authorization.k8s.io").put("apiVersion", "v1");
        AuditEnvelope.actor(random, event, "alice@example.com");
        ObjectNode binding = KubeObjects.roleBinding(namespace, name, "view", ClusterShape.pick(random, ClusterShape.PEOPLE));
        event.set("requestObject", binding);
        event.set("responseObject", binding.deepCopy());
        return event;
    }

    private ObjectNode networkPolicyChange(String auditID, Instant at, String actor, String verb) {
        String namespace = ClusterShape.pick(random, ClusterShape.NAMESPACES);
        String name = ClusterShape.pick(random, ClusterShape.APPS) + "-ingress";
        ObjectNode event = AuditEnvelope.base(auditID, "RequestResponse", verb, at,
                "/apis/networking.k8s.io/v1/namespaces/" + namespace + "/networkpolicies/" + name, "networkpolicies",
                namespace, name, 200);
        event.withObjectProperty("objectRef").put("apiGroup", "networking.k8s.io").put("apiVersion", "v1");
        AuditEnvelope.actor(random, event, actor);
        ObjectNode policy = KubeObjects.networkPolicy(namespace, name);
        if (!"delete".equals(verb)) {
            event.set("requestObject", policy);
        }
        event.set("responseObject", policy.deepCopy());
        return event;
    }

    private String podName(String app) {
        return app + "-" + ClusterShape.hash(random, 9) + "-" + ClusterShape.hash(random, 5);
    }
}

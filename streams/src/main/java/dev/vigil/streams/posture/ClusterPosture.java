package dev.vigil.streams.posture;

import dev.vigil.model.json.VigilJson;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One cluster's namespaces, network policies, pods and nodes at one moment, and the findings of the three posture
 * rules on them. Pure: the tracker loads it from the store and decides what to open and resolve.
 */
final class ClusterPosture {

    static final List<String> CONTROL_PLANE_LABELS = List.of("node-role.kubernetes.io/control-plane",
            "node-role.kubernetes.io/master");

    private final List<PostureObject> namespaces = new ArrayList<>();
    private final List<PostureObject> pods = new ArrayList<>();
    private final Map<String, List<PostureObject.Policy>> policies = new HashMap<>();
    private final Map<String, PostureObject> nodes = new HashMap<>();

    void add(PostureObject object) {
        switch (object.kind()) {
            case "Namespace" -> namespaces.add(object);
            case "Pod" -> pods.add(object);
            case "Node" -> nodes.put(object.name(), object);
            case "NetworkPolicy" -> policies.computeIfAbsent(object.namespace(), n -> new ArrayList<>())
                    .add(object.policy());
            default -> {
            }
        }
    }

    /** The findings of the rules named in {@code enabled}, keyed by rule id and object identity. */
    List<PostureFinding> findings(PostureSettings settings, Set<String> enabled, Instant now) {
        List<PostureFinding> findings = new ArrayList<>();
        if (enabled.contains(PostureSettings.NAMESPACE_RULE)) {
            namespaces.forEach(namespace -> withoutDefaultDeny(namespace, settings, now, findings));
        }
        for (PostureObject pod : pods) {
            if (enabled.contains(PostureSettings.POD_RULE)) {
                notCovered(pod, settings, now, findings);
            }
            if (enabled.contains(PostureSettings.CONTROL_PLANE_RULE)) {
                onControlPlane(pod, settings, now, findings);
            }
        }
        return findings;
    }

    private void withoutDefaultDeny(PostureObject namespace, PostureSettings settings, Instant now,
                                    List<PostureFinding> findings) {
        String name = namespace.name();
        if (settings.systemNamespaces().contains(name) || "Terminating".equals(namespace.phase())
                || !pastGrace(namespace, settings.namespaceGrace(), now)) {
            return;
        }
        List<PostureObject.Policy> inNamespace = policies.getOrDefault(name, List.of());
        if (inNamespace.stream().anyMatch(PostureObject.Policy::defaultDeniesIngress)) {
            return;
        }
        ObjectNode details = details(namespace, now);
        details.put("namespace", name);
        details.put("network_policies", inNamespace.size());
        details.put("grace", settings.namespaceGrace().toString());
        findings.add(new PostureFinding(PostureSettings.NAMESPACE_RULE, namespace, "Namespace " + name
                + " has no default-deny NetworkPolicy for ingress (" + inNamespace.size()
                + " policies, none selecting all pods)", details));
    }

    private void notCovered(PostureObject pod, PostureSettings settings, Instant now, List<PostureFinding> findings) {
        if (!"Running".equals(pod.phase()) || pod.hostNetwork() || settings.systemNamespaces().contains(pod.namespace())
                || !pastGrace(pod, settings.podGrace(), now)) {
            return;
        }
        List<PostureObject.Policy> inNamespace = policies.getOrDefault(pod.namespace(), List.of());
        if (inNamespace.stream().anyMatch(policy -> policy.podSelector().matches(pod.labels()))) {
            return;
        }
        ObjectNode details = podDetails(pod, now);
        details.put("network_policies", inNamespace.size());
        details.put("grace", settings.podGrace().toString());
        findings.add(new PostureFinding(PostureSettings.POD_RULE, pod, "Pod " + pod.namespace() + "/" + pod.name()
                + " is selected by no NetworkPolicy (" + inNamespace.size() + " in its namespace)", details));
    }

    private void onControlPlane(PostureObject pod, PostureSettings settings, Instant now,
                                List<PostureFinding> findings) {
        PostureObject node = pod.nodeName() == null ? null : nodes.get(pod.nodeName());
        if (node == null || settings.controlPlaneExempt().contains(pod.namespace())
                || "Succeeded".equals(pod.phase()) || "Failed".equals(pod.phase())
                || (settings.ignoreDaemonSets() && "DaemonSet".equals(pod.owner()))
                || CONTROL_PLANE_LABELS.stream().noneMatch(node.labels()::containsKey)
                || !pastGrace(pod, settings.controlPlaneGrace(), now)) {
            return;
        }
        ObjectNode details = podDetails(pod, now);
        findings.add(new PostureFinding(PostureSettings.CONTROL_PLANE_RULE, pod, "Pod " + pod.namespace() + "/"
                + pod.name() + " runs on control-plane node " + node.name(), details));
    }

    private static boolean pastGrace(PostureObject object, Duration grace, Instant now) {
        return !object.created().plus(grace).isAfter(now);
    }

    private static ObjectNode podDetails(PostureObject pod, Instant now) {
        ObjectNode details = details(pod, now);
        details.put("pod", pod.name());
        details.put("namespace", pod.namespace());
        details.put("uid", pod.uid());
        details.put("node", pod.nodeName());
        details.put("phase", pod.phase());
        if (pod.owner() != null) {
            details.put("owner_kind", pod.owner());
        }
        ObjectNode labels = details.putObject("labels");
        pod.labels().forEach(labels::put);
        return details;
    }

    private static ObjectNode details(PostureObject object, Instant now) {
        ObjectNode details = VigilJson.mapper().createObjectNode();
        details.put("created", object.created().toString());
        details.put("age", Duration.between(object.created(), now).withNanos(0).toString());
        return details;
    }
}

package dev.vigil.streams.rules.cel;

import java.util.List;
import java.util.Map;

/** Kubernetes object facts for rule functions: owners, kinds, verbs, targets. Input is CEL values (maps). */
final class K8sObjects {

    private static final Map<String, String> KINDS = Map.ofEntries(
            Map.entry("pods", "Pod"), Map.entry("deployments", "Deployment"), Map.entry("replicasets", "ReplicaSet"),
            Map.entry("statefulsets", "StatefulSet"), Map.entry("daemonsets", "DaemonSet"), Map.entry("jobs", "Job"),
            Map.entry("cronjobs", "CronJob"), Map.entry("replicationcontrollers", "ReplicationController"));

    private static final Map<String, String> PAST_TENSE = Map.ofEntries(
            Map.entry("get", "read"), Map.entry("list", "listed"), Map.entry("watch", "watched"),
            Map.entry("create", "created"), Map.entry("update", "updated"), Map.entry("patch", "patched"),
            Map.entry("delete", "deleted"), Map.entry("deletecollection", "deleted all of"),
            Map.entry("proxy", "proxied"), Map.entry("impersonate", "impersonated"), Map.entry("bind", "bound"),
            Map.entry("escalate", "escalated"), Map.entry("approve", "approved"));

    private static final Map<String, String> INFINITIVE = Map.of("get", "read", "deletecollection", "delete all of");

    private K8sObjects() {
    }

    /** {@code Kind/name} of the ownerReference with {@code controller: true}, or "". */
    static String controller(Object obj) {
        Object metadata = obj instanceof Map<?, ?> map ? map.get("metadata") : null;
        Object owners = metadata instanceof Map<?, ?> meta ? meta.get("ownerReferences") : null;
        if (owners instanceof List<?> list) {
            for (Object owner : list) {
                if (owner instanceof Map<?, ?> ref && Boolean.TRUE.equals(ref.get("controller"))
                        && ref.get("kind") instanceof String kind && ref.get("name") instanceof String name) {
                    return kind + "/" + name;
                }
            }
        }
        return "";
    }

    /**
     * The workload an object belongs to: its controller when it has one (a ReplicaSet's Deployment, a Pod's
     * ReplicaSet), else the object itself as {@code Kind/name}. Pods created by a controller thus share a dedup
     * key, and a Deployment shares one with the ReplicaSets it makes.
     */
    static String ownerOrSelf(Object obj, Object objectRef) {
        String controller = controller(obj);
        if (!controller.isEmpty()) {
            return controller;
        }
        Map<?, ?> ref = objectRef instanceof Map<?, ?> map ? map : Map.of();
        Map<?, ?> metadata = obj instanceof Map<?, ?> map && map.get("metadata") instanceof Map<?, ?> meta
                ? meta : Map.of();
        String kind = obj instanceof Map<?, ?> map && map.get("kind") instanceof String k ? k : null;
        if (kind == null) {
            String resource = ref.get("resource") instanceof String r ? r : "";
            kind = KINDS.getOrDefault(resource, resource);
        }
        String name = nonEmpty(metadata.get("name"));
        if (name == null) {
            name = nonEmpty(ref.get("name"));
        }
        if (name == null) {
            String generateName = nonEmpty(metadata.get("generateName"));
            name = generateName == null ? "?" : generateName + "*";
        }
        return kind + "/" + name;
    }

    static String verbPast(String verb) {
        if (verb == null || verb.isEmpty()) {
            return "requested";
        }
        return PAST_TENSE.getOrDefault(verb, verb);
    }

    /**
     * As {@link #verbPast(String)} for a request that succeeded; a refused or failed one (status 400 and above) did
     * not happen, so it "tried to read": a headline must not claim that a secret was read when the answer was 403.
     */
    static String verbPast(String verb, Long responseCode) {
        if (responseCode == null || responseCode < 400) {
            return verbPast(verb);
        }
        if (verb == null || verb.isEmpty()) {
            return "tried a request";
        }
        return "tried to " + INFINITIVE.getOrDefault(verb, verb);
    }

    /** {@code resource/name/subresource} as in the request URL; the path for non-resource requests. */
    static String target(Object objectRef, String path) {
        Map<?, ?> ref = objectRef instanceof Map<?, ?> map ? map : Map.of();
        String resource = nonEmpty(ref.get("resource"));
        if (resource == null) {
            return path == null || path.isEmpty() ? "?" : path;
        }
        StringBuilder target = new StringBuilder(resource);
        String name = nonEmpty(ref.get("name"));
        if (name != null) {
            target.append('/').append(name);
        }
        String subresource = nonEmpty(ref.get("subresource"));
        if (subresource != null) {
            target.append('/').append(subresource);
        }
        return target.toString();
    }

    private static String nonEmpty(Object value) {
        return value instanceof String text && !text.isEmpty() ? text : null;
    }
}

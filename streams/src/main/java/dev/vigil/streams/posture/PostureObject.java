package dev.vigil.streams.posture;

import dev.vigil.model.audit.Timestamps;
import dev.vigil.model.watch.WatchEvent;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the posture rules need of one watched object, kept in the changelogged posture store: a Namespace, a
 * NetworkPolicy, a Pod or a Node. Only these fields are kept (no specs, no annotations), so the store stays small.
 *
 * @param created   {@code metadata.creationTimestamp} (a pod: {@code status.startTime} when set), else when first seen
 * @param policy    a NetworkPolicy's selector and types; null for other kinds
 * @param nodeName  a pod's {@code spec.nodeName}
 * @param owner     a pod's controlling owner kind (DaemonSet, ReplicaSet, Node …)
 */
record PostureObject(String cluster, String kind, String namespace, String name, String uid,
                     Map<String, String> labels, Instant created, Policy policy, String nodeName, String phase,
                     boolean hostNetwork, String owner) {

    static final Set<String> KINDS = Set.of("Namespace", "NetworkPolicy", "Pod", "Node");

    /**
     * A NetworkPolicy as far as coverage goes.
     *
     * @param ingress         whether it applies to ingress ({@code policyTypes} has Ingress, or is unset)
     * @param egress          whether it applies to egress
     * @param allowsAllIngress an ingress rule without {@code from} and {@code ports}: it lets everything in
     */
    record Policy(LabelSelector podSelector, boolean ingress, boolean egress, boolean allowsAllIngress) {

        /** Denies ingress to every pod of its namespace by default: selects all, for Ingress, not allowing all. */
        boolean defaultDeniesIngress() {
            return podSelector.selectsAll() && ingress && !allowsAllIngress;
        }
    }

    PostureObject {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    /** The object a watch event shows; empty for other kinds and objects without a name. */
    static Optional<PostureObject> of(WatchEvent event) {
        String kind = event.kind();
        JsonNode object = event.object();
        String name = event.metadata("name");
        if (kind == null || !KINDS.contains(kind) || name == null) {
            return Optional.empty();
        }
        JsonNode metadata = object.path("metadata");
        Instant created = Timestamps.parse(text(object.path("status"), "startTime"))
                .or(() -> Timestamps.parse(text(metadata, "creationTimestamp")))
                .orElse(event.observedAt());
        JsonNode spec = object.path("spec");
        return Optional.of(new PostureObject(event.cluster(), kind, event.metadata("namespace"), name,
                event.metadata("uid"), labels(metadata), created,
                "NetworkPolicy".equals(kind) ? policy(spec) : null,
                text(spec, "nodeName"), text(object.path("status"), "phase"),
                spec.path("hostNetwork").asBoolean(false), owner(metadata.path("ownerReferences"))));
    }

    /** The store key: the watch topic's key {@code <cluster>/<kind>/<namespace>/<name>}. */
    String key() {
        return WatchEvent.key(cluster, kind, namespace, name);
    }

    /** A stable name of the object for alert ids: its uid, so a recreated object is a new finding. */
    String identity() {
        return kind + "/" + (uid != null ? uid : (namespace == null ? "" : namespace) + "/" + name);
    }

    private static Policy policy(JsonNode spec) {
        boolean typesGiven = spec.path("policyTypes").isArray() && !spec.path("policyTypes").isEmpty();
        boolean ingress = !typesGiven || contains(spec.path("policyTypes"), "Ingress");
        boolean egress = typesGiven ? contains(spec.path("policyTypes"), "Egress") : spec.has("egress");
        boolean allowsAll = false;
        for (JsonNode rule : spec.path("ingress")) {
            if (isEmpty(rule.path("from")) && isEmpty(rule.path("ports"))) {
                allowsAll = true;
            }
        }
        return new Policy(LabelSelector.of(spec.path("podSelector")), ingress, egress, allowsAll);
    }

    private static boolean isEmpty(JsonNode list) {
        return !list.isArray() || list.isEmpty();
    }

    private static boolean contains(JsonNode array, String word) {
        for (JsonNode item : array) {
            if (word.equals(item.asString())) {
                return true;
            }
        }
        return false;
    }

    private static String owner(JsonNode references) {
        for (JsonNode reference : references) {
            if (reference.path("controller").asBoolean(false)) {
                return text(reference, "kind");
            }
        }
        return null;
    }

    private static Map<String, String> labels(JsonNode metadata) {
        Map<String, String> values = new LinkedHashMap<>();
        JsonNode labels = metadata.path("labels");
        if (labels.isObject()) {
            labels.properties().forEach(label -> {
                if (label.getValue().isValueNode() && !label.getValue().isNull()) {
                    values.put(label.getKey(), label.getValue().asString());
                }
            });
        }
        return values;
    }

    private static String text(JsonNode parent, String field) {
        JsonNode value = parent.get(field);
        return value != null && value.isString() ? value.stringValue() : null;
    }
}

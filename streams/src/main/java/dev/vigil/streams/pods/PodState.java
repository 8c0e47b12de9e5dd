package dev.vigil.streams.pods;

import dev.vigil.model.audit.Timestamps;
import dev.vigil.model.watch.WatchEvent;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the long-lived-pod check needs to know about one pod, kept in the changelogged pod store.
 *
 * @param alertedLimit the limit this pod was last alerted for; null until it crossed one
 */
record PodState(String cluster, String uid, String namespace, String name, Instant startTime, String phase,
                Owner owner, Map<String, String> labels, Instant observedAt, Duration alertedLimit) {

    /** The controlling owner (ReplicaSet, StatefulSet, Job, Node for static pods …). */
    record Owner(String kind, String name) {
    }

    PodState {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    /** The state of the pod a watch event shows; empty when the object has no name. */
    static Optional<PodState> of(WatchEvent event) {
        JsonNode pod = event.object();
        JsonNode metadata = pod.path("metadata");
        String name = text(metadata, "name");
        if (name == null) {
            return Optional.empty();
        }
        JsonNode status = pod.path("status");
        Instant started = Timestamps.parse(text(status, "startTime"))
                .or(() -> Timestamps.parse(text(metadata, "creationTimestamp")))
                .orElse(null);
        return Optional.of(new PodState(event.cluster(), text(metadata, "uid"), text(metadata, "namespace"), name,
                started, text(status, "phase"), owner(metadata.path("ownerReferences")), labels(metadata),
                event.observedAt(), null));
    }

    /** The store key: {@code <cluster>/<uid>}, or {@code <cluster>/<namespace>/<name>} for an object without uid. */
    static String key(String cluster, String uid, String namespace, String name) {
        return uid != null ? cluster + "/" + uid : cluster + "/" + namespace + "/" + name;
    }

    String key() {
        return key(cluster, uid, namespace, name);
    }

    /** This state, remembering that an earlier state of the same pod was already alerted. */
    PodState rememberingAlertOf(PodState previous) {
        if (previous == null || previous.alertedLimit == null) {
            return this;
        }
        return alerted(previous.alertedLimit);
    }

    PodState alerted(Duration limit) {
        return new PodState(cluster, uid, namespace, name, startTime, phase, owner, labels, observedAt, limit);
    }

    Duration age(Instant now) {
        return startTime == null ? Duration.ZERO : Duration.between(startTime, now);
    }

    private static Owner owner(JsonNode references) {
        if (!references.isArray() || references.isEmpty()) {
            return null;
        }
        JsonNode chosen = references.get(0);
        for (JsonNode reference : references) {
            if (reference.path("controller").asBoolean(false)) {
                chosen = reference;
                break;
            }
        }
        return new Owner(text(chosen, "kind"), text(chosen, "name"));
    }

    private static Map<String, String> labels(JsonNode metadata) {
        JsonNode labels = metadata.path("labels");
        if (!labels.isObject()) {
            return Map.of();
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> label : labels.properties()) {
            if (label.getValue().isValueNode() && !label.getValue().isNull()) {
                values.put(label.getKey(), label.getValue().asString());
            }
        }
        return values;
    }

    private static String text(JsonNode parent, String field) {
        JsonNode value = parent.get(field);
        return value != null && value.isString() ? value.stringValue() : null;
    }
}

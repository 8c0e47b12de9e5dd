package dev.vigil.model.watch;

import tools.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * A record of {@code k8s.watch.events}: one object as the Kubernetes watch saw it.
 * {@code object} stays a JSON tree (a Pod, NetworkPolicy, Namespace, … with apiVersion and kind).
 */
public record WatchEvent(String cluster, WatchEventType type, JsonNode object, Instant observedAt) {

    /** Kafka key of the contract: {@code <cluster>/<kind>/<namespace>/<name>} (namespace empty when cluster-scoped). */
    public String key() {
        return key(cluster, kind(), metadata("namespace"), metadata("name"));
    }

    public static String key(String cluster, String kind, String namespace, String name) {
        return cluster + "/" + kind + "/" + (namespace == null ? "" : namespace) + "/" + name;
    }

    public String kind() {
        JsonNode kind = object == null ? null : object.get("kind");
        return kind == null || !kind.isString() ? null : kind.stringValue();
    }

    /** A string field of {@code object.metadata}, or null. */
    public String metadata(String field) {
        JsonNode value = object == null ? null : object.path("metadata").get(field);
        return value == null || !value.isString() ? null : value.stringValue();
    }
}

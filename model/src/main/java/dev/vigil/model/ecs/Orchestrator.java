package dev.vigil.model.ecs;

import com.fasterxml.jackson.annotation.JsonProperty;

/** ECS {@code orchestrator.*}: which cluster, namespace and object an event or alert is about. */
public record Orchestrator(String type, Cluster cluster, String namespace, Resource resource,
                           @JsonProperty("api_version") String apiVersion) {

    public record Cluster(String name) {
    }

    public record Resource(String type, String name) {
    }

    public static Orchestrator kubernetes(String cluster, String namespace, String resourceType, String name,
                                          String apiVersion) {
        return new Orchestrator("kubernetes", new Cluster(cluster), namespace,
                resourceType == null && name == null ? null : new Resource(resourceType, name), apiVersion);
    }
}

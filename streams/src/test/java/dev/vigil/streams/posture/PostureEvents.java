package dev.vigil.streams.posture;

import dev.vigil.model.json.VigilJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.Map;

/** Watch events of namespaces, network policies, pods and nodes for the posture tests. */
final class PostureEvents {

    private PostureEvents() {
    }

    /** The contract key {@code <cluster>/<kind>/<namespace>/<name>} of a watch record. */
    static String key(JsonNode record) {
        JsonNode metadata = record.path("object").path("metadata");
        return record.path("cluster").asString() + "/" + record.path("object").path("kind").asString() + "/"
                + metadata.path("namespace").asString("") + "/" + metadata.path("name").asString();
    }

    static ObjectNode namespace(String cluster, String type, String name, Instant created) {
        ObjectNode object = object("Namespace", "v1", null, name, created);
        object.putObject("status").put("phase", "Active");
        return record(cluster, type, object);
    }

    static ObjectNode policy(String cluster, String type, String namespace, String name, Map<String, String> selector,
                             String... types) {
        ObjectNode object = object("NetworkPolicy", "networking.k8s.io/v1", namespace, name, Instant.EPOCH);
        ObjectNode spec = object.putObject("spec");
        ObjectNode labels = spec.putObject("podSelector").putObject("matchLabels");
        selector.forEach(labels::put);
        if (types.length > 0) {
            var array = spec.putArray("policyTypes");
            for (String policyType : types) {
                array.add(policyType);
            }
        }
        return record(cluster, type, object);
    }

    static ObjectNode pod(String cluster, String type, String namespace, String name, Map<String, String> labels,
                          String node, Instant started) {
        ObjectNode object = object("Pod", "v1", namespace, name, started);
        ObjectNode objectLabels = ((ObjectNode) object.get("metadata")).putObject("labels");
        labels.forEach(objectLabels::put);
        object.putObject("spec").put("nodeName", node).putArray("containers").addObject().put("name", "app")
                .put("image", "nginx:1.27");
        object.putObject("status").put("phase", "Running").put("startTime", started.toString());
        return record(cluster, type, object);
    }

    static ObjectNode node(String cluster, String type, String name, boolean controlPlane) {
        ObjectNode object = object("Node", "v1", null, name, Instant.EPOCH);
        ObjectNode labels = ((ObjectNode) object.get("metadata")).putObject("labels");
        labels.put("kubernetes.io/hostname", name);
        if (controlPlane) {
            labels.put("node-role.kubernetes.io/control-plane", "");
        }
        return record(cluster, type, object);
    }

    private static ObjectNode object(String kind, String apiVersion, String namespace, String name, Instant created) {
        ObjectNode object = VigilJson.mapper().createObjectNode();
        object.put("kind", kind);
        object.put("apiVersion", apiVersion);
        ObjectNode metadata = object.putObject("metadata");
        metadata.put("name", name);
        if (namespace != null) {
            metadata.put("namespace", namespace);
        }
        metadata.put("uid", "uid-" + kind + "-" + (namespace == null ? "" : namespace + "-") + name);
        metadata.put("creationTimestamp", created.toString());
        return object;
    }

    private static ObjectNode record(String cluster, String type, ObjectNode object) {
        ObjectNode record = VigilJson.mapper().createObjectNode();
        record.put("cluster", cluster);
        record.put("type", type);
        record.set("object", object);
        record.put("observedAt", "2026-03-02T10:00:00Z");
        return record;
    }
}

package dev.vigil.ingest.watch;

import dev.vigil.model.json.VigilJson;
import dev.vigil.model.watch.WatchEvent;
import dev.vigil.model.watch.WatchEventType;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Turns an informer's notifications into {@link WatchEvent}s: add → ADDED (the initial list included), update →
 * MODIFIED, delete → DELETED (also when the informer only learns of it by re-listing after a gap). A re-list that
 * finds an object unchanged (same resourceVersion) produces nothing, so a 410 Gone never invents events. The object
 * is converted from fabric8's Jackson 2 model to Vigil's Jackson 3 tree through its JSON text; its
 * {@code metadata.managedFields} (server-side-apply bookkeeping, large and of no security value) are dropped.
 */
final class WatchEventForwarder implements ResourceEventHandler<GenericKubernetesResource> {

    private final String cluster;
    private final WatchedResource resource;
    private final KubernetesSerialization serialization;
    private final Consumer<WatchEvent> sink;
    private final Clock clock;

    WatchEventForwarder(String cluster, WatchedResource resource, KubernetesSerialization serialization,
                        Consumer<WatchEvent> sink, Clock clock) {
        this.cluster = cluster;
        this.resource = resource;
        this.serialization = serialization;
        this.sink = sink;
        this.clock = clock;
    }

    @Override
    public void onAdd(GenericKubernetesResource object) {
        forward(WatchEventType.ADDED, object);
    }

    @Override
    public void onUpdate(GenericKubernetesResource previous, GenericKubernetesResource current) {
        if (previous != null && Objects.equals(resourceVersion(previous), resourceVersion(current))) {
            return;
        }
        forward(WatchEventType.MODIFIED, current);
    }

    @Override
    public void onDelete(GenericKubernetesResource object, boolean finalStateUnknown) {
        forward(WatchEventType.DELETED, object);
    }

    private void forward(WatchEventType type, GenericKubernetesResource object) {
        sink.accept(new WatchEvent(cluster, type, toTree(object), clock.instant()));
    }

    JsonNode toTree(GenericKubernetesResource object) {
        ObjectNode tree = (ObjectNode) VigilJson.mapper().readTree(serialization.asJson(object));
        if (!tree.hasNonNull("apiVersion")) {
            tree.put("apiVersion", resource.apiVersion());
        }
        if (!tree.hasNonNull("kind")) {
            tree.put("kind", resource.kind());
        }
        if (tree.get("metadata") instanceof ObjectNode metadata) {
            metadata.remove("managedFields");
        }
        return tree;
    }

    private static String resourceVersion(GenericKubernetesResource object) {
        return object.getMetadata() == null ? null : object.getMetadata().getResourceVersion();
    }
}

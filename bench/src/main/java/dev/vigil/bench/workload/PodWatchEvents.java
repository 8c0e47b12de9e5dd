package dev.vigil.bench.workload;

import dev.vigil.bench.workload.KubeObjects.PodFlavour;
import dev.vigil.model.json.VigilJson;
import dev.vigil.model.watch.WatchEvent;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * Records of {@code k8s.watch.events} for a fleet of running pods, as the watcher's initial list produces them
 * ({@code ADDED} with the pod's full object), and {@code DELETED} records for the same pods. Pod {@code i} of a
 * seed is always the same pod (name, uid, start time), so a test can add pods, restart Vigil and delete them.
 */
public final class PodWatchEvents {

    private final String cluster;
    private final long seed;

    public PodWatchEvents(String cluster, long seed) {
        this.cluster = cluster;
        this.seed = seed;
    }

    /** One watch record: its Kafka key and its value. */
    public record WatchRecord(String key, byte[] value, String podName, String namespace, String uid) {
    }

    /** Pod {@code i}, running since {@code startedAt}, as seen by the watch at {@code observedAt}. */
    public WatchRecord added(int i, Instant startedAt, Instant observedAt) {
        return record(i, "ADDED", startedAt, observedAt);
    }

    public WatchRecord deleted(int i, Instant startedAt, Instant observedAt) {
        return record(i, "DELETED", startedAt, observedAt);
    }

    private WatchRecord record(int i, String type, Instant startedAt, Instant observedAt) {
        SplittableRandom random = new SplittableRandom(seed * 31 + i);
        String namespace = ClusterShape.NAMESPACES.get(i % ClusterShape.NAMESPACES.size());
        String app = ClusterShape.APPS.get((i / ClusterShape.NAMESPACES.size()) % ClusterShape.APPS.size());
        String name = app + "-" + ClusterShape.hash(random, 9) + "-" + String.format("p%07d", i);
        ObjectNode pod = KubeObjects.pod(random, namespace, app, name, ClusterShape.node(random),
                startedAt.minus(Duration.ofSeconds(3)), PodFlavour.COMPLIANT, true);
        pod.remove("status");
        ObjectNode status = pod.putObject("status");
        status.put("phase", "DELETED".equals(type) ? "Succeeded" : "Running");
        status.put("startTime", startedAt.toString());
        status.put("qosClass", "Burstable");
        status.putArray("conditions").addObject().put("type", "Ready").put("status", "True");
        ObjectNode value = VigilJson.mapper().createObjectNode();
        value.put("cluster", cluster);
        value.put("type", type);
        value.set("object", pod);
        value.put("observedAt", observedAt.toString());
        String uid = pod.path("metadata").path("uid").asString();
        return new WatchRecord(WatchEvent.key(cluster, "Pod", namespace, name), VigilJson.writeBytes(value), name,
                namespace, uid);
    }
}

package dev.vigil.streams.posture;

import dev.vigil.model.alert.Alert;
import dev.vigil.model.kafka.JsonSerde;
import dev.vigil.model.watch.WatchEvent;
import dev.vigil.streams.alerts.AlertFactory;
import dev.vigil.streams.kafka.TopicSpec;
import dev.vigil.streams.rules.DetectionEngine;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;

import java.time.Duration;

/**
 * Decoded watch events → Namespaces, NetworkPolicies, Pods and Nodes only → repartitioned by cluster (the rules
 * relate objects of one cluster: a pod to the policies of its namespace and to its node) → posture store with
 * wall-clock punctuation → {@code namespace-without-default-deny}, {@code pod-not-covered-by-network-policy} and
 * {@code workload-on-control-plane-node} findings, opened and resolved on {@code vigil.alerts}.
 */
public final class PostureTopology {

    private PostureTopology() {
    }

    /** @param punctuationInterval how often (wall clock) the posture of every cluster is judged */
    public static void posture(KStream<String, WatchEvent> watch, TopicSpec<String, Alert> alerts,
                               Duration punctuationInterval, DetectionEngine engine, AlertFactory factory) {
        PostureSettings settings = PostureSettings.of(engine, punctuationInterval);
        watch.filter((key, event) -> event != null && PostureObject.KINDS.contains(event.kind()),
                        Named.as("posture-kinds"))
                .selectKey((key, event) -> event.cluster(), Named.as("posture-cluster-key"))
                .repartition(Repartitioned.with(Serdes.String(), JsonSerde.of(WatchEvent.class))
                        .withName("posture-by-cluster"))
                .process(PostureTracker.supplier(settings, () -> new PostureAlerts(engine, factory)),
                        Named.as("posture"))
                .to(alerts.name(), alerts.produced("posture-sink"));
    }
}

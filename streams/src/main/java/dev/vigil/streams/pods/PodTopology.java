package dev.vigil.streams.pods;

import dev.vigil.model.alert.Alert;
import dev.vigil.model.watch.WatchEvent;
import dev.vigil.streams.alerts.AlertFactory;
import dev.vigil.streams.rules.DetectionEngine;
import dev.vigil.streams.kafka.TopicSpec;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

/**
 * Decoded watch events → pods only → pod lifetime store with wall-clock punctuation → {@code long-lived-pod}
 * alerts on {@code vigil.alerts}. Watch records are keyed {@code <cluster>/Pod/<namespace>/<name>}, so every event
 * of one pod reaches the same task without a repartition.
 */
public final class PodTopology {

    private PodTopology() {
    }

    public static void longLivedPods(KStream<String, WatchEvent> watch, TopicSpec<String, Alert> alerts,
                                     PodSettings settings, DetectionEngine engine, AlertFactory factory) {
        watch.filter(PodTopology::isPod, Named.as("pods-only"))
                .process(PodLifetimeTracker.supplier(settings,
                        () -> new LongLivedPodAlerts(engine, factory, settings.limit())), Named.as("pod-lifetimes"))
                .to(alerts.name(), alerts.produced("long-lived-pod-sink"));
    }

    /** A pod by its {@code kind}, or by its key when a watcher left {@code kind} out of the object. */
    static boolean isPod(String key, WatchEvent event) {
        String kind = event.kind();
        return kind != null ? "Pod".equals(kind) : key != null && key.contains("/Pod/");
    }
}

package dev.vigil.streams.posture;

import dev.vigil.model.alert.Alert;
import dev.vigil.model.alert.AlertStatus;
import dev.vigil.model.kafka.JsonSerde;
import dev.vigil.model.watch.WatchEvent;
import dev.vigil.model.watch.WatchEventType;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Keeps the posture-relevant objects of each cluster (records arrive repartitioned by cluster, so one task sees a
 * whole cluster) in a persistent, changelogged store, and on a wall-clock schedule judges them and reconciles the
 * findings with what was sent before: a new finding opens an alert, a finding whose cause is gone is resolved under
 * the same id, a resolved one whose cause came back is opened again. Both stores are bounded by the live objects:
 * a DELETED event removes the object, and a finding is forgotten once resolved with its subject gone.
 */
final class PostureTracker implements Processor<String, WatchEvent, String, Alert> {

    static final String OBJECTS = "posture-objects";
    static final String FINDINGS = "posture-findings";

    private final PostureSettings settings;
    private final PostureAlerts alerts;
    private ProcessorContext<String, Alert> context;
    private KeyValueStore<String, PostureObject> objects;
    private KeyValueStore<String, FindingState> findings;

    private PostureTracker(PostureSettings settings, PostureAlerts alerts) {
        this.settings = settings;
        this.alerts = alerts;
    }

    static ProcessorSupplier<String, WatchEvent, String, Alert> supplier(PostureSettings settings,
                                                                        Supplier<PostureAlerts> alerts) {
        StoreBuilder<KeyValueStore<String, PostureObject>> objectStore = Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(OBJECTS), Serdes.String(), JsonSerde.of(PostureObject.class));
        StoreBuilder<KeyValueStore<String, FindingState>> findingStore = Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(FINDINGS), Serdes.String(), JsonSerde.of(FindingState.class));
        return new ProcessorSupplier<>() {
            @Override
            public Processor<String, WatchEvent, String, Alert> get() {
                return new PostureTracker(settings, alerts.get());
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(objectStore, findingStore);
            }
        };
    }

    @Override
    public void init(ProcessorContext<String, Alert> context) {
        this.context = context;
        this.objects = context.getStateStore(OBJECTS);
        this.findings = context.getStateStore(FINDINGS);
        context.schedule(settings.punctuationInterval(), PunctuationType.WALL_CLOCK_TIME,
                now -> reconcile(Instant.ofEpochMilli(now)));
    }

    @Override
    public void process(Record<String, WatchEvent> record) {
        Optional<PostureObject> observed = PostureObject.of(record.value());
        if (observed.isEmpty()) {
            return;
        }
        if (record.value().type() == WatchEventType.DELETED) {
            objects.delete(observed.get().key());
        } else {
            objects.put(observed.get().key(), observed.get());
        }
    }

    /** Judges every cluster of this task and sends what changed. */
    void reconcile(Instant now) {
        Set<String> enabled = alerts.enabledRules();
        Map<String, ClusterPosture> clusters = new HashMap<>();
        try (KeyValueIterator<String, PostureObject> all = objects.all()) {
            while (all.hasNext()) {
                PostureObject object = all.next().value;
                clusters.computeIfAbsent(object.cluster(), c -> new ClusterPosture()).add(object);
            }
        }
        Map<String, PostureFinding> current = new LinkedHashMap<>();
        clusters.values().forEach(cluster -> cluster.findings(settings, enabled, now)
                .forEach(finding -> current.put(PostureAlerts.id(finding), finding)));

        List<KeyValue<String, FindingState>> known = new ArrayList<>();
        try (KeyValueIterator<String, FindingState> all = findings.all()) {
            all.forEachRemaining(known::add);
        }
        for (KeyValue<String, FindingState> entry : known) {
            Alert alert = entry.value.alert();
            boolean subjectGone = objects.get(entry.value.subjectKey()) == null;
            if (!enabled.contains(alert.rule().id())) {
                // a rule disabled since: its findings stay as they were, forgotten with their subjects
                if (subjectGone) {
                    findings.delete(entry.key);
                }
                continue;
            }
            boolean resolved = alert.vigil().status() == AlertStatus.RESOLVED;
            if (current.remove(entry.key) != null) {
                if (resolved) {
                    send(entry.key, new FindingState(PostureAlerts.reopened(alert, now), entry.value.subjectKey()),
                            now);
                }
            } else if (!resolved) {
                Alert closed = PostureAlerts.resolved(alert, now, subjectGone ? "object deleted"
                        : "condition no longer holds");
                if (subjectGone) {
                    findings.delete(entry.key);
                    context.forward(new Record<>(entry.key, closed, now.toEpochMilli()));
                } else {
                    send(entry.key, new FindingState(closed, entry.value.subjectKey()), now);
                }
            } else if (subjectGone) {
                findings.delete(entry.key);
            }
        }
        current.forEach((id, finding) -> alerts.opened(finding, now)
                .ifPresent(alert -> send(id, new FindingState(alert, finding.subject().key()), now)));
    }

    private void send(String id, FindingState state, Instant now) {
        findings.put(id, state);
        context.forward(new Record<>(id, state.alert(), now.toEpochMilli()));
    }
}

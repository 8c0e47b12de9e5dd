package dev.vigil.streams.pods;

import dev.vigil.model.alert.Alert;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Keeps one state per pod ({@code <cluster>/<uid>}) in a persistent, changelogged store from the pod watch events
 * and checks every pod against the lifetime limit on a wall-clock schedule (and when its watch event arrives). The
 * "already alerted" mark lives in the same store, so a restart, a state restore from the changelog or the watcher's
 * re-list neither forgets a pod nor alerts it twice for one crossing. DELETED removes the state.
 */
final class PodLifetimeTracker implements Processor<String, WatchEvent, String, Alert> {

    static final String STORE = "pod-lifetimes";
    private static final Logger LOG = LoggerFactory.getLogger(PodLifetimeTracker.class);

    private final PodSettings settings;
    private final LongLivedPodAlerts alerts;
    private ProcessorContext<String, Alert> context;
    private KeyValueStore<String, PodState> store;

    private PodLifetimeTracker(PodSettings settings, LongLivedPodAlerts alerts) {
        this.settings = settings;
        this.alerts = alerts;
    }

    static ProcessorSupplier<String, WatchEvent, String, Alert> supplier(PodSettings settings,
                                                                        Supplier<LongLivedPodAlerts> alerts) {
        StoreBuilder<KeyValueStore<String, PodState>> store = Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(STORE), Serdes.String(), JsonSerde.of(PodState.class));
        return new ProcessorSupplier<>() {
            @Override
            public Processor<String, WatchEvent, String, Alert> get() {
                return new PodLifetimeTracker(settings, alerts.get());
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(store);
            }
        };
    }

    @Override
    public void init(ProcessorContext<String, Alert> context) {
        this.context = context;
        this.store = context.getStateStore(STORE);
        if (!alerts.enabled()) {
            LOG.warn("Rule {} is not loaded: pod lifetimes are tracked but not alerted", LongLivedPodAlerts.RULE_ID);
        }
        context.schedule(settings.punctuationInterval(), PunctuationType.WALL_CLOCK_TIME, this::checkAll);
    }

    @Override
    public void process(Record<String, WatchEvent> record) {
        Optional<PodState> observed = PodState.of(record.value());
        if (observed.isEmpty()) {
            return;
        }
        String key = observed.get().key();
        if (record.value().type() == WatchEventType.DELETED) {
            store.delete(key);
            return;
        }
        PodState state = observed.get().rememberingAlertOf(store.get(key));
        store.put(key, state);
        check(key, state, Instant.ofEpochMilli(context.currentSystemTimeMs()));
    }

    private void checkAll(long nowMillis) {
        Instant now = Instant.ofEpochMilli(nowMillis);
        List<KeyValue<String, PodState>> due = new ArrayList<>();
        try (KeyValueIterator<String, PodState> pods = store.all()) {
            while (pods.hasNext()) {
                KeyValue<String, PodState> pod = pods.next();
                if (isDue(pod.value, now)) {
                    due.add(pod);
                }
            }
        }
        due.forEach(pod -> check(pod.key, pod.value, now));
    }

    /** Running, not exempt, past the limit, and not yet alerted for this limit. */
    private boolean isDue(PodState pod, Instant now) {
        return "Running".equals(pod.phase())
                && pod.startTime() != null
                && !pod.startTime().plus(settings.limit()).isAfter(now)
                && (pod.alertedLimit() == null || pod.alertedLimit().compareTo(settings.limit()) < 0)
                && !settings.policy().exempt(pod.namespace(), pod.labels());
    }

    private void check(String key, PodState pod, Instant now) {
        if (!isDue(pod, now)) {
            return;
        }
        alerts.alert(pod, now).ifPresent(alert -> {
            store.put(key, pod.alerted(settings.limit()));
            context.forward(new Record<>(alert.id(), alert, now.toEpochMilli()));
        });
    }
}

package dev.vigil.streams.alerts;

import dev.vigil.model.alert.Alert;
import dev.vigil.model.ecs.EcsEvent;
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

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Dedup by alert id over a persistent, changelogged store: the first hit emits the alert; a repeat of the same id
 * (same rule, cluster, dedup key and window) by a new event emits the same alert again with a higher {@code count}
 * and a later {@code last_seen}, so the indexer overwrites one document. An event is (cluster, auditID): the stages
 * of one request count once. A re-delivered event changes nothing, however many events the alert has counted: the
 * entry keeps every counted event in {@link SeenEvents} (exact up to {@link DedupSettings#exactCountLimit()}, then a
 * bounded sketch), not only the {@code MAX_AUDIT_IDS} the alert lists. State is purged on a wall-clock schedule once
 * the window plus grace has passed since the last hit.
 */
final class AlertDeduplicator implements Processor<String, AlertCandidate, String, Alert> {

    static final String STORE = "alert-dedup";

    private final DedupSettings settings;
    private final AlertMetrics metrics;
    private ProcessorContext<String, Alert> context;
    private KeyValueStore<String, DedupEntry> store;

    private AlertDeduplicator(DedupSettings settings, AlertMetrics metrics) {
        this.settings = settings;
        this.metrics = metrics;
    }

    static ProcessorSupplier<String, AlertCandidate, String, Alert> supplier(DedupSettings settings) {
        return supplier(settings, AlertMetrics.NONE);
    }

    static ProcessorSupplier<String, AlertCandidate, String, Alert> supplier(DedupSettings settings,
                                                                            AlertMetrics metrics) {
        StoreBuilder<KeyValueStore<String, DedupEntry>> store = Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(STORE), Serdes.String(), new DedupEntrySerde());
        return new ProcessorSupplier<>() {
            @Override
            public Processor<String, AlertCandidate, String, Alert> get() {
                return new AlertDeduplicator(settings, metrics);
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
        context.schedule(settings.purgeInterval(), PunctuationType.WALL_CLOCK_TIME, this::purge);
    }

    @Override
    public void process(Record<String, AlertCandidate> record) {
        Alert hit = record.value().alert();
        List<String> auditIds = hit.vigil().evidence().auditIds();
        String auditId = auditIds.isEmpty() ? null : auditIds.get(0);
        DedupEntry existing = store.get(record.key());
        SeenEvents seen = existing == null ? SeenEvents.empty() : existing.seen();
        // an alert without an audit id (none today) cannot recognise a redelivery: it counts every hit
        boolean isNew = auditId == null || seen.add(SeenEvents.hash(cluster(hit), auditId), settings.exactCountLimit());
        if (existing != null && !isNew) {
            return;
        }
        Alert emitted = existing == null ? hit : updatedAt(existing.alert().repeated(hit.timestamp(), auditId,
                Math.max(existing.alert().vigil().count() + 1, seen.estimate())), hit.event().created());
        long expires = context.currentSystemTimeMs() + record.value().windowMillis() + settings.grace().toMillis();
        store.put(record.key(), new DedupEntry(emitted, expires, seen));
        context.forward(record.withValue(emitted));
        metrics.produced(emitted, existing == null, record.value().receivedAt(),
                java.time.Instant.ofEpochMilli(context.currentSystemTimeMs()));
    }

    /**
     * The alert's {@code event.created} is when the stream built this version: a repeat moves it, so that the console's
     * default order (raised or last updated) brings an alert that counted another event back to the top.
     */
    static Alert updatedAt(Alert alert, java.time.Instant created) {
        EcsEvent event = alert.event();
        return new Alert(alert.timestamp(), alert.message(), new EcsEvent(event.kind(), event.id(), created,
                event.severity(), event.category(), event.dataset(), event.action(), event.outcome()), alert.rule(),
                alert.threat(), alert.user(), alert.source(), alert.userAgent(), alert.orchestrator(), alert.vigil());
    }

    /** The alert's cluster, part of an event's identity: audit ids are chosen by the sender. */
    static String cluster(Alert alert) {
        return alert.orchestrator() == null || alert.orchestrator().cluster() == null ? null
                : alert.orchestrator().cluster().name();
    }

    private void purge(long now) {
        List<String> expired = new ArrayList<>();
        try (KeyValueIterator<String, DedupEntry> entries = store.all()) {
            while (entries.hasNext()) {
                KeyValue<String, DedupEntry> entry = entries.next();
                if (entry.value.expiresAtMillis() < now) {
                    expired.add(entry.key);
                }
            }
        }
        expired.forEach(store::delete);
    }
}

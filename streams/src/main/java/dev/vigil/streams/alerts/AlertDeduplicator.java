package dev.vigil.streams.alerts;

import dev.vigil.model.alert.Alert;
import dev.vigil.model.kafka.JsonSerde;
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
 * (same rule, dedup key and window) emits the same alert again with {@code count}+1 and a later {@code last_seen},
 * so the indexer overwrites one document. A re-delivered event (an audit id the alert already lists) changes nothing.
 * State is purged on a wall-clock schedule once the window plus grace has passed since the last hit.
 */
final class AlertDeduplicator implements Processor<String, AlertCandidate, String, Alert> {

    static final String STORE = "alert-dedup";

    private final DedupSettings settings;
    private ProcessorContext<String, Alert> context;
    private KeyValueStore<String, DedupEntry> store;

    private AlertDeduplicator(DedupSettings settings) {
        this.settings = settings;
    }

    static ProcessorSupplier<String, AlertCandidate, String, Alert> supplier(DedupSettings settings) {
        StoreBuilder<KeyValueStore<String, DedupEntry>> store = Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(STORE), Serdes.String(), JsonSerde.of(DedupEntry.class));
        return new ProcessorSupplier<>() {
            @Override
            public Processor<String, AlertCandidate, String, Alert> get() {
                return new AlertDeduplicator(settings);
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
        DedupEntry existing = store.get(record.key());
        Alert emitted;
        if (existing == null) {
            emitted = hit;
        } else {
            List<String> auditIds = hit.vigil().evidence().auditIds();
            String auditId = auditIds.isEmpty() ? null : auditIds.get(0);
            if (auditId != null && existing.alert().vigil().evidence().auditIds().contains(auditId)) {
                return;
            }
            emitted = existing.alert().repeated(hit.timestamp(), auditId);
        }
        long expires = context.currentSystemTimeMs() + record.value().windowMillis() + settings.grace().toMillis();
        store.put(record.key(), new DedupEntry(emitted, expires));
        context.forward(record.withValue(emitted));
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

package dev.vigil.streams.stateful;

import dev.vigil.model.alert.Alert;
import dev.vigil.model.kafka.JsonSerde;
import dev.vigil.streams.kafka.ChangelogTimestamps;
import dev.vigil.streams.kafka.CheckpointedWindowStore;
import dev.vigil.streams.rules.StatefulKind;
import dev.vigil.streams.rules.StatefulRule;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs every stateful rule over the {@code stateful-hits} of its task: one changelogged store per kind in use, with
 * retention tied to the longest window ({@code stateful-threshold}), join time ({@code stateful-sequence},
 * {@code stateful-sequence-alerts}) or history ({@code stateful-new-terms}, purged on a wall-clock schedule). The
 * alert marks live in the same stores as the counts, and exactly-once processing commits both with the emitted
 * alerts, so a restart, a rebalance or a restore from the changelog neither loses a half-finished count or sequence
 * nor fires twice.
 */
final class StatefulProcessor implements Processor<String, StatefulHit, String, Alert> {

    static final String THRESHOLD_STORE = "stateful-threshold";
    static final String SEQUENCE_STORE = "stateful-sequence";
    static final String SEQUENCE_ALERTS_STORE = "stateful-sequence-alerts";
    static final String NEW_TERMS_STORE = "stateful-new-terms";

    /**
     * The window stores' changelogs are {@code compact,delete}: the broker deletes by record timestamp, and a
     * window's changelog record carries the event time of the hit that wrote it. Replayed or delayed events (older
     * than the changelog's retention, the window plus a day) would be deleted at the broker's next retention check,
     * and a restore would lose their counts. Stamped on append, the state lives its retention from when it was
     * written (design §8: retention counts from when Vigil received the data). Restoring a window store reads the
     * window from the key, never the record timestamp.
     */
    static final Map<String, String> WINDOW_CHANGELOG = Map.of(
            TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, ChangelogTimestamps.LOG_APPEND_TIME);

    /** The window stores, whose changelogs {@link #WINDOW_CHANGELOG} configures. */
    static final List<String> WINDOW_STORES = List.of(THRESHOLD_STORE, SEQUENCE_STORE, SEQUENCE_ALERTS_STORE);

    private final List<StatefulRule> rules;
    private final StatefulSettings settings;
    private StatefulLogic logic;

    private StatefulProcessor(List<StatefulRule> rules, StatefulSettings settings) {
        this.rules = rules;
        this.settings = settings;
    }

    static ProcessorSupplier<String, StatefulHit, String, Alert> supplier(List<StatefulRule> rules,
                                                                          StatefulSettings settings) {
        List<StatefulRule> copy = List.copyOf(rules);
        Set<StoreBuilder<?>> stores = stores(copy);
        return new ProcessorSupplier<>() {
            @Override
            public Processor<String, StatefulHit, String, Alert> get() {
                return new StatefulProcessor(copy, settings);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return stores;
            }
        };
    }

    /** The stores of the kinds in use, each retained as long as its longest rule needs. */
    static Set<StoreBuilder<?>> stores(List<StatefulRule> rules) {
        Set<StoreBuilder<?>> stores = new HashSet<>();
        Duration thresholdRetention = retention(rules, StatefulKind.THRESHOLD);
        if (thresholdRetention != null) {
            Duration window = rules.stream().filter(r -> r.kind() == StatefulKind.THRESHOLD)
                    .map(StatefulRule::window).max(Duration::compareTo).orElseThrow();
            stores.add(windowStore(THRESHOLD_STORE, thresholdRetention, window, false,
                    JsonSerde.of(ThresholdWindow.class)));
        }
        Duration sequenceRetention = retention(rules, StatefulKind.SEQUENCE);
        if (sequenceRetention != null) {
            stores.add(windowStore(SEQUENCE_STORE, sequenceRetention, Duration.ofMillis(1), true,
                    new SequenceStepSerde()));
            stores.add(windowStore(SEQUENCE_ALERTS_STORE, sequenceRetention, Duration.ofMillis(1), false,
                    JsonSerde.of(SequenceMatch.class)));
        }
        if (retention(rules, StatefulKind.NEW_TERMS) != null) {
            stores.add(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(NEW_TERMS_STORE), Serdes.String(),
                    JsonSerde.of(TermBaseline.class)));
        }
        return Set.copyOf(stores);
    }

    /** A changelogged persistent window store with its offset in a checkpoint file ({@link CheckpointedWindowStore}). */
    private static <V> StoreBuilder<WindowStore<String, V>> windowStore(String name, Duration retention,
                                                                       Duration window, boolean duplicates,
                                                                       Serde<V> values) {
        return Stores.windowStoreBuilder(CheckpointedWindowStore.supplier(Stores.persistentWindowStore(name,
                retention, window, duplicates)), Serdes.String(), values).withLoggingEnabled(WINDOW_CHANGELOG);
    }

    private static Duration retention(List<StatefulRule> rules, StatefulKind kind) {
        return rules.stream().filter(rule -> rule.kind() == kind).map(StatefulRule::retention)
                .max(Duration::compareTo).orElse(null);
    }

    @Override
    public void init(ProcessorContext<String, Alert> context) {
        Set<StatefulKind> kinds = new HashSet<>();
        rules.forEach(rule -> kinds.add(rule.kind()));
        StatefulState state = new KafkaStatefulState(context,
                kinds.contains(StatefulKind.THRESHOLD) ? context.getStateStore(THRESHOLD_STORE) : null,
                kinds.contains(StatefulKind.SEQUENCE) ? context.getStateStore(SEQUENCE_STORE) : null,
                kinds.contains(StatefulKind.SEQUENCE) ? context.getStateStore(SEQUENCE_ALERTS_STORE) : null,
                kinds.contains(StatefulKind.NEW_TERMS) ? context.getStateStore(NEW_TERMS_STORE) : null);
        logic = new StatefulLogic(rules, state, settings);
        if (kinds.contains(StatefulKind.NEW_TERMS)) {
            context.schedule(settings.purgeInterval(), PunctuationType.WALL_CLOCK_TIME, now -> logic.purge());
        }
    }

    @Override
    public void process(Record<String, StatefulHit> record) {
        logic.process(record.value());
    }
}

package dev.vigil.streams.stateful;

import dev.vigil.model.alert.Alert;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The stateful rules' state in the processor's changelogged stores (those of kinds not in use are null), stream time
 * from the task, alerts forwarded downstream, counters as Kafka Streams metrics (group
 * {@code stream-vigil-stateful-metrics}, tag {@code vigil-stateful-id} = rule id: {@code late-dropped-total},
 * {@code terms-evicted-total}).
 */
final class KafkaStatefulState implements StatefulState {

    static final String METRICS_SCOPE = "vigil-stateful";

    private final ProcessorContext<String, Alert> context;
    private final WindowStore<String, ThresholdWindow> windows;
    private final WindowStore<String, SequenceStep> steps;
    private final WindowStore<String, SequenceMatch> matches;
    private final KeyValueStore<String, TermBaseline> baselines;
    private final Map<String, Sensor> sensors = new HashMap<>();

    KafkaStatefulState(ProcessorContext<String, Alert> context, WindowStore<String, ThresholdWindow> windows,
                       WindowStore<String, SequenceStep> steps, WindowStore<String, SequenceMatch> matches,
                       KeyValueStore<String, TermBaseline> baselines) {
        this.context = context;
        this.windows = windows;
        this.steps = steps;
        this.matches = matches;
        this.baselines = baselines;
    }

    @Override
    public long streamTime() {
        return context.currentStreamTimeMs();
    }

    /**
     * Stamped with the wall clock, not the event time: the record's timestamp decides when the broker deletes it from
     * {@code vigil.alerts}, and an alert raised on replayed or delayed events must not be deleted before the SIEM or
     * the indexer read it (design §8). The alert's own times stay the events'.
     */
    @Override
    public void emit(Alert alert) {
        context.forward(new Record<>(alert.id(), alert, context.currentSystemTimeMs()));
    }

    @Override
    public ThresholdWindow window(String key, long start) {
        return windows.fetch(key, start);
    }

    @Override
    public void window(String key, long start, ThresholdWindow window) {
        windows.put(key, window, start);
    }

    @Override
    public List<SequenceStep> steps(String key, long from, long to) {
        List<SequenceStep> found = new ArrayList<>();
        try (WindowStoreIterator<SequenceStep> kept = steps.fetch(key, Math.max(0, from), to)) {
            while (kept.hasNext()) {
                found.add(kept.next().value);
            }
        }
        return found;
    }

    @Override
    public void step(String key, SequenceStep step) {
        steps.put(key, step, step.time());
    }

    @Override
    public SequenceMatch match(String key, long firstTime) {
        return matches.fetch(key, firstTime);
    }

    @Override
    public void match(String key, long firstTime, SequenceMatch match) {
        matches.put(key, match, firstTime);
    }

    @Override
    public TermBaseline baseline(String key) {
        return baselines.get(key);
    }

    @Override
    public void baseline(String key, TermBaseline baseline) {
        if (baseline == null) {
            baselines.delete(key);
        } else {
            baselines.put(key, baseline);
        }
    }

    @Override
    public void forEachBaseline(BiConsumer<String, TermBaseline> visitor) {
        try (KeyValueIterator<String, TermBaseline> entries = baselines.all()) {
            while (entries.hasNext()) {
                KeyValue<String, TermBaseline> entry = entries.next();
                visitor.accept(entry.key, entry.value);
            }
        }
    }

    @Override
    public void count(String rule, String what) {
        sensors.computeIfAbsent(rule + "/" + what, name -> context.metrics()
                .addRateTotalSensor(METRICS_SCOPE, rule, what, Sensor.RecordingLevel.INFO)).record();
    }
}

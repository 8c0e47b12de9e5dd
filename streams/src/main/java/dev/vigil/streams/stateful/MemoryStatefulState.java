package dev.vigil.streams.stateful;

import dev.vigil.model.alert.Alert;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * The stateful rules' state in maps, for offline evaluation of a file: nothing expires (a file is finite), stream
 * time is the newest event time fed so far.
 */
final class MemoryStatefulState implements StatefulState {

    private final Map<String, ThresholdWindow> windows = new HashMap<>();
    private final Map<String, TreeMap<Long, List<SequenceStep>>> steps = new HashMap<>();
    private final Map<String, SequenceMatch> matches = new HashMap<>();
    private final Map<String, TermBaseline> baselines = new LinkedHashMap<>();
    private final List<Alert> emitted = new ArrayList<>();
    private final Map<String, Long> counts = new LinkedHashMap<>();
    private long streamTime = Long.MIN_VALUE;

    void advance(long eventTime) {
        streamTime = Math.max(streamTime, eventTime);
    }

    /** The alerts emitted since the last call, in order (an alert updated twice appears twice). */
    List<Alert> drain() {
        List<Alert> drained = List.copyOf(emitted);
        emitted.clear();
        return drained;
    }

    Map<String, Long> counts() {
        return counts;
    }

    @Override
    public long streamTime() {
        return streamTime;
    }

    @Override
    public void emit(Alert alert) {
        emitted.add(alert);
    }

    @Override
    public ThresholdWindow window(String key, long start) {
        return windows.get(key + "@" + start);
    }

    @Override
    public void window(String key, long start, ThresholdWindow window) {
        windows.put(key + "@" + start, window);
    }

    @Override
    public List<SequenceStep> steps(String key, long from, long to) {
        TreeMap<Long, List<SequenceStep>> kept = steps.get(key);
        List<SequenceStep> found = new ArrayList<>();
        if (kept != null && from <= to) {
            kept.subMap(from, true, to, true).values().forEach(found::addAll);
        }
        return found;
    }

    @Override
    public void step(String key, SequenceStep step) {
        steps.computeIfAbsent(key, k -> new TreeMap<>()).computeIfAbsent(step.time(), t -> new ArrayList<>()).add(step);
    }

    @Override
    public SequenceMatch match(String key, long firstTime) {
        return matches.get(key + "@" + firstTime);
    }

    @Override
    public void match(String key, long firstTime, SequenceMatch match) {
        matches.put(key + "@" + firstTime, match);
    }

    @Override
    public TermBaseline baseline(String key) {
        return baselines.get(key);
    }

    @Override
    public void baseline(String key, TermBaseline baseline) {
        if (baseline == null) {
            baselines.remove(key);
        } else {
            baselines.put(key, baseline);
        }
    }

    @Override
    public void forEachBaseline(BiConsumer<String, TermBaseline> visitor) {
        baselines.forEach(visitor);
    }

    @Override
    public void count(String rule, String what) {
        counts.merge(rule + " " + what, 1L, Long::sum);
    }
}

package dev.vigil.streams.stateful;

import dev.vigil.model.alert.Alert;

import java.util.List;
import java.util.function.BiConsumer;

/**
 * What the stateful rules read and write: Kafka Streams stores in the topology ({@link KafkaStatefulState}), maps in
 * memory for {@code vigil rules test} ({@link MemoryStatefulState}), so both run the very same rule logic.
 */
interface StatefulState {

    /** The newest event time seen (the task's stream time): what lateness and grace are measured against. */
    long streamTime();

    /** Sends an alert (to {@code vigil.alerts}, or to the offline result). */
    void emit(Alert alert);

    ThresholdWindow window(String key, long start);

    void window(String key, long start, ThresholdWindow window);

    /** Kept sequence-step events of a key with event times in [from, to], oldest first. */
    List<SequenceStep> steps(String key, long from, long to);

    void step(String key, SequenceStep step);

    SequenceMatch match(String key, long firstTime);

    void match(String key, long firstTime, SequenceMatch match);

    TermBaseline baseline(String key);

    /** Stores a baseline; null deletes it. */
    void baseline(String key, TermBaseline baseline);

    /** Visits every baseline (for the history purge); the visitor must not change the state while visiting. */
    void forEachBaseline(BiConsumer<String, TermBaseline> visitor);

    /** Counts a hit dropped for lateness, or a forgotten new-terms value, for the rule's metrics. */
    void count(String rule, String what);
}

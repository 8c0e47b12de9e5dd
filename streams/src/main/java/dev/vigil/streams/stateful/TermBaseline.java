package dev.vigil.streams.stateful;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one new-terms key has done: each combination of terms with the event time it was last seen (epoch millis),
 * at most {@code max_terms} of them; {@code capped} once the key reached the cap (logged once). The rule's learning
 * start is kept as a baseline of its own with {@code since} set.
 */
record TermBaseline(Map<String, Long> terms, boolean capped, Long since) {

    TermBaseline {
        terms = terms == null ? new LinkedHashMap<>() : new LinkedHashMap<>(terms);
    }

    static TermBaseline learningFrom(long since) {
        return new TermBaseline(Map.of(), false, since);
    }
}

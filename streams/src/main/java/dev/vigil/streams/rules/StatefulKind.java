package dev.vigil.streams.rules;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of stateful audit rules ({@code kind:} in a rule file). */
public enum StatefulKind {
    /** A count, or a count of distinct values, per key in an event-time window. */
    THRESHOLD("threshold"),
    /** One step, then another with the same join key, within a time limit. */
    SEQUENCE("sequence"),
    /** The first time a combination of values is seen for a key within a history. */
    NEW_TERMS("new_terms");

    private final String word;

    StatefulKind(String word) {
        this.word = word;
    }

    /** The word used in rule files. */
    public String word() {
        return word;
    }

    static Optional<StatefulKind> of(String word) {
        return Arrays.stream(values()).filter(kind -> kind.word.equals(word)).findFirst();
    }
}

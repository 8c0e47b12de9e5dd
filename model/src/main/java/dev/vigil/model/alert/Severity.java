package dev.vigil.model.alert;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** Alert severity of the contract: the {@code vigil.severity} word and its ECS {@code event.severity} score. */
public enum Severity {
    CRITICAL(99), HIGH(73), MEDIUM(47), LOW(21), INFO(0);

    private final int score;

    Severity(int score) {
        this.score = score;
    }

    public int score() {
        return score;
    }

    @JsonValue
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Severity of(String word) {
        return valueOf(word.trim().toUpperCase(Locale.ROOT));
    }

    public boolean atLeast(Severity other) {
        return score >= other.score;
    }
}

package dev.vigil.model.alert;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/**
 * {@code vigil.status} of a posture finding (a compatible extension of the alert contract): {@code open} while the
 * cause is there, {@code resolved} once the stream saw it go away. Alerts of other rules carry no status.
 */
public enum AlertStatus {
    OPEN, RESOLVED;

    @JsonValue
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static AlertStatus of(String word) {
        return valueOf(word.trim().toUpperCase(Locale.ROOT));
    }
}

package dev.vigil.streams.stateful;

import dev.vigil.model.alert.Alert;

import java.util.Objects;
import java.util.function.Function;

/**
 * One event of one step of a sequence rule, kept for its partner: its audit id, event time and alert prototype. Read
 * from the {@code stateful-sequence} store ({@link SequenceStepSerde}), the prototype stays bytes until
 * {@link #alert()} is asked: each hit of a sequence rule scans every event its key keeps within {@code within} (the
 * redelivery check, the partner search), and decoding ~1.5 KB of alert per kept event was most of the stateful
 * processor's time, though only the one partner chosen is ever turned into an alert.
 */
final class SequenceStep {

    private final String auditId;
    private final long time;
    private final byte[] alertJson;
    private final Function<byte[], Alert> decoder;
    private Alert alert;

    SequenceStep(String auditId, long time, Alert alert) {
        this(auditId, time, alert, null, null);
    }

    private SequenceStep(String auditId, long time, Alert alert, byte[] alertJson, Function<byte[], Alert> decoder) {
        this.auditId = auditId;
        this.time = time;
        this.alert = alert;
        this.alertJson = alertJson;
        this.decoder = decoder;
    }

    /** A step whose prototype is decoded from {@code alertJson} (the JSON of an alert, or null) when first asked. */
    static SequenceStep lazy(String auditId, long time, byte[] alertJson, Function<byte[], Alert> decoder) {
        return new SequenceStep(auditId, time, null, alertJson, Objects.requireNonNull(decoder, "decoder"));
    }

    String auditId() {
        return auditId;
    }

    long time() {
        return time;
    }

    Alert alert() {
        if (alert == null && alertJson != null) {
            alert = decoder.apply(alertJson);
        }
        return alert;
    }

    /** Whether the prototype has been decoded (or never was bytes). */
    boolean alertDecoded() {
        return alert != null || alertJson == null;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SequenceStep step && time == step.time && Objects.equals(auditId, step.auditId)
                && Objects.equals(alert(), step.alert());
    }

    @Override
    public int hashCode() {
        return Objects.hash(auditId, time, alert());
    }

    @Override
    public String toString() {
        return "SequenceStep[auditId=" + auditId + ", time=" + time + ", alert=" + alert() + "]";
    }
}

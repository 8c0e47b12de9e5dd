package dev.vigil.streams.kafka;

import dev.vigil.model.dlq.DeadLetter;

/**
 * A record from outside after decoding: the value, or the dead letter that says why it could not be used.
 * Decoding processors emit this so that the topology branches bad data explicitly.
 */
public sealed interface Intake<T> {

    static <T> Intake<T> accepted(T value) {
        return new Accepted<>(value);
    }

    static <T> Intake<T> rejected(DeadLetter letter) {
        return new Rejected<>(letter);
    }

    record Accepted<T>(T value) implements Intake<T> {
    }

    record Rejected<T>(DeadLetter letter) implements Intake<T> {
    }
}

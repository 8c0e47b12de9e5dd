package dev.vigil.model.json;

import java.util.function.Function;

/**
 * The result of decoding untrusted input: a value, or the reason it could not be decoded together with the
 * original text. Decoders return this instead of throwing, so bad data can never kill a stream thread.
 */
public sealed interface Decoded<T> {

    static <T> Decoded<T> ok(T value) {
        return new Ok<>(value);
    }

    static <T> Decoded<T> failed(String reason, String original) {
        return new Failed<>(reason, original);
    }

    boolean isOk();

    /** The value; throws {@link IllegalStateException} on a failure. */
    T value();

    <R> Decoded<R> map(Function<T, R> mapper);

    record Ok<T>(T value) implements Decoded<T> {
        @Override
        public boolean isOk() {
            return true;
        }

        @Override
        public <R> Decoded<R> map(Function<T, R> mapper) {
            return new Ok<>(mapper.apply(value));
        }
    }

    record Failed<T>(String reason, String original) implements Decoded<T> {
        @Override
        public boolean isOk() {
            return false;
        }

        @Override
        public T value() {
            throw new IllegalStateException("not decoded: " + reason);
        }

        @Override
        public <R> Decoded<R> map(Function<T, R> mapper) {
            return new Failed<>(reason, original);
        }
    }
}

package dev.vigil.console.topics;

/** Kafka could not be read: answered as 503, the client may retry. */
public final class TopicUnavailableException extends RuntimeException {

    TopicUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.vigil.console.deadletters;

/** Kafka could not be read for the dead-letter view: answered as 503, the client may retry. */
final class DeadLettersUnavailableException extends RuntimeException {

    DeadLettersUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

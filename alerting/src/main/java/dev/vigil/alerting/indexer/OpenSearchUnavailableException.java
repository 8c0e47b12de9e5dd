package dev.vigil.alerting.indexer;

/** A bulk request as a whole got no answer (node down, timeout) or an error answer: nothing of it counts as done. */
final class OpenSearchUnavailableException extends Exception {

    OpenSearchUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

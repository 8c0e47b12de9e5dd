package dev.vigil.ingest.webhook;

/** The request body does not start with a JSON value at all (or is empty); answered with 400 and the reason. */
final class NotJsonException extends Exception {

    NotJsonException(String reason) {
        super(reason);
    }
}

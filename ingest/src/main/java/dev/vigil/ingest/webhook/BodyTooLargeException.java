package dev.vigil.ingest.webhook;

import java.io.IOException;

/** The request body is larger than {@code vigil.ingest.max-body-size}; answered with 413. */
final class BodyTooLargeException extends IOException {

    BodyTooLargeException(long limit) {
        super("the request body is larger than the limit of " + limit + " bytes");
    }
}

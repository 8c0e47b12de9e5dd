package dev.vigil.ingest.http;

import java.io.IOException;
import java.time.Duration;

/** The request body did not arrive within {@code vigil.ingest.body-read-timeout}; answered with 408 by every HTTP intake. */
public final class BodyReadTimeoutException extends IOException {

    public BodyReadTimeoutException(Duration timeout, long received) {
        super("the request body was not received within its deadline of " + timeout.toMillis() + " ms (" + received
                + " bytes arrived); nothing of it is acknowledged, send it again");
    }
}

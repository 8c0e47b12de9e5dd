package dev.vigil.ingest.http;

import java.io.IOException;

/**
 * The request body is larger than {@code vigil.ingest.max-body-size}: answered with 413 (Firehose's endpoint answers
 * 500, which Firehose retries and then keeps in its S3 backup, where it drops a 413 for good).
 */
public final class BodyTooLargeException extends IOException {

    public BodyTooLargeException(long limit) {
        super("the request body is larger than the limit of " + limit + " bytes");
    }
}

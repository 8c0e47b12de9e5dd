package dev.vigil.console.query;

/** OpenSearch could not serve a read of the query API: answered as 503, the client may retry. */
public final class OpenSearchQueryException extends RuntimeException {

    public OpenSearchQueryException(String message, Throwable cause) {
        super(message, cause);
    }
}

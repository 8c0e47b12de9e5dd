package dev.vigil.ingest.webhook;

/** No room for another request right now ({@link RequestLimits}); answered 429 or 503 with {@code Retry-After}. */
final class RequestRefusedException extends Exception {

    private final RequestLimits.Refusal refusal;

    RequestRefusedException(RequestLimits.Refusal refusal, String message) {
        super(message, null, false, false);
        this.refusal = refusal;
    }

    RequestLimits.Refusal refusal() {
        return refusal;
    }
}

package dev.vigil.model.redact;

/**
 * The shape-based redaction of docs/redaction.md for text that is not an audit event: log lines and dead-letter
 * reasons that quote event content. Returns the same instance when nothing looks secret.
 */
public final class SecretText {

    /** What a secret value is replaced with, here and in evidence documents. */
    public static final String REDACTED = "[REDACTED]";

    private SecretText() {
    }

    public static String redact(String text) {
        return SecretPatterns.redact(text);
    }
}

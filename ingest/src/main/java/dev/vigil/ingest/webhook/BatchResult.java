package dev.vigil.ingest.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The answer to one webhook batch: events Kafka acknowledged ({@code accepted}), and items that went to the
 * dead-letter topic instead ({@code rejected}). Compatible extensions, present only when they apply:
 * {@code altered} — accepted events sent without their request/response object (unreadable, or too large for a
 * Kafka record; the event's {@code droppedObjects} says which, the original text is in the dead-letter topic too);
 * {@code unread} — the body broke off (a bracket closed the wrong one) and the rest could not be split into items:
 * why, and how many characters went to the dead-letter topic as they were (counted in {@code rejected} by part).
 */
record BatchResult(long accepted, long rejected,
                   @JsonInclude(JsonInclude.Include.NON_DEFAULT) long altered,
                   @JsonInclude(JsonInclude.Include.NON_NULL) Unread unread) {

    BatchResult(long accepted, long rejected) {
        this(accepted, rejected, 0, null);
    }

    /** The part of a body that could not be read as items, all of it dead-lettered. */
    record Unread(String reason, long characters) {
    }
}

package dev.vigil.console.triage;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What an analyst asks for: a status, the reason when closing, and for a single alert its assignee and notes.
 * {@code assignee} and {@code notes} left null keep what the alert had (a bulk action changes the status only).
 */
public record TriageChange(String status, String reason, String assignee, String notes) {

    static final Set<String> STATUSES = Set.of(Triage.OPEN, Triage.ACKNOWLEDGED, Triage.CLOSED);
    static final Set<String> REASONS = Set.of(Triage.RESOLVED, Triage.FALSE_POSITIVE);
    static final int MAX_ASSIGNEE = 200;
    static final int MAX_NOTES = 10_000;

    /** The change with status and reason in their contract words; bad input is an {@link IllegalArgumentException}. */
    public TriageChange validated() {
        String word = status == null ? null : status.trim().toLowerCase(Locale.ROOT);
        if (word == null || !STATUSES.contains(word)) {
            throw new IllegalArgumentException("status must be one of open, acknowledged, closed, not '" + status + "'");
        }
        String why = reason == null || reason.isBlank() ? null
                : reason.trim().toLowerCase(Locale.ROOT).replace(' ', '_');
        if (Triage.CLOSED.equals(word) && (why == null || !REASONS.contains(why))) {
            throw new IllegalArgumentException("reason must be resolved or false_positive when the status is closed, not '"
                    + reason + "'");
        }
        if (!Triage.CLOSED.equals(word) && why != null) {
            throw new IllegalArgumentException("reason is only for status closed");
        }
        if (assignee != null && assignee.length() > MAX_ASSIGNEE) {
            throw new IllegalArgumentException("assignee must be at most " + MAX_ASSIGNEE + " characters");
        }
        if (notes != null && notes.length() > MAX_NOTES) {
            throw new IllegalArgumentException("notes must be at most " + MAX_NOTES + " characters");
        }
        return new TriageChange(word, why, assignee == null ? null : assignee.trim(), notes);
    }

    /** The status filter of {@code GET /v1/alerts?status=}: known words only. */
    static List<String> statuses(List<String> words) {
        return words.stream().map(word -> word.trim().toLowerCase(Locale.ROOT)).filter(word -> !word.isEmpty())
                .peek(word -> {
                    if (!STATUSES.contains(word)) {
                        throw new IllegalArgumentException("status must be one of open, acknowledged, closed, not '"
                                + word + "'");
                    }
                }).distinct().toList();
    }
}

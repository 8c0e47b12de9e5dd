package dev.vigil.console.triage;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;

/**
 * An analyst's verdict on one alert, {@code vigil.triage} of the alert contract (design §5): written by the console
 * only, kept in the {@code vigil-triage} index under the alert's id and joined to the alert when it is read.
 *
 * @param status    {@code open}, {@code acknowledged} or {@code closed}
 * @param reason    why it was closed, {@code resolved} or {@code false_positive}; null unless closed
 * @param updatedBy the console user who made the last change
 * @param alertCount the alert's {@code vigil.count} when the verdict was given (null for verdicts stored before it
 *                   was recorded). Dedup folds later hits of the same rule and key into the same alert, so a higher
 *                   count now means events the verdict has not seen: an attacker's repeat behind a closed alert
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Triage(String status, String reason, String assignee, String notes,
                     @JsonProperty("updated_by") String updatedBy, @JsonProperty("updated_at") Instant updatedAt,
                     @JsonProperty("alert_count") Long alertCount) {

    public static final String OPEN = "open";
    public static final String ACKNOWLEDGED = "acknowledged";
    public static final String CLOSED = "closed";
    public static final String RESOLVED = "resolved";
    public static final String FALSE_POSITIVE = "false_positive";

    /** Whether this verdict calls the alert a false positive. */
    public boolean falsePositive() {
        return CLOSED.equals(status) && FALSE_POSITIVE.equals(reason);
    }
}

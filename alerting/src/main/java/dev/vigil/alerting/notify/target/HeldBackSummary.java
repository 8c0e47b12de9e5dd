package dev.vigil.alerting.notify.target;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.vigil.model.alert.Severity;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The alerts a notifier's rate limit held back during one period: sent to the target as one message (and logged
 * and counted), so the SOC learns about every alert even when it is not paged for each. The held-back alerts
 * themselves stay searchable in OpenSearch.
 *
 * @param notifier    the notifier's name
 * @param heldBack    how many alerts were held back
 * @param from        when the first of them was held back
 * @param until       when the summary was made
 * @param limit       the configured maximum per period
 * @param period      the rate-limit period
 * @param byRule      held-back alerts per rule id
 * @param highest     the highest severity among them
 * @param alertIds    the first {@value #MAX_IDS} held-back alert ids
 */
public record HeldBackSummary(
        String notifier,
        @JsonProperty("held_back") long heldBack,
        Instant from,
        Instant until,
        int limit,
        Duration period,
        @JsonProperty("by_rule") Map<String, Long> byRule,
        @JsonProperty("highest_severity") Severity highest,
        @JsonProperty("alert_ids") List<String> alertIds) {

    /** How many alert ids a summary lists. */
    public static final int MAX_IDS = 10;

    /** Always {@code rate_limit_summary}: lets webhook receivers tell a summary from an alert document. */
    @JsonProperty("type")
    public String type() {
        return "rate_limit_summary";
    }

    /** One line for humans: {@code 12 alerts held back by rate limit 10/PT1M since …: privileged-pod=8, …}. */
    public String describe() {
        return heldBack + " alert" + (heldBack == 1 ? "" : "s") + " held back by rate limit " + limit + "/" + period
                + " between " + from + " and " + until + " (highest severity " + highest.word() + "): " + byRule;
    }
}

package dev.vigil.console.overview;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The answer of {@code GET /v1/overview}: what happened in a window, in counts that each equal the total of
 * {@code GET /v1/alerts} with the same window, cluster and the one filter the count is about.
 *
 * @param since      start of the window as resolved (an age such as {@code 24h} becomes an instant)
 * @param until      end of the window
 * @param cluster    the cluster filter, null for all
 * @param interval   width of one bar, e.g. {@code 30m}
 * @param total      alerts in the window
 * @param severities alerts per severity, every severity present (0 when none)
 * @param triage     alerts per triage status (open = not acknowledged or closed)
 * @param overTime   the bars, oldest first, each with its own window
 * @param top        the ten most frequent rules, principals, namespaces and clusters
 */
record Overview(Instant since, Instant until, String cluster, String interval, long total,
                Map<String, Long> severities, Map<String, Long> triage,
                @JsonProperty("over_time") List<Bucket> overTime, Top top) {

    /**
     * One bar: alerts with {@code @timestamp} from {@code since} to {@code until} (both inclusive, as the alert list
     * filters; {@code until} is a millisecond before the next bar starts).
     */
    record Bucket(Instant since, Instant until, long total, Map<String, Long> severities) {
    }

    /** A value of a top list with its alert count. */
    record Entry(String value, long count) {
    }

    /** A top list and how many alerts of the window have another value (or none). */
    record TopList(List<Entry> values, long other) {
    }

    record Top(TopList rules, TopList principals, TopList namespaces, TopList clusters) {
    }
}

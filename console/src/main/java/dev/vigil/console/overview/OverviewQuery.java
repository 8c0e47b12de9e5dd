package dev.vigil.console.overview;

import dev.vigil.console.query.InvalidParameterException;
import dev.vigil.console.query.QueryParameters;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The window and cluster of {@code GET /v1/overview}, validated, with the histogram interval chosen for it. Times take
 * the forms of {@code GET /v1/alerts} ({@code 24h}, a date, an RFC 3339 instant) and select alerts by
 * {@code @timestamp} as the alert list does, so every count links to a list with the same total.
 *
 * @param since    start of the window (inclusive); default 24 h before now
 * @param until    end of the window (inclusive, as {@code until} of the alert list); default now
 * @param cluster  only this cluster's alerts, or null for all
 * @param interval the width of one bar of the histogram
 */
record OverviewQuery(Instant since, Instant until, String cluster, Duration interval) {

    static final Duration DEFAULT_RANGE = Duration.ofHours(24);
    /** About this many bars, whatever the window: enough to see a burst, few enough to read at 390 px. */
    static final int TARGET_BUCKETS = 48;
    /** Round bar widths, so that bars start at times a person reads easily. */
    private static final List<Duration> STEPS = List.of(Duration.ofSeconds(1), Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(5),
            Duration.ofMinutes(10), Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofHours(1),
            Duration.ofHours(3), Duration.ofHours(6), Duration.ofHours(12), Duration.ofDays(1), Duration.ofDays(7));

    OverviewQuery {
        if (!since.isBefore(until)) {
            throw new InvalidParameterException("since", since + " is not before until " + until);
        }
        cluster = QueryParameters.text(cluster);
    }

    /**
     * From request parameters (any may be null). {@code from}/{@code to} are accepted as other names of
     * {@code since}/{@code until}; giving both names of one end is a 400.
     */
    static OverviewQuery of(String since, String until, String from, String to, String cluster, Instant now) {
        String startName = blank(since) && !blank(from) ? "from" : "since";
        String endName = blank(until) && !blank(to) ? "to" : "until";
        Instant startTime = QueryParameters.time(startName, either("since", since, "from", from), now);
        Instant endTime = QueryParameters.time(endName, either("until", until, "to", to), now);
        Instant last = endTime == null ? now : endTime;
        Instant first = startTime == null ? last.minus(DEFAULT_RANGE) : startTime;
        if (!first.isBefore(last)) {
            throw new InvalidParameterException(startName, first + " is not before the end of the window " + last);
        }
        return new OverviewQuery(first, last, cluster, interval(Duration.between(first, last)));
    }

    /** The smallest round step that splits the window into at most about {@link #TARGET_BUCKETS} bars. */
    static Duration interval(Duration range) {
        Duration wanted = range.dividedBy(TARGET_BUCKETS);
        for (Duration step : STEPS) {
            if (step.compareTo(wanted) >= 0) {
                return step;
            }
        }
        long days = (wanted.toSeconds() + 86_399) / 86_400;
        return Duration.ofDays(days);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String either(String name, String value, String alias, String aliasValue) {
        boolean given = !blank(value);
        boolean aliasGiven = !blank(aliasValue);
        if (given && aliasGiven) {
            throw new InvalidParameterException(alias, "is another name of " + name + "; give one of them");
        }
        return given ? value : aliasGiven ? aliasValue : null;
    }
}

package dev.vigil.console.query;

import dev.vigil.model.alert.Severity;

import java.time.Instant;
import java.util.List;

/**
 * The filters and order of {@code GET /v1/alerts}, validated. Times are RFC 3339 instants, dates ({@code 2026-11-23},
 * start of the day in UTC) or ages relative to now ({@code 15m}, {@code 24h}, {@code 7d}); multi-valued filters take
 * a comma-separated list or a repeated parameter; {@code q} is a simple query string (see {@link AlertSearch#TEXT_FIELDS})
 * over message, rule, principal, object, namespace, cluster and source IP. Besides the contract's filters, {@code bsi}
 * selects alerts naming a requirement ({@code APP.4.4.A4}). Pages are either {@code from}/{@code size} (within the
 * first {@value #MAX_WINDOW} matches) or {@code cursor}/{@code size}: the {@code next} value of the previous page,
 * which reaches every match however many there are.
 */
public record AlertQuery(Instant since, Instant until, List<String> rules, List<Severity> severities,
                         List<String> bsi, String cluster, String namespace, String text, int size, int from,
                         AlertSort sort, boolean descending, AlertCursor cursor, String principal) {

    static final int DEFAULT_SIZE = 50;
    static final int MAX_SIZE = 500;
    /** OpenSearch's default {@code index.max_result_window}: deeper pages need search_after. */
    static final int MAX_WINDOW = 10_000;

    public AlertQuery {
        principal = QueryParameters.text(principal);
        rules = rules == null ? List.of() : List.copyOf(rules);
        severities = severities == null ? List.of() : List.copyOf(severities);
        bsi = bsi == null ? List.of() : List.copyOf(bsi);
        sort = sort == null ? AlertSort.UPDATED : sort;
        if (size < 0 || size > MAX_SIZE) {
            throw new InvalidParameterException("size", "must be between 0 and " + MAX_SIZE + ", not " + size);
        }
        if (from < 0 || from + size > MAX_WINDOW) {
            throw new InvalidParameterException("from", "must be at least 0 and from + size at most " + MAX_WINDOW
                    + " (page further with cursor)");
        }
        if (cursor != null && from != 0) {
            throw new InvalidParameterException("from", "and cursor exclude each other: a cursor says where its page starts");
        }
        if (since != null && until != null && since.isAfter(until)) {
            throw new InvalidParameterException("since", since + " is after until " + until);
        }
    }

    /** The first page of these filters in the default order. */
    public AlertQuery(Instant since, Instant until, List<String> rules, List<Severity> severities, List<String> bsi,
                      String cluster, String namespace, String text, int size, int from) {
        this(since, until, rules, severities, bsi, cluster, namespace, text, size, from, AlertSort.UPDATED, true, null,
                null);
    }

    /** With the contract's filters and order as they were in the first version of this record. */
    public AlertQuery(Instant since, Instant until, List<String> rules, List<Severity> severities, List<String> bsi,
                      String cluster, String namespace, String text, int size, int from, AlertSort sort,
                      boolean descending, AlertCursor cursor) {
        this(since, until, rules, severities, bsi, cluster, namespace, text, size, from, sort, descending, cursor, null);
    }

    /** This query narrowed to alerts of one principal ({@code user.name}, exact), or unchanged for a blank one. */
    public AlertQuery withPrincipal(String name) {
        return new AlertQuery(since, until, rules, severities, bsi, cluster, namespace, text, size, from, sort,
                descending, cursor, name);
    }

    /** A query from request parameters (any may be null); {@link IllegalArgumentException} on bad ones. */
    static AlertQuery of(String since, String until, List<String> rules, List<String> severities, List<String> bsi,
                         String cluster, String namespace, String text, Integer size, Integer from, Instant now) {
        return of(since, until, rules, severities, bsi, cluster, namespace, text, size, from, null, null, null, now);
    }

    /** With the order ({@code sort}, {@code order}) and the {@code cursor} of a later page; any may be null. */
    static AlertQuery of(String since, String until, List<String> rules, List<String> severities, List<String> bsi,
                         String cluster, String namespace, String text, Integer size, Integer from, String sort,
                         String order, String cursor, Instant now) {
        AlertSort alertSort = AlertSort.of(sort);
        boolean descending = QueryParameters.descending(order);
        return new AlertQuery(QueryParameters.time("since", since, now), QueryParameters.time("until", until, now),
                values(rules),
                values(severities).stream().map(AlertQuery::severity).toList(), values(bsi), QueryParameters.text(cluster),
                QueryParameters.text(namespace), QueryParameters.text(text), size == null ? DEFAULT_SIZE : size, from == null ? 0 : from,
                alertSort, descending, QueryParameters.text(cursor) == null ? null
                        : AlertCursor.decode(cursor, alertSort, descending));
    }

    private static Severity severity(String word) {
        try {
            return Severity.of(word);
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException("severity", "must be one of critical, high, medium, low, info, not '"
                    + word + "'");
        }
    }

    private static List<String> values(List<String> parameters) {
        if (parameters == null) {
            return List.of();
        }
        return parameters.stream()
                .flatMap(parameter -> java.util.Arrays.stream(parameter.split(",")))
                .map(String::trim)
                .filter(value -> !value.isEmpty())
                .distinct()
                .toList();
    }
}

package dev.vigil.console.query;

import dev.vigil.model.alert.Severity;
import dev.vigil.model.audit.Timestamps;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    private static final Pattern AGE = Pattern.compile("(\\d+)\\s*([smhdw])");

    public AlertQuery {
        principal = blankToNull(principal);
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
        boolean descending = descending(order);
        return new AlertQuery(time("since", since, now), time("until", until, now), values(rules),
                values(severities).stream().map(AlertQuery::severity).toList(), values(bsi), blankToNull(cluster),
                blankToNull(namespace), blankToNull(text), size == null ? DEFAULT_SIZE : size, from == null ? 0 : from,
                alertSort, descending, blankToNull(cursor) == null ? null
                        : AlertCursor.decode(cursor, alertSort, descending));
    }

    private static boolean descending(String order) {
        String word = blankToNull(order);
        if (word == null || word.equalsIgnoreCase("desc")) {
            return true;
        }
        if (word.equalsIgnoreCase("asc")) {
            return false;
        }
        throw new InvalidParameterException("order", "must be desc or asc, not '" + order + "'");
    }

    /** A time parameter: an RFC 3339 instant, a date or an age before {@code now}; null when blank; 400 when bad. */
    public static Instant time(String name, String value, Instant now) {
        String text = blankToNull(value);
        if (text == null) {
            return null;
        }
        Matcher age = AGE.matcher(text.toLowerCase(Locale.ROOT));
        if (age.matches()) {
            long amount = Long.parseLong(age.group(1));
            Duration unit = switch (age.group(2)) {
                case "s" -> Duration.ofSeconds(1);
                case "m" -> Duration.ofMinutes(1);
                case "h" -> Duration.ofHours(1);
                case "d" -> Duration.ofDays(1);
                default -> Duration.ofDays(7);
            };
            return now.minus(unit.multipliedBy(amount));
        }
        if (text.length() == 10) {
            try {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException e) {
                throw invalidTime(name, value);
            }
        }
        return Timestamps.parse(text).orElseThrow(() -> invalidTime(name, value));
    }

    private static IllegalArgumentException invalidTime(String name, String value) {
        return new InvalidParameterException(name, "must be an RFC 3339 time, a date (2026-11-23) or an age "
                + "(15m, 24h, 7d), not '" + value + "'");
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

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}

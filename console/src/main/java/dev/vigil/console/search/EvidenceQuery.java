package dev.vigil.console.search;

import dev.vigil.console.query.InvalidParameterException;
import dev.vigil.console.query.QueryParameters;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One forensic search, validated: {@code q} in OpenSearch's simple query string syntax, a time range ({@code from},
 * {@code to}: RFC 3339, a date or an age like {@code 1h}; by default the last {@code default-range}; {@code from=all}
 * reaches back {@code max-range}, never further), exact field filters, the order of event time and the page.
 *
 * @param filters    evidence field → exact value, in the order of {@link #FILTERS}
 * @param bucketSize the timeline's bucket: one minute or one hour
 */
record EvidenceQuery(String text, Instant from, Instant to, Map<String, String> filters, int size, boolean descending,
                     SearchCursor cursor, Duration bucketSize) {

    static final int DEFAULT_SIZE = 50;
    static final int MAX_SIZE = 500;
    /** Request parameter → the evidence field it filters on (keyword or ip fields of the vigil-audit template). */
    static final Map<String, String> FILTERS = filterFields();
    private static final Pattern IP = Pattern.compile("[0-9A-Fa-f:.]+(/\\d{1,3})?");
    /** Longer ranges are drawn by the hour, shorter by the minute (at most 360 bars). */
    private static final Duration MINUTES_UP_TO = Duration.ofHours(6);

    EvidenceQuery {
        filters = Collections.unmodifiableMap(new LinkedHashMap<>(filters));
    }

    private static Map<String, String> filterFields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("cluster", "orchestrator.cluster.name");
        fields.put("user", "user.name");
        fields.put("namespace", "orchestrator.namespace");
        fields.put("resource", "orchestrator.resource.type");
        fields.put("name", "orchestrator.resource.name");
        fields.put("verb", "kubernetes.audit.verb");
        fields.put("source_ip", "source.ip");
        return Collections.unmodifiableMap(fields);
    }

    /** The query of the request's parameters ({@code parameters} maps names to values; absent ones are null). */
    static EvidenceQuery of(Map<String, String> parameters, SearchProperties properties, Instant now) {
        Instant to = QueryParameters.time("to", parameters.get("to"), now);
        to = to == null ? now : to;
        String fromText = QueryParameters.text(parameters.get("from"));
        Instant from = "all".equalsIgnoreCase(fromText) ? to.minus(properties.maxRange())
                : QueryParameters.time("from", fromText, now);
        from = from == null ? to.minus(properties.defaultRange()) : from;
        if (from.isAfter(to)) {
            throw new InvalidParameterException("from", from + " is after to " + to);
        }
        if (Duration.between(from, to).compareTo(properties.maxRange()) > 0) {
            throw new InvalidParameterException("from", "starts more than " + words(properties.maxRange())
                    + " before to; narrow the range (from=all is the earliest allowed)");
        }
        Map<String, String> filters = new LinkedHashMap<>();
        FILTERS.keySet().forEach(name -> {
            String value = QueryParameters.text(parameters.get(name));
            if (value != null) {
                filters.put(name, value);
            }
        });
        String ip = filters.get("source_ip");
        if (ip != null && (!IP.matcher(ip).matches() || !(ip.contains(".") || ip.contains(":")))) {
            throw new InvalidParameterException("source_ip", "must be an IPv4 or IPv6 address or a CIDR block, not '"
                    + ip + "'");
        }
        int size = QueryParameters.integer("size", parameters.get("size"), DEFAULT_SIZE);
        if (size < 0 || size > MAX_SIZE) {
            throw new InvalidParameterException("size", "must be between 0 and " + MAX_SIZE + ", not " + size);
        }
        boolean descending = QueryParameters.descending(parameters.get("order"));
        String cursor = QueryParameters.text(parameters.get("cursor"));
        return new EvidenceQuery(QueryParameters.text(parameters.get("q")), from, to, filters, size, descending,
                cursor == null ? null : SearchCursor.decode(cursor, descending),
                bucket(parameters.get("bucket"), Duration.between(from, to)));
    }

    private static Duration bucket(String value, Duration range) {
        String word = QueryParameters.text(value);
        if (word == null || word.equals("auto")) {
            return range.compareTo(MINUTES_UP_TO) <= 0 ? Duration.ofMinutes(1) : Duration.ofHours(1);
        }
        return switch (word) {
            case "minute" -> {
                if (range.compareTo(Duration.ofDays(2)) > 0) {
                    throw new InvalidParameterException("bucket", "minute is for ranges up to 2 days; use hour");
                }
                yield Duration.ofMinutes(1);
            }
            case "hour" -> Duration.ofHours(1);
            default -> throw new InvalidParameterException("bucket", "must be minute, hour or auto, not '" + value + "'");
        };
    }

    /** 366d, 24h: how the properties are written. */
    static String words(Duration duration) {
        if (duration.toSeconds() % 86_400 == 0) {
            return duration.toDays() + "d";
        }
        return duration.toSeconds() % 3600 == 0 ? duration.toHours() + "h" : duration.toMinutes() + "m";
    }
}

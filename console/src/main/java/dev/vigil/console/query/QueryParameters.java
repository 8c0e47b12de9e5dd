package dev.vigil.console.query;

import dev.vigil.model.audit.Timestamps;
import jakarta.servlet.http.HttpServletRequest;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The read API's query-string parameters as its endpoints share them: unknown names rejected, blank as absent, and
 * the same words for times, orders and numbers everywhere; a bad value is an {@link InvalidParameterException} (400
 * naming the parameter).
 */
public final class QueryParameters {

    private static final Pattern AGE = Pattern.compile("(\\d+)\\s*([smhdw])");

    private QueryParameters() {
    }

    /** The trimmed value; null when absent or blank (a cleared form field sends an empty parameter). */
    public static String text(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /**
     * A time parameter: an RFC 3339 instant, a date ({@code 2026-11-23}, start of the day in UTC) or an age before
     * {@code now} ({@code 15m}, {@code 24h}, {@code 7d}, {@code 2w}); null when blank.
     */
    public static Instant time(String name, String value, Instant now) {
        String text = text(value);
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

    /** {@code order}: {@code desc} (the default, newest first) or {@code asc}, in any case. */
    public static boolean descending(String order) {
        String word = text(order);
        if (word == null || word.equalsIgnoreCase("desc")) {
            return true;
        }
        if (word.equalsIgnoreCase("asc")) {
            return false;
        }
        throw new InvalidParameterException("order", "must be desc (newest first) or asc, not '" + order + "'");
    }

    /** A whole number; {@code otherwise} when blank. */
    public static int integer(String name, String value, int otherwise) {
        String text = text(value);
        if (text == null) {
            return otherwise;
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new InvalidParameterException(name, "must be a whole number, not '" + value + "'");
        }
    }

    private static InvalidParameterException invalidTime(String name, String value) {
        return new InvalidParameterException(name, "must be an RFC 3339 time, a date (2026-11-23) or an age "
                + "(15m, 24h, 7d), not '" + value + "'");
    }

    /** Rejects (400, naming it) the first parameter outside {@code known}: a misspelt filter would silently match all. */
    public static void requireKnown(HttpServletRequest request, Collection<String> known) {
        for (String name : new TreeSet<>(request.getParameterMap().keySet())) {
            if (!known.contains(name)) {
                throw new InvalidParameterException(name, "is not a parameter of " + request.getRequestURI()
                        + "; known: " + String.join(", ", new TreeSet<>(known)));
            }
        }
    }
}

package dev.vigil.alerting.index;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Optional;

/**
 * The two families of daily indices Vigil writes (design §5, §6): {@code <prefix>-YYYY.MM.DD}, dated by the
 * document's event time in UTC, so a replay of old audit logs lands in the days the events happened and retention
 * removes whole days.
 */
public enum IndexFamily {
    ALERTS("vigil-alerts"),
    EVIDENCE("vigil-audit");

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("uuuu.MM.dd")
            .withZone(ZoneOffset.UTC).withResolverStyle(ResolverStyle.STRICT);

    private final String prefix;

    IndexFamily(String prefix) {
        this.prefix = prefix;
    }

    public String prefix() {
        return prefix;
    }

    /** The wildcard over every daily index of this family, for searches. */
    public String pattern() {
        return prefix + "-*";
    }

    /** The daily index an event of this time belongs to. */
    public String indexFor(Instant eventTime) {
        return prefix + "-" + DAY.format(eventTime);
    }

    /** The day of a daily index of this family, or empty for any other name. */
    public Optional<LocalDate> dayOf(String indexName) {
        if (!indexName.startsWith(prefix + "-") || indexName.length() != prefix.length() + 11) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(indexName.substring(prefix.length() + 1), DAY));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** True when every event a daily index can hold is older than {@code retention} at {@code now}. */
    public boolean expired(String indexName, Duration retention, Instant now) {
        return dayOf(indexName)
                .map(day -> !day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().isAfter(now.minus(retention)))
                .orElse(false);
    }
}

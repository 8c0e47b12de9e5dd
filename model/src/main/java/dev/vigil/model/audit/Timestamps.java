package dev.vigil.model.audit;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Optional;

/**
 * Reads the timestamps real audit logs contain: RFC 3339 (the API server's {@code MicroTime}) and the
 * {@code 2022-11-29 00:09:04.38} form some log shippers write, taken as UTC.
 */
public final class Timestamps {

    private static final DateTimeFormatter SPACE_SEPARATED = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd[' ']['T']HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .toFormatter();

    private Timestamps() {
    }

    public static Optional<Instant> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String trimmed = text.trim();
        try {
            return Optional.of(OffsetDateTime.parse(trimmed, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
        } catch (DateTimeParseException notRfc3339) {
            try {
                return Optional.of(LocalDateTime.parse(trimmed, SPACE_SEPARATED).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException notSpaceSeparated) {
                return Optional.empty();
            }
        }
    }
}

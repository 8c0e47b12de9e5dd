package dev.vigil.model.audit;

import java.time.Instant;
import java.time.LocalDate;
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
 * {@code 2022-11-29 00:09:04.38} form some log shippers write, taken as UTC. The API server's own form,
 * {@code 2024-05-02T10:00:01.004200Z}, is read by hand (three per event, it was 8 % of the stream's CPU through
 * {@link DateTimeFormatter}); anything else goes through the formatters.
 */
public final class Timestamps {

    private static final DateTimeFormatter SPACE_SEPARATED = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd[' ']['T']HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .toFormatter();
    /** {@code yyyy-MM-ddTHH:mm:ssZ}, the shortest text the fast path reads. */
    private static final int SHORTEST_UTC = 20;
    private static final int[] DAYS_IN_MONTH = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    private Timestamps() {
    }

    public static Optional<Instant> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String trimmed = text.trim();
        Instant utc = parseUtc(trimmed);
        if (utc != null) {
            return Optional.of(utc);
        }
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

    /**
     * {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} with valid field values, or null for anything else (which the
     * formatters then judge, so this only ever returns what {@code ISO_OFFSET_DATE_TIME} would).
     */
    static Instant parseUtc(String s) {
        int length = s.length();
        if (length < SHORTEST_UTC || s.charAt(length - 1) != 'Z' || s.charAt(4) != '-' || s.charAt(7) != '-'
                || s.charAt(10) != 'T' || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour < 0 || hour > 23
                || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        int nanos = 0;
        if (length > SHORTEST_UTC) {
            int fractionDigits = length - SHORTEST_UTC - 1;
            if (s.charAt(19) != '.' || fractionDigits < 1 || fractionDigits > 9) {
                return null;
            }
            nanos = digits(s, 20, fractionDigits);
            if (nanos < 0) {
                return null;
            }
            for (int i = fractionDigits; i < 9; i++) {
                nanos *= 10;
            }
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
    }

    /**
     * Whether {@code bytes[from, from + length)} is what {@link #parseUtc} reads, checked on the bytes without a
     * String (the webhook's scanner, two per event): the same tests on the same positions, so true only for ASCII text
     * that {@link #parse} reads; false leaves the answer to {@link #parse}.
     */
    static boolean isUtc(byte[] bytes, int from, int length) {
        if (length < SHORTEST_UTC || bytes[from + length - 1] != 'Z' || bytes[from + 4] != '-'
                || bytes[from + 7] != '-' || bytes[from + 10] != 'T' || bytes[from + 13] != ':'
                || bytes[from + 16] != ':') {
            return false;
        }
        int year = digits(bytes, from, 4);
        int month = digits(bytes, from + 5, 2);
        int day = digits(bytes, from + 8, 2);
        int hour = digits(bytes, from + 11, 2);
        int minute = digits(bytes, from + 14, 2);
        int second = digits(bytes, from + 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour < 0 || hour > 23
                || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return false;
        }
        if (length > SHORTEST_UTC) {
            int fractionDigits = length - SHORTEST_UTC - 1;
            return bytes[from + 19] == '.' && fractionDigits >= 1 && fractionDigits <= 9
                    && digits(bytes, from + 20, fractionDigits) >= 0;
        }
        return true;
    }

    /** {@link #digits(String, int, int)} of bytes. */
    private static int digits(byte[] bytes, int start, int count) {
        int value = 0;
        for (int i = start; i < start + count; i++) {
            byte c = bytes[i];
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static int daysIn(int year, int month) {
        boolean leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        return month == 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
    }

    /** The decimal value of {@code count} ASCII digits from {@code start}, or -1 if any is not a digit. */
    private static int digits(String s, int start, int count) {
        int value = 0;
        for (int i = start; i < start + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}

package dev.vigil.streams.evidence;

import tools.jackson.core.JsonGenerator;

import java.time.Instant;

/**
 * {@link Instant#toString()} (ISO-8601, UTC, fraction in groups of three digits) without the formatter machinery it
 * goes through: an evidence document has up to five instants. Years 1970 to 9999 are written here, others (which
 * need a sign or a {@code +}) by {@link Instant#toString()}; {@code IsoInstantTest} compares the two.
 */
final class IsoInstant {

    /** 9999-12-31T23:59:59Z. */
    private static final long LAST = 253_402_300_799L;

    private IsoInstant() {
    }

    static void write(Instant instant, JsonGenerator gen) {
        char[] text = new char[30];
        int length = format(instant, text);
        if (length < 0) {
            gen.writeString(instant.toString());
        } else {
            gen.writeString(text, 0, length);
        }
    }

    static String format(Instant instant) {
        char[] text = new char[30];
        int length = format(instant, text);
        return length < 0 ? instant.toString() : new String(text, 0, length);
    }

    /** The length written into {@code text}, or -1 for an instant outside 1970–9999. */
    static int format(Instant instant, char[] text) {
        long seconds = instant.getEpochSecond();
        if (seconds < 0 || seconds > LAST) {
            return -1;
        }
        long days = seconds / 86_400;
        int secondOfDay = (int) (seconds % 86_400);
        // days since 1970-01-01 to year, month, day (H. Hinnant's civil_from_days, for non-negative days)
        long z = days + 719_468;
        long era = z / 146_097;
        long dayOfEra = z - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long mp = (5 * dayOfYear + 2) / 153;
        int day = (int) (dayOfYear - (153 * mp + 2) / 5 + 1);
        int month = (int) (mp < 10 ? mp + 3 : mp - 9);
        int year = (int) (yearOfEra + era * 400 + (month <= 2 ? 1 : 0));
        digits(text, 0, year, 4);
        text[4] = '-';
        digits(text, 5, month, 2);
        text[7] = '-';
        digits(text, 8, day, 2);
        text[10] = 'T';
        digits(text, 11, secondOfDay / 3_600, 2);
        text[13] = ':';
        digits(text, 14, secondOfDay / 60 % 60, 2);
        text[16] = ':';
        digits(text, 17, secondOfDay % 60, 2);
        int at = 19;
        int nanos = instant.getNano();
        if (nanos != 0) {
            text[at++] = '.';
            if (nanos % 1_000_000 == 0) {
                digits(text, at, nanos / 1_000_000, 3);
                at += 3;
            } else if (nanos % 1_000 == 0) {
                digits(text, at, nanos / 1_000, 6);
                at += 6;
            } else {
                digits(text, at, nanos, 9);
                at += 9;
            }
        }
        text[at++] = 'Z';
        return at;
    }

    private static void digits(char[] text, int at, int value, int width) {
        int rest = value;
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (char) ('0' + rest % 10);
            rest /= 10;
        }
    }
}

package dev.vigil.model.audit;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The hand-written UTC fast path reads exactly what {@code ISO_OFFSET_DATE_TIME} reads, and the rest still parses. */
class TimestampsTest {

    @Test
    void readsTheApiServersForms() {
        assertThat(Timestamps.parse("2024-05-02T10:00:01.004200Z")).contains(Instant.parse("2024-05-02T10:00:01.004200Z"));
        assertThat(Timestamps.parse("2024-05-02T10:00:01Z")).contains(Instant.parse("2024-05-02T10:00:01Z"));
        assertThat(Timestamps.parse(" 2024-02-29T23:59:59.123456789Z ")).contains(Instant.parse("2024-02-29T23:59:59.123456789Z"));
        assertThat(Timestamps.parse("0001-01-01T00:00:00Z")).contains(Instant.parse("0001-01-01T00:00:00Z"));
    }

    @Test
    void otherFormsGoThroughTheFormatters() {
        assertThat(Timestamps.parse("2024-05-02T12:00:01.5+02:00")).contains(Instant.parse("2024-05-02T10:00:01.5Z"));
        assertThat(Timestamps.parse("2024-05-02t10:00:01z")).contains(Instant.parse("2024-05-02T10:00:01Z"));
        assertThat(Timestamps.parse("2024-05-02T10:00Z")).contains(Instant.parse("2024-05-02T10:00:00Z"));
        assertThat(Timestamps.parse("2024-05-02T10:00:00.Z")).contains(Instant.parse("2024-05-02T10:00:00Z"));
        assertThat(Timestamps.parse("2022-11-29 00:09:04.38")).contains(Instant.parse("2022-11-29T00:09:04.380Z"));
    }

    @Test
    void rejectsWhatIsNoTimestamp() {
        for (String text : List.of("", "  ", "2023-02-29T10:00:00Z", "2024-13-01T10:00:00Z", "2024-04-31T10:00:00Z",
                "2024-05-02T24:00:00Z", "2024-05-02T10:60:00Z", "2024-05-02T10:00:60Z",
                "2024-05-02T10:00:00.1234567890Z", "2024-05-02T10:00:0xZ", "yesterday", "2024-05-02X10:00:00Z")) {
            assertThat(Timestamps.parse(text)).as(text).isEmpty();
        }
        assertThat(Timestamps.parse(null)).isEmpty();
    }

    @Test
    void fastPathAgreesWithTheFormatterOnRandomText() {
        Random random = new Random(42);
        String alphabet = "0123456789-T:.Z";
        String template = "2024-05-02T10:00:01.004200Z";
        for (int i = 0; i < 20_000; i++) {
            char[] chars = template.substring(0, 19 + random.nextInt(9)).toCharArray();
            for (int mutations = random.nextInt(3); mutations > 0; mutations--) {
                chars[random.nextInt(chars.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
            }
            String text = new String(chars) + (random.nextInt(10) == 0 ? "" : "Z");
            Instant fast = Timestamps.parseUtc(text);
            if (fast != null) {
                assertThat(Optional.of(fast)).as(text).isEqualTo(formatter(text));
            }
        }
    }

    private static Optional<Instant> formatter(String text) {
        try {
            return Optional.of(OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}

package dev.vigil.model.audit;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Timestamps#isUtc} on bytes answers as {@link Timestamps#parseUtc} on the text: on the API server's forms and
 * on every one of them with any one character replaced, dropped or added (at an offset in a larger array), so that
 * the scanner's shortcut never accepts a timestamp {@link Timestamps#parse} would refuse.
 */
class TimestampsBytesTest {

    private static final String[] VALID = {"2026-12-03T10:00:00Z", "2026-12-03T10:00:00.001500Z",
            "2024-02-29T23:59:59.123456789Z", "2023-02-28T00:00:00.1Z", "1999-12-31T12:30:45.5Z", "0000-01-01T00:00:00Z"};
    private static final String REPLACEMENTS = "0123456789-T:.Z z+é\u0000/";

    private static List<String> variants() {
        List<String> texts = new ArrayList<>(List.of("", "Z", " 2026-12-03T10:00:00Z", "2026-12-03T10:00:00Z ",
                "2023-02-29T00:00:00Z", "2026-04-31T00:00:00Z", "2026-13-01T00:00:00Z", "2026-12-03T24:00:00Z",
                "2026-12-03T10:60:00Z", "2026-12-03T10:00:60Z", "2026-12-03T10:00:00.Z", "2026-12-03T10:00:00.1234567890Z",
                "2026-12-03T10:00:00+00:00", "2026-12-03 10:00:00"));
        for (String valid : VALID) {
            texts.add(valid);
            for (int at = 0; at <= valid.length(); at++) {
                if (at < valid.length()) {
                    texts.add(valid.substring(0, at) + valid.substring(at + 1));
                }
                for (char c : REPLACEMENTS.toCharArray()) {
                    texts.add(valid.substring(0, at) + c + valid.substring(at));
                    if (at < valid.length()) {
                        texts.add(valid.substring(0, at) + c + valid.substring(at + 1));
                    }
                }
            }
        }
        return texts;
    }

    @Test
    void answersAsTheTextParserOnTheServersFormsAndEveryOneCharacterChangeOfThem() {
        List<String> texts = variants();
        int accepted = 0;
        for (String text : texts) {
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            byte[] padded = new byte[utf8.length + 7];
            System.arraycopy(utf8, 0, padded, 3, utf8.length);
            boolean bytes = Timestamps.isUtc(padded, 3, utf8.length);
            assertThat(bytes).as("%s", text).isEqualTo(Timestamps.parseUtc(text) != null);
            if (bytes) {
                assertThat(Timestamps.parse(text)).as("%s", text).isPresent();
                accepted++;
            }
        }
        assertThat(accepted).as("accepted of %d", texts.size()).isGreaterThan(VALID.length);
    }
}

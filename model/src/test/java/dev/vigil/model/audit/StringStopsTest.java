package dev.vigil.model.audit;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link StringStops#next} finds the same byte as a plain loop over the bytes: for every byte value at every position
 * of a word, every pair of byte values (the word trick's borrows run from one byte into the next), and random runs
 * across word boundaries, offsets and array ends.
 */
class StringStopsTest {

    /** The definition: what the scanner must look at one byte at a time. */
    private static boolean isStop(int value) {
        return value < 0x20 || value >= 0x80 || value == '"' || value == '\\';
    }

    private static int expected(byte[] bytes, int from, int limit) {
        for (int i = from; i < limit; i++) {
            if (isStop(bytes[i] & 0xFF)) {
                return i;
            }
        }
        return limit;
    }

    private static byte[] plain(int length) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) 'a');
        return bytes;
    }

    @Test
    void findsEveryByteValueAtEveryPositionOfAWordAndOfTheTail() {
        // 8 + 8 + 7: two whole words and a tail the loop after the words reads
        for (int length = 0; length <= 23; length++) {
            for (int at = 0; at < length; at++) {
                for (int value = 0; value < 256; value++) {
                    byte[] bytes = plain(length);
                    bytes[at] = (byte) value;
                    int want = isStop(value) ? at : length;
                    assertThat(StringStops.next(bytes, 0, length))
                            .as("0x%02x at %d of %d", value, at, length).isEqualTo(want);
                }
            }
            assertThat(StringStops.next(plain(length), 0, length)).as("none in %d", length).isEqualTo(length);
        }
    }

    @Test
    void findsTheFirstOfEveryPairOfByteValuesInAWord() {
        for (int first = 0; first < 8; first++) {
            for (int second = first + 1; second < 8; second++) {
                for (int a = 0; a < 256; a++) {
                    for (int b = 0; b < 256; b++) {
                        byte[] bytes = plain(8);
                        bytes[first] = (byte) a;
                        bytes[second] = (byte) b;
                        int found = StringStops.next(bytes, 0, 8);
                        if (found != expected(bytes, 0, 8)) {
                            assertThat(found).as("0x%02x at %d, 0x%02x at %d", a, first, b, second)
                                    .isEqualTo(expected(bytes, 0, 8));
                        }
                    }
                }
            }
        }
    }

    @Test
    void agreesWithTheDefinitionOnRandomRunsAcrossWordsOffsetsAndEnds() {
        Random random = new Random(18);
        byte[] stops = {'"', '\\', 0, 0x1F, '\n', (byte) 0x80, (byte) 0xC3, (byte) 0xFF, 0x7F, 0x20, 0x21, 0x5B, 0x5D};
        for (int round = 0; round < 200_000; round++) {
            byte[] bytes = plain(random.nextInt(40));
            int stopCount = random.nextInt(3);
            for (int k = 0; k < stopCount && bytes.length > 0; k++) {
                bytes[random.nextInt(bytes.length)] = random.nextBoolean()
                        ? stops[random.nextInt(stops.length)] : (byte) random.nextInt(256);
            }
            int from = bytes.length == 0 ? 0 : random.nextInt(bytes.length + 1);
            int limit = from + random.nextInt(bytes.length - from + 1);
            assertThat(StringStops.next(bytes, from, limit)).as("%s [%d, %d)", Arrays.toString(bytes), from, limit)
                    .isEqualTo(expected(bytes, from, limit));
        }
    }

    @Test
    void neverReadsPastTheLimit() {
        byte[] bytes = plain(16);
        bytes[12] = '"';
        assertThat(StringStops.next(bytes, 3, 12)).isEqualTo(12);
        assertThat(StringStops.next(bytes, 3, 13)).isEqualTo(12);
        assertThat(StringStops.next(bytes, 12, 12)).isEqualTo(12);
    }

    @Test
    void aStringEndsAfterItsFirstUnescapedQuoteWhateverItsBytes() {
        for (int pad = 0; pad < 20; pad++) { // the quote in every lane of a word and in the tail
            String run = "a".repeat(pad);
            assertThat(StringStops.stringEnd(ascii(run + "\"x"), 0)).isEqualTo(pad + 1);
            assertThat(StringStops.stringEnd(ascii(run + "\\\"\"x"), 0)).isEqualTo(pad + 3);
            assertThat(StringStops.stringEnd(ascii(run + "\\\\\"x"), 0)).isEqualTo(pad + 3);
            assertThat(StringStops.stringEnd("é\u0001\"".concat(run).getBytes(java.nio.charset.StandardCharsets.UTF_8), 0))
                    .isEqualTo(4);
            assertThat(StringStops.stringEnd(ascii(run + "\\"), 0)).isEqualTo(-1);
            assertThat(StringStops.stringEnd(ascii(run), 0)).isEqualTo(-1);
        }
    }

    /** The definition of a string's end: after the first quote not escaped by a backslash; -1 past the bytes. */
    private static int expectedEnd(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == '\\') {
                i++;
            } else if (bytes[i] == '"') {
                return i + 1;
            }
        }
        return -1;
    }

    @Test
    void aStringEndAgreesWithTheDefinitionOnRandomBytes() {
        Random random = new Random(1818);
        byte[] alphabet = {'"', '\\', '\\', 'a', 0, 0x1F, (byte) 0x80, (byte) 0xA2, (byte) 0xDC, (byte) 0xFF, 0x21, 0x23,
            0x5B, 0x5D, 0x62, 0x03};
        for (int round = 0; round < 200_000; round++) {
            byte[] bytes = plain(random.nextInt(40));
            int changes = random.nextInt(6);
            for (int k = 0; k < changes && bytes.length > 0; k++) {
                bytes[random.nextInt(bytes.length)] = random.nextInt(4) == 0
                        ? (byte) random.nextInt(256) : alphabet[random.nextInt(alphabet.length)];
            }
            int from = random.nextInt(bytes.length + 1);
            assertThat(StringStops.stringEnd(bytes, from)).as("%s from %d", Arrays.toString(bytes), from)
                    .isEqualTo(expectedEnd(bytes, from));
        }
    }

    @Test
    void aPlainStringIsPrintableAsciiWithoutEscapesUpToItsQuote() {
        for (int pad = 0; pad < 20; pad++) {
            String run = "b".repeat(pad);
            assertThat(StringStops.plainStringEnd(ascii(run + "\"tail"), 0)).isEqualTo(pad);
            assertThat(StringStops.plainStringEnd(ascii(run + "\\\"\""), 0)).isEqualTo(-1);
            assertThat(StringStops.plainStringEnd(ascii(run + "\t\""), 0)).isEqualTo(-1);
            assertThat(StringStops.plainStringEnd((run + "ü\"").getBytes(java.nio.charset.StandardCharsets.UTF_8), 0))
                    .isEqualTo(-1);
            assertThat(StringStops.plainStringEnd(ascii(run), 0)).isEqualTo(-1);
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}

package dev.vigil.model.audit;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link Utf8Bytes#asciiWithoutLineFeed}: every byte value at every position of the word, and every pair. */
class Utf8BytesTest {

    private static boolean expected(byte[] bytes, int at) {
        for (int k = at; k < at + 8; k++) {
            if (bytes[k] < 0 || bytes[k] == '\n') {
                return false;
            }
        }
        return true;
    }

    @Test
    void tellsAsciiWithoutLineFeedsForEveryByteValueAndPairOfThem() {
        for (int at = 0; at < 3; at++) {
            for (int first = 0; first < 8; first++) {
                for (int second = first; second < 8; second++) {
                    for (int a = 0; a < 256; a++) {
                        for (int b = 0; b < 256; b += first == second ? 256 : 1) {
                            byte[] bytes = new byte[11];
                            Arrays.fill(bytes, (byte) 'x');
                            bytes[at + second] = (byte) b;
                            bytes[at + first] = (byte) a;
                            boolean got = Utf8Bytes.asciiWithoutLineFeed(bytes, at);
                            if (got != expected(bytes, at)) {
                                assertThat(got).as("0x%02x at %d, 0x%02x at %d (from %d)", a, first, b, second, at)
                                        .isEqualTo(expected(bytes, at));
                            }
                        }
                    }
                }
            }
        }
    }
}

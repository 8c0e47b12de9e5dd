package dev.vigil.streams.evidence;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link IsoInstant} writes what {@link Instant#toString()} writes, for every kind of instant. */
class IsoInstantTest {

    @Test
    void formatsLikeInstantToString() {
        List<Instant> instants = new ArrayList<>(List.of(Instant.EPOCH, Instant.MIN, Instant.MAX,
                Instant.parse("9999-12-31T23:59:59.999999999Z"), Instant.parse("+10000-01-01T00:00:00Z"),
                Instant.parse("1969-12-31T23:59:59.5Z"), Instant.parse("2000-02-29T12:00:00Z"),
                Instant.parse("2100-03-01T00:00:00.000001Z"), Instant.parse("2026-03-02T10:00:00.100Z"),
                Instant.parse("0000-01-01T00:00:00Z"), Instant.parse("-0001-12-31T23:59:59Z")));
        Random random = new Random(18);
        int[] nanos = {0, 1, 10, 100_000, 1_000_000, 999_999_999, 120_000_000, 123_456_000, 500_000_001};
        for (int i = 0; i < 200_000; i++) {
            long seconds = i % 2 == 0 ? random.nextLong(-100_000_000_000L, 300_000_000_000L)
                    : random.nextLong(1_700_000_000L, 1_900_000_000L);
            int nano = i % 3 == 0 ? random.nextInt(1_000_000_000) : nanos[random.nextInt(nanos.length)];
            instants.add(Instant.ofEpochSecond(seconds, nano));
        }
        for (long day = 0; day < 2_932_897; day += 1 + random.nextInt(3)) { // every few days from 1970 to 9999
            instants.add(Instant.ofEpochSecond(day * 86_400 + random.nextInt(86_400)));
        }

        for (Instant instant : instants) {
            assertThat(IsoInstant.format(instant)).as("%s", instant).isEqualTo(instant.toString());
        }
    }
}

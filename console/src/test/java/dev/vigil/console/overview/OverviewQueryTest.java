package dev.vigil.console.overview;

import dev.vigil.console.query.InvalidParameterException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OverviewQueryTest {

    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

    @Test
    void defaultsToTheLastDayInHalfHourBars() {
        OverviewQuery query = OverviewQuery.of(null, null, null, null, " ", NOW);

        assertThat(query.since()).isEqualTo(NOW.minus(Duration.ofHours(24)));
        assertThat(query.until()).isEqualTo(NOW);
        assertThat(query.cluster()).isNull();
        assertThat(query.interval()).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void choosesARoundIntervalOfAtMostAboutFortyEightBars() {
        assertThat(OverviewQuery.interval(Duration.ofHours(1))).isEqualTo(Duration.ofMinutes(5));
        assertThat(OverviewQuery.interval(Duration.ofDays(7))).isEqualTo(Duration.ofHours(6));
        assertThat(OverviewQuery.interval(Duration.ofDays(30))).isEqualTo(Duration.ofDays(1));
        assertThat(OverviewQuery.interval(Duration.ofDays(1000))).isEqualTo(Duration.ofDays(21));
        assertThat(OverviewService.word(Duration.ofMinutes(30))).isEqualTo("30m");
        assertThat(OverviewService.word(Duration.ofHours(6))).isEqualTo("6h");
        assertThat(OverviewService.word(Duration.ofDays(1))).isEqualTo("1d");
    }

    @Test
    void takesFromAndToAsOtherNamesButNotBothNamesOfOneEnd() {
        OverviewQuery query = OverviewQuery.of(null, null, "7d", "2026-12-02", "prod", NOW);

        assertThat(query.since()).isEqualTo(NOW.minus(Duration.ofDays(7)));
        assertThat(query.until()).isEqualTo(Instant.parse("2026-12-02T00:00:00Z"));
        assertThat(query.cluster()).isEqualTo("prod");
        assertThatThrownBy(() -> OverviewQuery.of("1h", null, "2h", null, null, NOW))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.parameter()).isEqualTo("from"));
    }

    @Test
    void namesTheBadParameter() {
        assertThatThrownBy(() -> OverviewQuery.of(null, null, null, "later", null, NOW))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.parameter()).isEqualTo("to"));
        assertThatThrownBy(() -> OverviewQuery.of("1h", "2h", null, null, null, NOW))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.parameter()).isEqualTo("since"));
    }
}

package dev.vigil.console.query;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueryParametersTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    @Test
    void readsTimesAsInstantsDatesOrAges() {
        assertThat(QueryParameters.time("since", "2026-11-20T08:15:00+01:00", NOW)).isEqualTo("2026-11-20T07:15:00Z");
        assertThat(QueryParameters.time("since", "2026-11-20", NOW)).isEqualTo("2026-11-20T00:00:00Z");
        assertThat(QueryParameters.time("since", "24h", NOW)).isEqualTo("2026-11-22T12:00:00Z");
        assertThat(QueryParameters.time("since", "15m", NOW)).isEqualTo("2026-11-23T11:45:00Z");
        assertThat(QueryParameters.time("since", "7d", NOW)).isEqualTo("2026-11-16T12:00:00Z");
        assertThat(QueryParameters.time("since", " 2W ", NOW)).isEqualTo("2026-11-09T12:00:00Z");
        assertThat(QueryParameters.time("since", " ", NOW)).isNull();
        assertThatThrownBy(() -> QueryParameters.time("until", "yesterday", NOW))
                .hasMessageContaining("until must be an RFC 3339 time").hasMessageContaining("'yesterday'");
        assertThatThrownBy(() -> QueryParameters.time("until", "2026-13-40", NOW))
                .hasMessageContaining("until must be an RFC 3339 time").hasMessageContaining("'2026-13-40'");
    }

    @Test
    void readsTheOrderInAnyCaseNewestFirstByDefault() {
        assertThat(QueryParameters.descending(null)).isTrue();
        assertThat(QueryParameters.descending("")).isTrue();
        assertThat(QueryParameters.descending("DESC")).isTrue();
        assertThat(QueryParameters.descending(" asc ")).isFalse();
        assertThatThrownBy(() -> QueryParameters.descending("newest"))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("order must be desc (newest first) or asc, not 'newest'");
    }

    @Test
    void readsWholeNumbersAndBlankAsAbsent() {
        assertThat(QueryParameters.integer("size", " 25 ", 100)).isEqualTo(25);
        assertThat(QueryParameters.integer("size", "", 100)).isEqualTo(100);
        assertThat(QueryParameters.text("  prod-1 ")).isEqualTo("prod-1");
        assertThat(QueryParameters.text(" \t")).isNull();
        assertThatThrownBy(() -> QueryParameters.integer("size", "ten", 100))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("size must be a whole number, not 'ten'");
    }
}

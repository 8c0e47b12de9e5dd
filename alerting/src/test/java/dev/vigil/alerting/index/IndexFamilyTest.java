package dev.vigil.alerting.index;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;

import static org.assertj.core.api.Assertions.assertThat;

class IndexFamilyTest {

    @Test
    void namesDailyIndicesByTheUtcDayOfTheEvent() {
        Instant lateEveningInBerlin = OffsetDateTime.parse("2026-11-23T23:30:00+01:00").toInstant();
        Instant afterMidnightInBerlin = OffsetDateTime.parse("2026-11-24T00:30:00+01:00").toInstant();

        assertThat(IndexFamily.EVIDENCE.indexFor(lateEveningInBerlin)).isEqualTo("vigil-audit-2026.11.23");
        assertThat(IndexFamily.EVIDENCE.indexFor(afterMidnightInBerlin)).isEqualTo("vigil-audit-2026.11.23");
        assertThat(IndexFamily.ALERTS.indexFor(Instant.parse("2019-01-02T00:00:00Z"))).isEqualTo("vigil-alerts-2019.01.02");
        assertThat(IndexFamily.ALERTS.pattern()).isEqualTo("vigil-alerts-*");
    }

    @Test
    void readsTheDayBackOnlyFromItsOwnDailyIndices() {
        assertThat(IndexFamily.EVIDENCE.dayOf("vigil-audit-2026.02.28")).contains(LocalDate.of(2026, 2, 28));
        assertThat(IndexFamily.EVIDENCE.dayOf("vigil-alerts-2026.02.28")).isEmpty();
        assertThat(IndexFamily.EVIDENCE.dayOf("vigil-audit-2026.02.30")).isEmpty();
        assertThat(IndexFamily.EVIDENCE.dayOf("vigil-audit-2026.02.28-restored")).isEmpty();
        assertThat(IndexFamily.EVIDENCE.dayOf("vigil-audit-latest")).isEmpty();
    }

    @Test
    void expiresADayOnlyWhenItsLastEventIsOlderThanTheRetention() {
        Duration thirtyDays = Duration.ofDays(30);
        Instant now = Instant.parse("2026-11-23T12:00:00Z");

        // the 23rd of October ends at 24 Oct 00:00, which is 30 days and 12 hours ago
        assertThat(IndexFamily.EVIDENCE.expired("vigil-audit-2026.10.23", thirtyDays, now)).isTrue();
        // the 24th ends at 25 Oct 00:00: 29.5 days ago, some of its events are still within the retention
        assertThat(IndexFamily.EVIDENCE.expired("vigil-audit-2026.10.24", thirtyDays, now)).isFalse();
        assertThat(IndexFamily.EVIDENCE.expired("vigil-audit-2026.11.23", thirtyDays, now)).isFalse();
        assertThat(IndexFamily.EVIDENCE.expired("some-other-index", thirtyDays, now)).isFalse();
    }
}

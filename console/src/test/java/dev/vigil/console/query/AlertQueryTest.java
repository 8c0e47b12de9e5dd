package dev.vigil.console.query;

import dev.vigil.model.alert.Severity;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AlertQueryTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    @Test
    void defaultsToTheFirstFiftyAlertsWithoutFilters() {
        AlertQuery query = AlertQuery.of(null, " ", null, null, null, "", null, null, null, null, NOW);

        assertThat(query).isEqualTo(new AlertQuery(null, null, List.of(), List.of(), List.of(), null, null, null, 50, 0));
    }

    @Test
    void splitsListsAndChecksSeverities() {
        AlertQuery query = AlertQuery.of("7d", null, List.of("privileged-pod,cni-change", "privileged-pod"),
                List.of("critical", "HIGH"), List.of("APP.4.4.A4"), "prod-1", "kube-system", "pwn", 10, 20, NOW);

        assertThat(query.rules()).containsExactly("privileged-pod", "cni-change");
        assertThat(query.severities()).containsExactly(Severity.CRITICAL, Severity.HIGH);
        assertThat(query.bsi()).containsExactly("APP.4.4.A4");
        assertThat(query.cluster()).isEqualTo("prod-1");
        assertThat(query.namespace()).isEqualTo("kube-system");
        assertThat(query.text()).isEqualTo("pwn");
        assertThatThrownBy(() -> AlertQuery.of(null, null, null, List.of("urgent"), null, null, null, null, null, null, NOW))
                .hasMessageContaining("severity must be one of critical, high, medium, low, info, not 'urgent'");
    }

    @Test
    void rejectsPagesOutsideTheSearchWindowAndInvertedRanges() {
        assertThatThrownBy(() -> AlertQuery.of(null, null, null, null, null, null, null, null, 501, 0, NOW))
                .hasMessageContaining("size must be between 0 and 500");
        assertThatThrownBy(() -> AlertQuery.of(null, null, null, null, null, null, null, null, 500, 9_600, NOW))
                .hasMessageContaining("from + size at most 10000");
        assertThatThrownBy(() -> AlertQuery.of("1h", "2h", null, null, null, null, null, null, null, null, NOW))
                .hasMessageContaining("is after until");
    }

    @Test
    void sortsByWhenRaisedUnlessToldOtherwise() {
        AlertQuery byDefault = AlertQuery.of(null, null, null, null, null, null, null, null, null, null, NOW);
        AlertQuery byTime = AlertQuery.of(null, null, null, null, null, null, null, null, null, null, "TIME", "asc",
                null, NOW);

        assertThat(byDefault.sort()).isEqualTo(AlertSort.UPDATED);
        assertThat(byDefault.sort().field()).isEqualTo("event.created");
        assertThat(byDefault.descending()).isTrue();
        assertThat(byTime.sort().field()).isEqualTo("@timestamp");
        assertThat(byTime.descending()).isFalse();
        assertThatThrownBy(() -> AlertQuery.of(null, null, null, null, null, null, null, null, null, null, "count",
                null, null, NOW)).isInstanceOfSatisfying(InvalidParameterException.class,
                e -> assertThat(e.parameter()).isEqualTo("sort"));
        assertThatThrownBy(() -> AlertQuery.of(null, null, null, null, null, null, null, null, null, null, null,
                "newest", null, NOW)).isInstanceOfSatisfying(InvalidParameterException.class,
                e -> assertThat(e.parameter()).isEqualTo("order"));
    }

    @Test
    void aCursorCarriesItsOrderAndGoesBeyondTheSearchWindow() {
        String next = new AlertCursor(AlertSort.UPDATED, true, java.util.Arrays.asList(1_700_000_000_000L, "a:b")).encode();

        AlertQuery page = AlertQuery.of(null, null, null, null, null, null, null, null, 500, null, null, null, next, NOW);

        assertThat(page.cursor().after()).containsExactly(1_700_000_000_000L, "a:b");
        assertThat(next).matches("[A-Za-z0-9_-]+");
        assertThatThrownBy(() -> AlertQuery.of(null, null, null, null, null, null, null, null, null, null, "time",
                null, next, NOW)).hasMessageContaining("cursor belongs to sort=updated&order=desc");
        assertThatThrownBy(() -> AlertQuery.of(null, null, null, null, null, null, null, null, null, 10, null, null,
                next, NOW)).hasMessageContaining("from and cursor exclude each other");
        assertThatThrownBy(() -> AlertQuery.of(null, null, null, null, null, null, null, null, null, null, null, null,
                "not-a-cursor", NOW)).hasMessageContaining("cursor is not a cursor");
    }
}

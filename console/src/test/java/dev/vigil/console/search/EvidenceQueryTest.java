package dev.vigil.console.search;

import dev.vigil.console.query.InvalidParameterException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EvidenceQueryTest {

    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    private static final SearchProperties PROPERTIES = SearchProperties.defaults();

    @Test
    void defaultsToTheLastDayUntilNowNewestFirst() {
        EvidenceQuery query = query(Map.of());

        assertThat(query.to()).isEqualTo(NOW);
        assertThat(query.from()).isEqualTo(NOW.minus(Duration.ofHours(24)));
        assertThat(query.descending()).isTrue();
        assertThat(query.size()).isEqualTo(EvidenceQuery.DEFAULT_SIZE);
        assertThat(query.bucketSize()).isEqualTo(Duration.ofHours(1));
        assertThat(query.filters()).isEmpty();
    }

    @Test
    void allReachesBackTheMaximumRangeAndNoFurther() {
        assertThat(query(Map.of("from", "all")).from()).isEqualTo(NOW.minus(Duration.ofDays(366)));
        assertThat(query(Map.of("from", "all", "to", "2026-01-01")).from())
                .isEqualTo(Instant.parse("2026-01-01T00:00:00Z").minus(Duration.ofDays(366)));
        assertParameter(Map.of("from", "367d"), "from");
        assertParameter(Map.of("from", "1h", "to", "2h"), "from");
    }

    @Test
    void shortRangesAreGroupedByTheMinute() {
        assertThat(query(Map.of("from", "6h")).bucketSize()).isEqualTo(Duration.ofMinutes(1));
        assertThat(query(Map.of("from", "7h")).bucketSize()).isEqualTo(Duration.ofHours(1));
        assertThat(query(Map.of("from", "7h", "bucket", "minute")).bucketSize()).isEqualTo(Duration.ofMinutes(1));
        assertParameter(Map.of("from", "3d", "bucket", "minute"), "bucket");
        assertParameter(Map.of("bucket", "day"), "bucket");
    }

    @Test
    void keepsTheFieldFiltersAndChecksTheSourceIp() {
        EvidenceQuery query = query(Map.of("user", " alice ", "source_ip", "10.0.0.0/8", "verb", ""));

        assertThat(query.filters()).containsExactly(Map.entry("user", "alice"), Map.entry("source_ip", "10.0.0.0/8"));
        assertThat(query(Map.of("source_ip", "2001:db8::1")).filters()).containsEntry("source_ip", "2001:db8::1");
        assertParameter(Map.of("source_ip", "example.com"), "source_ip");
        assertParameter(Map.of("source_ip", "1234"), "source_ip");
    }

    @Test
    void checksSizeOrderAndCursor() {
        assertParameter(Map.of("size", "501"), "size");
        assertParameter(Map.of("size", "many"), "size");
        assertParameter(Map.of("order", "newest"), "order");
        assertParameter(Map.of("cursor", "not-a-cursor"), "cursor");
        String cursor = new SearchCursor(true, 42, "c/a-1").encode();
        assertThat(query(Map.of("cursor", cursor)).cursor()).isEqualTo(new SearchCursor(true, 42, "c/a-1"));
        assertParameter(Map.of("cursor", cursor, "order", "asc"), "cursor");
    }

    private static EvidenceQuery query(Map<String, String> parameters) {
        return EvidenceQuery.of(new HashMap<>(parameters), PROPERTIES, NOW);
    }

    private static void assertParameter(Map<String, String> parameters, String name) {
        assertThatThrownBy(() -> query(parameters)).isInstanceOf(InvalidParameterException.class)
                .satisfies(e -> assertThat(((InvalidParameterException) e).parameter()).isEqualTo(name));
    }
}

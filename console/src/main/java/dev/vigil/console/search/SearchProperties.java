package dev.vigil.console.search;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Forensic search over the evidence indices ({@code GET /v1/search}, {@code GET /v1/search/export}).
 *
 * @param defaultRange how far back a search without {@code from} looks
 * @param maxRange     the longest time range one search or export may span ({@code from=all} means this long before
 *                     {@code to}); keep it at least the evidence retention, so that an object's whole history is
 *                     reachable
 * @param exportMax    the most evidence documents one export writes; an export of more matches stops there and says
 *                     so in its {@code Vigil-Export-Truncated} header
 */
@ConfigurationProperties("vigil.console.search")
@Validated
public record SearchProperties(
        @NotNull @DefaultValue("24h") Duration defaultRange,
        @NotNull @DefaultValue("366d") Duration maxRange,
        @Positive @Max(10_000_000) @DefaultValue("100000") int exportMax) {

    public SearchProperties {
        if (defaultRange != null && (defaultRange.isNegative() || defaultRange.isZero())) {
            throw new IllegalArgumentException("vigil.console.search.default-range must be positive");
        }
        if (maxRange != null && defaultRange != null && maxRange.compareTo(defaultRange) < 0) {
            throw new IllegalArgumentException("vigil.console.search.max-range must be at least default-range");
        }
    }

    static SearchProperties defaults() {
        return new SearchProperties(Duration.ofHours(24), Duration.ofDays(366), 100_000);
    }
}

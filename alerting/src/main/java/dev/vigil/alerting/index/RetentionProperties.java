package dev.vigil.alerting.index;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * How long Vigil keeps its daily indices ({@code vigil.retention.*}). Applied by an ISM policy when OpenSearch has
 * the index-management plugin, otherwise by Vigil itself, which deletes expired daily indices on a schedule.
 *
 * @param alerts        how long alert indices ({@code vigil-alerts-*}) are kept
 * @param evidence      how long evidence indices ({@code vigil-audit-*}) are kept
 * @param checkInterval how often Vigil looks for expired indices when there is no ISM plugin
 */
@ConfigurationProperties("vigil.retention")
@Validated
public record RetentionProperties(
        @DefaultValue("365d") @NotNull Duration alerts,
        @DefaultValue("30d") @NotNull Duration evidence,
        @DefaultValue("1h") @NotNull Duration checkInterval) {

    public RetentionProperties {
        requirePositive(alerts, "vigil.retention.alerts");
        requirePositive(evidence, "vigil.retention.evidence");
        requirePositive(checkInterval, "vigil.retention.check-interval");
    }

    public static RetentionProperties defaults() {
        return new RetentionProperties(Duration.ofDays(365), Duration.ofDays(30), Duration.ofHours(1));
    }

    public Duration of(IndexFamily family) {
        return family == IndexFamily.ALERTS ? alerts : evidence;
    }

    private static void requirePositive(Duration value, String name) {
        if (value != null && (value.isNegative() || value.isZero())) {
            throw new IllegalArgumentException(name + " must be positive, not " + value);
        }
    }
}

package dev.vigil.streams.alerts;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class AlertIdsTest {

    @Test
    void sameInputsGiveTheSameIdAndAnyDifferenceAnother() {
        String id = AlertIds.of("privileged-pod", "prod-1", "shop/Deployment/web", 1_000);

        assertThat(id).isEqualTo(AlertIds.of("privileged-pod", "prod-1", "shop/Deployment/web", 1_000))
                .matches("[0-9a-f]{32}");
        assertThat(id).isNotEqualTo(AlertIds.of("privileged-pod", "prod-2", "shop/Deployment/web", 1_000))
                .isNotEqualTo(AlertIds.of("privileged-pod", "prod-1", "shop/Deployment/api", 1_000))
                .isNotEqualTo(AlertIds.of("pod-security-restricted", "prod-1", "shop/Deployment/web", 1_000))
                .isNotEqualTo(AlertIds.of("privileged-pod", "prod-1", "shop/Deployment/web", 2_000));
        assertThat(AlertIds.of("a", "bc", "d", 0)).as("parts are separated").isNotEqualTo(AlertIds.of("ab", "c", "d", 0));
    }

    @Test
    void windowsAreEpochAligned() {
        long hour = Duration.ofHours(1).toMillis();
        long at = Instant.parse("2026-03-02T09:59:59.999Z").toEpochMilli();

        assertThat(AlertIds.windowStart(at, hour)).isEqualTo(Instant.parse("2026-03-02T09:00:00Z").toEpochMilli());
        assertThat(AlertIds.windowStart(at + 1, hour)).isEqualTo(Instant.parse("2026-03-02T10:00:00Z").toEpochMilli());
        assertThat(AlertIds.windowStart(at, 0)).isZero();
    }
}

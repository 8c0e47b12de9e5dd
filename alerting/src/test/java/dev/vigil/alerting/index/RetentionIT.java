package dev.vigil.alerting.index;

import dev.vigil.alerting.testing.OpenSearchProbe;
import dev.vigil.embedded.EmbeddedOpenSearch;
import dev.vigil.embedded.WithEmbeddedOpenSearch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static dev.vigil.alerting.testing.OpenSearchProbe.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Retention on the embedded node, which has no index-management plugin: Vigil deletes expired daily indices. */
@WithEmbeddedOpenSearch
class RetentionIT {

    private static OpenSearchProbe probe;

    @BeforeAll
    static void connect(EmbeddedOpenSearch openSearch) {
        probe = new OpenSearchProbe(openSearch.url());
        new TemplateInstaller(probe.rest()).install();
    }

    @AfterAll
    static void disconnect() {
        probe.close();
    }

    @Test
    void detectsThatTheEmbeddedNodeHasNoIsm() {
        assertThat(new IsmRetention(probe.rest()).available()).isFalse();
    }

    @Test
    void deletesOnlyDailyIndicesWhoseDayIsPastTheRetentionOfTheirFamily() {
        Instant now = Instant.parse("2026-11-23T12:00:00Z");
        List<String> indices = List.of("vigil-audit-2026.10.20", "vigil-audit-2026.10.30", "vigil-alerts-2026.10.20",
                "vigil-alerts-2025.11.01", "vigil-audit-2026.10.20-restored");
        indices.forEach(RetentionIT::create);

        List<String> deleted = new ExpiredIndexDeleter(probe.rest(), new RetentionProperties(Duration.ofDays(365),
                Duration.ofDays(30), Duration.ofHours(1))).deleteExpired(now);

        assertThat(deleted).containsExactlyInAnyOrder("vigil-audit-2026.10.20", "vigil-alerts-2025.11.01");
        assertThat(exists("vigil-audit-2026.10.20")).isFalse();
        assertThat(exists("vigil-alerts-2025.11.01")).isFalse();
        assertThat(exists("vigil-audit-2026.10.30")).isTrue();
        assertThat(exists("vigil-alerts-2026.10.20")).isTrue();
        assertThat(exists("vigil-audit-2026.10.20-restored")).isTrue();
        List.of("vigil-audit-2026.10.30", "vigil-alerts-2026.10.20", "vigil-audit-2026.10.20-restored")
                .forEach(index -> probe.rest().delete("/" + index));
    }

    @Test
    void theIndexManagerAppliesRetentionItselfWithoutIsm() {
        create("vigil-audit-2019.03.14");
        IndexManager manager = new IndexManager(probe.rest(), RetentionProperties.defaults());
        manager.start();
        try {
            assertThat(manager.awaitReady(Duration.ofSeconds(30))).isTrue();
            await().atMost(Duration.ofSeconds(30)).until(() -> !exists("vigil-audit-2019.03.14"));
            assertThat(manager.retentionMode()).isEqualTo(IndexManager.RetentionMode.VIGIL);
        } finally {
            manager.stop();
        }
        assertThat(manager.isRunning()).isFalse();
    }

    private static void create(String index) {
        probe.rest().put("/" + index + "/_doc/1", json("""
                {"@timestamp": "2019-03-14T09:26:53Z", "message": "retention probe",
                 "orchestrator": {"cluster": {"name": "retention-it"}}}"""));
        assertThat(exists(index)).isTrue();
    }

    private static boolean exists(String index) {
        return probe.rest().get("/" + index).ok();
    }
}

package dev.vigil.alerting.index;

import dev.vigil.alerting.testing.OpenSearchProbe;
import dev.vigil.embedded.EmbeddedOpenSearch;
import dev.vigil.embedded.WithEmbeddedOpenSearch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

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
    void deletesOnlyDailyIndicesWhoseDayAndLastIngestAreBothPastTheRetention() {
        // The indices are created now; a month later, only those whose day is also past the retention go.
        Instant monthLater = Instant.now().plus(Duration.ofDays(30)).plusSeconds(60);
        String oldAudit = IndexFamily.EVIDENCE.indexFor(Instant.now().minus(Duration.ofDays(20)));
        String tomorrowAudit = IndexFamily.EVIDENCE.indexFor(Instant.now().plus(Duration.ofDays(1)));
        String recentAlerts = IndexFamily.ALERTS.indexFor(Instant.now().minus(Duration.ofDays(20)));
        String oldAlerts = IndexFamily.ALERTS.indexFor(Instant.now().minus(Duration.ofDays(400)));
        String restored = oldAudit + "-restored";
        List<String> indices = List.of(oldAudit, tomorrowAudit, recentAlerts, oldAlerts, restored);
        indices.forEach(RetentionIT::create);

        List<String> deleted = deleter().deleteExpired(monthLater);

        // other tests on this node may leave indices of their own; only this test's are judged
        assertThat(deleted).contains(oldAudit).doesNotContain(oldAlerts, tomorrowAudit, recentAlerts, restored);
        assertThat(exists(oldAudit)).isFalse();
        // alerts of 400 days ago, but received today: kept for the alerts' retention from today on
        assertThat(exists(oldAlerts)).isTrue();
        assertThat(exists(tomorrowAudit)).isTrue();
        assertThat(exists(recentAlerts)).isTrue();
        assertThat(exists(restored)).isTrue();
        List.of(tomorrowAudit, recentAlerts, oldAlerts, restored).forEach(index -> probe.rest().delete("/" + index));
    }

    @Test
    void keepsReplayedHistoryForTheRetentionCountedFromWhenVigilReceivedIt() {
        // The README's own 2018 samples, replayed today: event time 2018, received now.
        String replayed = "vigil-audit-2018.11.15";
        probe.rest().put("/" + replayed + "/_doc/1", Map.of("refresh", "true"), json("""
                {"@timestamp": "2018-11-15T10:01:02Z", "message": "replayed",
                 "event": {"kind": "event", "created": "%s"}}""".formatted(Instant.now())));
        assertThat(exists(replayed)).isTrue();

        assertThat(deleter().deleteExpired(Instant.now())).doesNotContain(replayed);
        assertThat(deleter().deleteExpired(Instant.now().plus(Duration.ofDays(29)))).doesNotContain(replayed);
        assertThat(exists(replayed)).isTrue();

        assertThat(deleter().deleteExpired(Instant.now().plus(Duration.ofDays(31)))).contains(replayed);
        assertThat(exists(replayed)).isFalse();
    }

    @Test
    void aDocumentWrittenLaterIntoAnOldIndexRestartsItsRetention() {
        // Created now, but its newest document says Vigil wrote into it 10 days after creation (a later replay).
        String index = "vigil-audit-2017.06.01";
        probe.rest().put("/" + index + "/_doc/1", Map.of("refresh", "true"), json("""
                {"@timestamp": "2017-06-01T00:00:00Z", "event": {"created": "%s"}}"""
                .formatted(Instant.now().plus(Duration.ofDays(10)))));

        assertThat(deleter().deleteExpired(Instant.now().plus(Duration.ofDays(31)))).doesNotContain(index);
        assertThat(deleter().deleteExpired(Instant.now().plus(Duration.ofDays(41)))).contains(index);
    }

    @Test
    void theIndexManagerAppliesRetentionItselfWithoutIsm() {
        create("vigil-audit-2019.03.14");
        Clock monthLater = Clock.offset(Clock.systemUTC(), Duration.ofDays(31));
        IndexManager manager = new IndexManager(probe.rest(), RetentionProperties.defaults(), monthLater);
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

    private static ExpiredIndexDeleter deleter() {
        return new ExpiredIndexDeleter(probe.rest(), new RetentionProperties(Duration.ofDays(365),
                Duration.ofDays(30), Duration.ofHours(1)));
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

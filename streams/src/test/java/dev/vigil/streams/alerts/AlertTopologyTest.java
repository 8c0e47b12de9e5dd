package dev.vigil.streams.alerts;

import dev.vigil.model.alert.Alert;
import dev.vigil.model.alert.Severity;
import dev.vigil.model.ecs.Orchestrator;
import dev.vigil.streams.redact.Redactor;
import dev.vigil.streams.rules.DetectionEngine;
import dev.vigil.model.rule.RuleMeta;
import dev.vigil.streams.testing.TestAuditEvents;
import dev.vigil.streams.testing.TestDetectionEngine;
import dev.vigil.streams.testing.TopologyHarness;
import dev.vigil.streams.kafka.AuditIntake;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AlertTopologyTest {

    private static final Instant WALL_CLOCK = Instant.parse("2026-03-02T12:00:00Z");
    private static final RuleMeta HOURLY = TestDetectionEngine.meta("test-create", Severity.HIGH, Duration.ofHours(1));
    private static final RuleMeta EVERY_REQUEST = TestDetectionEngine.meta("test-exec", Severity.CRITICAL, Duration.ZERO);
    private static final DedupSettings DEDUP = new DedupSettings(Duration.ofHours(1), Duration.ofMinutes(10),
            Duration.ofMinutes(1));

    @TempDir
    Path stateDir;

    private TopologyHarness harness;
    private TestOutputTopic<String, Alert> alerts;

    private void start(DetectionEngine engine) {
        start(engine, DEDUP);
    }

    private void start(DetectionEngine engine, DedupSettings dedup) {
        start(engine, dedup, Clock.fixed(WALL_CLOCK, ZoneOffset.UTC));
    }

    private void start(DetectionEngine engine, DedupSettings dedup, Clock clock) {
        start(engine, dedup, clock, AlertMetrics.NONE);
    }

    private void start(DetectionEngine engine, DedupSettings dedup, Clock clock, AlertMetrics metrics) {
        AlertFactory factory = new AlertFactory(Redactor.withDefaults(), clock, DEDUP.defaultWindow());
        harness = TopologyHarness.of(builder -> AlertTopology.alerts(AuditIntake.decoded(builder, TopologyHarness.TOPICS),
                TopologyHarness.TOPICS.alerts(), engine, factory, dedup, metrics), WALL_CLOCK, stateDir);
        alerts = harness.alerts();
    }

    private void startWithCreateRule() {
        start(TestDetectionEngine.create().rule(HOURLY, record -> "create".equals(record.event().verb())));
    }

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    private void create(String auditId, String user, String time, String cluster) {
        harness.auditEvent(TestAuditEvents.event(auditId, user, "create", "pods", "shop", "web-" + auditId, 201, time),
                cluster);
    }

    @Test
    void firstHitEmitsAContractShapedAlert() {
        startWithCreateRule();

        create("a-1", "alice", "2026-03-02T09:15:00Z", "prod-1");

        KeyValue<String, Alert> record = alerts.readKeyValue();
        Alert alert = record.value;
        assertThat(record.key).isEqualTo(alert.id())
                .isEqualTo(AlertIds.of("test-create", "prod-1", "alice", Instant.parse("2026-03-02T09:00:00Z").toEpochMilli()))
                .hasSize(32);
        assertThat(alert.timestamp()).isEqualTo(Instant.parse("2026-03-02T09:15:00Z"));
        assertThat(alert.message()).isEqualTo("alice did create");
        assertThat(alert.event().kind()).isEqualTo("alert");
        assertThat(alert.event().created()).isEqualTo(WALL_CLOCK);
        assertThat(alert.event().severity()).isEqualTo(73);
        assertThat(alert.event().category()).containsExactly("iam");
        assertThat(alert.event().dataset()).isEqualTo("vigil.alert");
        assertThat(alert.rule().id()).isEqualTo("test-create");
        assertThat(alert.rule().reference()).isEqualTo("BSI APP.4.4.A3, SYS.1.6");
        assertThat(alert.rule().ruleset()).isEqualTo("vigil-test");
        assertThat(alert.threat().framework()).isEqualTo("MITRE ATT&CK");
        assertThat(alert.threat().technique().id()).containsExactly("T1078.001");
        assertThat(alert.user().name()).isEqualTo("alice");
        assertThat(alert.source().ip()).isEqualTo("203.0.113.7");
        assertThat(alert.userAgent().original()).startsWith("kubectl/");
        assertThat(alert.orchestrator()).isEqualTo(new Orchestrator("kubernetes", new Orchestrator.Cluster("prod-1"),
                "shop", new Orchestrator.Resource("pods", "web-a-1"), "v1"));
        assertThat(alert.vigil().severity()).isEqualTo(Severity.HIGH);
        assertThat(alert.vigil().bsi()).containsExactly("APP.4.4.A3", "SYS.1.6");
        assertThat(alert.vigil().count()).isEqualTo(1);
        assertThat(alert.vigil().firstSeen()).isEqualTo(alert.vigil().lastSeen()).isEqualTo(alert.timestamp());
        assertThat(alert.vigil().evidence().auditIds()).containsExactly("a-1");
        assertThat(alerts.isEmpty()).isTrue();
    }

    @Test
    void repeatsInsideTheWindowUpdateTheSameAlert() {
        startWithCreateRule();

        create("a-1", "alice", "2026-03-02T09:15:00Z", "prod-1");
        create("a-2", "alice", "2026-03-02T09:40:00Z", "prod-1");
        create("a-3", "alice", "2026-03-02T09:59:59Z", "prod-1");

        List<Alert> emitted = alerts.readValuesToList();
        assertThat(emitted).hasSize(3).extracting(Alert::id).containsOnly(emitted.get(0).id());
        Alert last = emitted.get(2);
        assertThat(last.vigil().count()).isEqualTo(3);
        assertThat(last.vigil().firstSeen()).isEqualTo(Instant.parse("2026-03-02T09:15:00Z"));
        assertThat(last.vigil().lastSeen()).isEqualTo(Instant.parse("2026-03-02T09:59:59Z"));
        assertThat(last.vigil().evidence().auditIds()).containsExactly("a-1", "a-2", "a-3");
        assertThat(last.timestamp()).as("the document keeps its first time").isEqualTo(last.vigil().firstSeen());
        assertThat(emitted.get(1).vigil().count()).isEqualTo(2);
    }

    @Test
    void aRepeatMovesWhenTheAlertWasLastUpdated() {
        Instant[] now = {WALL_CLOCK};
        Clock ticking = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        start(TestDetectionEngine.create().rule(HOURLY, record -> "create".equals(record.event().verb())), DEDUP,
                ticking);

        create("u-1", "alice", "2026-03-02T09:15:00Z", "prod-1");
        now[0] = WALL_CLOCK.plusSeconds(90);
        create("u-2", "alice", "2026-03-02T09:20:00Z", "prod-1");

        List<Alert> emitted = alerts.readValuesToList();
        assertThat(emitted).hasSize(2);
        assertThat(emitted.get(0).event().created()).isEqualTo(WALL_CLOCK);
        assertThat(emitted.get(1).event().created()).as("updated by the repeat").isEqualTo(WALL_CLOCK.plusSeconds(90));
        assertThat(emitted.get(1).timestamp()).as("raised by its first event").isEqualTo("2026-03-02T09:15:00Z");
    }

    @Test
    void countsRaisedAlertsByRuleAndSeverityAndTimesDetection() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        start(TestDetectionEngine.create().rule(HOURLY, record -> "create".equals(record.event().verb())), DEDUP,
                Clock.fixed(WALL_CLOCK, ZoneOffset.UTC), AlertMetrics.of(registry));

        create("m-1", "alice", "2026-03-02T09:15:00Z", "prod-1");
        create("m-2", "alice", "2026-03-02T09:16:00Z", "prod-1");

        assertThat(alerts.readValuesToList()).hasSize(2);
        Counter raised = registry.get("vigil.alerts.raised").tag("rule", "test-create").tag("severity", "high").counter();
        assertThat(raised.count()).as("the repeat updated the alert, it raised none").isEqualTo(1);
        assertThat(raised.getId().getDescription()).isNotBlank();
        Timer latency = registry.get("vigil.detection.latency").timer();
        assertThat(latency.count()).isEqualTo(2);
        assertThat(latency.max(java.util.concurrent.TimeUnit.SECONDS))
                .as("received at 10:00, produced at 12:00 (the driver's wall clock)").isEqualTo(7200);
        assertThat(latency.getId().getDescription()).contains("receiving");
    }

    @Test
    void aRedeliveredEventChangesNothing() {
        startWithCreateRule();

        create("a-1", "alice", "2026-03-02T09:15:00Z", "prod-1");
        create("a-1", "alice", "2026-03-02T09:15:00Z", "prod-1");

        assertThat(alerts.readValuesToList()).hasSize(1);
    }

    @Test
    void aBatchDeliveredThreeTimesCountsEachOfItsEventsOnce() {
        startWithCreateRule();

        List<Alert> emitted = new java.util.ArrayList<>();
        for (int delivery = 0; delivery < 3; delivery++) {
            for (int i = 1; i <= 25; i++) {
                create("a-" + i, "alice", "2026-03-02T09:" + (10 + i) + ":00Z", "prod-1");
            }
            emitted.addAll(alerts.readValuesToList());
        }

        assertThat(emitted).hasSize(25).extracting(alert -> alert.vigil().count())
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 25).boxed().toList());
        Alert last = emitted.get(24);
        assertThat(last.vigil().evidence().auditIds()).hasSize(20).startsWith("a-1", "a-2").endsWith("a-20");
        assertThat(last.vigil().lastSeen()).isEqualTo(Instant.parse("2026-03-02T09:35:00Z"));
    }

    @Test
    void beyondTheExactLimitARedeliveryStillNeverCounts() {
        start(TestDetectionEngine.create().rule(HOURLY, record -> "create".equals(record.event().verb())),
                new DedupSettings(Duration.ofHours(1), Duration.ofMinutes(10), Duration.ofMinutes(1), 8));

        long[] countAfter = new long[3];
        for (int delivery = 0; delivery < 3; delivery++) {
            for (int i = 1; i <= 60; i++) {
                create("a-" + i, "alice", "2026-03-02T09:30:00Z", "prod-1");
            }
            List<Alert> emitted = alerts.readValuesToList();
            countAfter[delivery] = delivery == 0 ? emitted.get(emitted.size() - 1).vigil().count() : emitted.size();
        }

        assertThat(countAfter[0]).as("60 events, counted by the sketch past 8").isBetween(59L, 61L);
        assertThat(countAfter[1]).as("alerts emitted by the second delivery").isZero();
        assertThat(countAfter[2]).as("alerts emitted by the third delivery").isZero();
    }

    @Test
    void theSameAuditIdInTwoClustersKeepsSeparateDedupState() {
        start(TestDetectionEngine.create().rule(EVERY_REQUEST, record -> true));

        create("a-1", "alice", "2026-03-02T09:15:00Z", "prod-1");
        create("a-1", "mallory", "2026-03-02T09:15:00Z", "prod-2");
        create("a-1", "mallory", "2026-03-02T09:15:00Z", "prod-2");

        List<Alert> emitted = alerts.readValuesToList();
        assertThat(emitted).hasSize(2).extracting(Alert::id).containsExactly(
                AlertIds.of("test-exec", "prod-1", "a-1", 0), AlertIds.of("test-exec", "prod-2", "a-1", 0));
        assertThat(emitted).extracting(alert -> alert.user().name()).containsExactly("alice", "mallory");
        assertThat(emitted).allSatisfy(alert -> assertThat(alert.vigil().count()).isEqualTo(1));
    }

    @Test
    void theNextWindowAnotherKeyOrAnotherClusterStartANewAlert() {
        startWithCreateRule();

        create("a-1", "alice", "2026-03-02T09:15:00Z", "prod-1");
        create("a-2", "alice", "2026-03-02T10:00:00Z", "prod-1");
        create("a-3", "bob", "2026-03-02T09:20:00Z", "prod-1");
        create("a-4", "alice", "2026-03-02T09:25:00Z", "prod-2");

        List<Alert> emitted = alerts.readValuesToList();
        assertThat(emitted).extracting(Alert::id).doesNotHaveDuplicates().hasSize(4);
        assertThat(emitted).allSatisfy(alert -> assertThat(alert.vigil().count()).isEqualTo(1));
    }

    @Test
    void dedupStateIsPurgedAfterWindowAndGrace() {
        startWithCreateRule();
        create("a-1", "alice", "2026-03-02T09:15:00Z", "prod-1");
        KeyValueStore<String, Object> store = harness.driver().getKeyValueStore(AlertDeduplicator.STORE);
        String id = alerts.readValue().id();
        assertThat(store.get(id)).isNotNull();

        harness.driver().advanceWallClockTime(Duration.ofMinutes(69));
        assertThat(store.get(id)).as("kept for window plus grace").isNotNull();
        harness.driver().advanceWallClockTime(Duration.ofMinutes(2));
        assertThat(store.get(id)).isNull();
    }

    @Test
    void withoutAWindowEveryRequestIsItsOwnAlertAndItsStagesCountOnce() {
        start(TestDetectionEngine.create().rule(EVERY_REQUEST, record -> true));

        create("a-1", "alice", "2026-03-02T09:15:00Z", "prod-1");
        create("a-2", "alice", "2026-03-02T09:15:01Z", "prod-1");
        String started = TestAuditEvents.event("a-2", "alice", "create", "pods", "shop", "web-a-2", 101,
                "2026-03-02T09:15:01Z").replace("ResponseComplete", "ResponseStarted");
        harness.auditEvent(started, "prod-1");

        List<Alert> emitted = alerts.readValuesToList();
        assertThat(emitted).hasSize(2).extracting(Alert::id).doesNotHaveDuplicates();
        assertThat(emitted.get(1).id()).isEqualTo(AlertIds.of("test-exec", "prod-1", "a-2", 0));
        assertThat(emitted).extracting(alert -> alert.vigil().severity()).containsOnly(Severity.CRITICAL);
    }
}

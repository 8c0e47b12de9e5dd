package dev.vigil.streams.stateful;

import dev.vigil.model.alert.Alert;
import dev.vigil.model.audit.AuditRecordCodec;
import dev.vigil.streams.alerts.AlertFactory;
import dev.vigil.streams.alerts.AlertIds;
import dev.vigil.streams.kafka.AuditIntake;
import dev.vigil.streams.redact.Redactor;
import dev.vigil.streams.rules.RuleEngine;
import dev.vigil.streams.rules.RulesProperties;
import dev.vigil.streams.testing.TopologyHarness;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static dev.vigil.streams.stateful.StatefulEvents.exec;
import static dev.vigil.streams.stateful.StatefulEvents.grant;
import static dev.vigil.streams.stateful.StatefulEvents.refused;
import static dev.vigil.streams.stateful.StatefulEvents.request;
import static dev.vigil.streams.stateful.StatefulEvents.secretRead;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bundled stateful rules in the topology (TopologyTestDriver): event time from the events, the wall clock
 * advanced by the test for the new-terms purge, late events inside and outside the grace.
 */
class StatefulTopologyTest {

    static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    private static final Instant WALL_CLOCK = Instant.parse("2026-03-02T12:00:00Z");

    @TempDir
    Path stateDir;

    private TopologyHarness harness;
    private TestOutputTopic<String, Alert> alerts;

    private void start(Map<String, Map<String, String>> params) {
        RuleEngine engine = RuleEngine.load(new RulesProperties(null, null, null, null, null, params));
        AlertFactory factory = new AlertFactory(Redactor.withDefaults(), Clock.fixed(WALL_CLOCK, ZoneOffset.UTC),
                Duration.ofHours(1));
        harness = TopologyHarness.of(builder -> StatefulTopology.rules(AuditIntake.decoded(builder,
                TopologyHarness.TOPICS), TopologyHarness.TOPICS.alerts(), engine, factory,
                StatefulSettings.defaults()), WALL_CLOCK, stateDir);
        alerts = harness.alerts();
    }

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    /**
     * One event, its Kafka timestamp its event time as ingest gives it. (The test driver runs every sub-topology in
     * one task, so input timestamps count towards the stateful processor's stream time; live, its own task sees only
     * the event-time stamped hits.)
     */
    private void send(ObjectNode event) {
        send(event, Instant.parse(event.get("stageTimestamp").asString()));
    }

    private void send(ObjectNode event, Instant received) {
        harness.auditTopic().pipeInput("key", AuditRecordCodec.encode(event, "prod-1", received), received);
    }

    private List<Alert> of(String rule) {
        return alerts.readValuesToList().stream().filter(alert -> alert.rule().id().equals(rule)).toList();
    }

    private double metric(String name, String rule) {
        for (Map.Entry<MetricName, ? extends Metric> metric : harness.driver().metrics().entrySet()) {
            if (metric.getKey().name().equals(name) && rule.equals(metric.getKey().tags().get("vigil-stateful-id"))) {
                return ((Number) metric.getValue().metricValue()).doubleValue();
            }
        }
        return 0;
    }

    @Test
    void forbiddenBurstFiresOnceAtTheThresholdAndThenCountsOnTheSameAlert() {
        start(Map.of());
        for (int i = 1; i <= 19; i++) {
            send(refused("r-" + i, "mallory@example.com", "s" + i, T0.plusSeconds(5L * i)));
        }
        assertThat(of("forbidden-burst")).as("19 refusals").isEmpty();

        send(refused("r-20", "mallory@example.com", "s20", T0.plusSeconds(100)));
        send(refused("r-21", "mallory@example.com", "s21", T0.plusSeconds(105)));
        send(refused("r-21", "mallory@example.com", "s21", T0.plusSeconds(105)));

        List<Alert> fired = of("forbidden-burst");
        assertThat(fired).hasSize(2).extracting(Alert::id).containsOnly(
                AlertIds.of("forbidden-burst", "prod-1", "prod-1|mallory@example.com", T0.toEpochMilli()));
        assertThat(fired).extracting(alert -> alert.vigil().count()).containsExactly(20L, 21L);
        Alert first = fired.get(0);
        assertThat(first.message()).startsWith("mallory@example.com had 20 or more requests refused within 5m");
        assertThat(first.vigil().firstSeen()).isEqualTo(T0.plusSeconds(5));
        assertThat(first.vigil().evidence().auditIds()).hasSize(20).startsWith("r-1", "r-2");
        assertThat(first.vigil().evidence().details().get("window_start").asString()).isEqualTo(T0.toString());
        assertThat(fired.get(1).vigil().evidence().details().get("count").asLong()).isEqualTo(21);
        assertThat(first.threat().technique().id()).containsExactly("T1613");
    }

    @Test
    void alertsAreStampedWhenRaisedNotWithTheEventTime() {
        // the record timestamp decides when the broker deletes the alert from vigil.alerts: a replay of events
        // older than the topic's retention must not raise alerts the broker deletes before anyone reads them
        start(Map.of("forbidden-burst", Map.of("threshold", "2")));
        send(refused("r-1", "bob@example.com", "a", T0.plusSeconds(10)));
        send(refused("r-2", "bob@example.com", "b", T0.plusSeconds(20)));

        List<TestRecord<String, Alert>> fired = alerts.readRecordsToList();
        assertThat(fired).hasSize(1);
        assertThat(fired.get(0).getRecordTime()).isEqualTo(WALL_CLOCK);
        assertThat(fired.get(0).getValue().timestamp()).as("the alert's own time stays the event's")
                .isEqualTo(T0.plusSeconds(20));
    }

    @Test
    void aBurstSpreadOverTwoWindowsDoesNotFire() {
        start(Map.of("forbidden-burst", Map.of("threshold", "4")));
        send(refused("r-1", "bob@example.com", "a", T0.plusSeconds(240)));
        send(refused("r-2", "bob@example.com", "b", T0.plusSeconds(250)));
        send(refused("r-3", "bob@example.com", "c", T0.plusSeconds(310)));
        send(refused("r-4", "bob@example.com", "d", T0.plusSeconds(320)));

        assertThat(of("forbidden-burst")).isEmpty();
    }

    @Test
    void aLateEventInsideTheGraceCountsOneOutsideIsDroppedAndCounted() {
        start(Map.of("forbidden-burst", Map.of("threshold", "3")));
        send(refused("r-1", "bob@example.com", "a", T0.plusSeconds(10)));
        send(refused("r-2", "bob@example.com", "b", T0.plusSeconds(20)));
        send(refused("other", "carol@example.com", "x", T0.plusSeconds(330))); // stream time 10:05:30
        send(refused("r-3", "bob@example.com", "c", T0.plusSeconds(30)));     // 5 min late, window + 1m grace open

        assertThat(of("forbidden-burst")).hasSize(1).first()
                .satisfies(alert -> assertThat(alert.vigil().count()).isEqualTo(3));

        send(refused("d-1", "dave@example.com", "a", T0.plusSeconds(10)));
        send(refused("d-2", "dave@example.com", "b", T0.plusSeconds(20)));
        send(refused("other-2", "carol@example.com", "y", T0.plusSeconds(365))); // stream time 10:06:05: closed
        send(refused("d-3", "dave@example.com", "c", T0.plusSeconds(30)));

        assertThat(of("forbidden-burst")).isEmpty();
        assertThat(metric("late-dropped-total", "forbidden-burst")).isEqualTo(1.0);
    }

    @Test
    void anEventDatedInTheFutureCountsAtItsReceiptAndSilencesNothing() {
        start(Map.of("forbidden-burst", Map.of("threshold", "3")));
        ObjectNode forged = refused("f-1", "eve@example.com", "x", T0.plusSeconds(5));
        forged.put("stageTimestamp", "2099-01-01T00:00:00Z");
        send(forged, T0.plusSeconds(5));
        send(refused("r-1", "bob@example.com", "a", T0.plusSeconds(10)));
        send(refused("r-2", "bob@example.com", "b", T0.plusSeconds(20)));
        send(refused("r-3", "bob@example.com", "c", T0.plusSeconds(30)));

        assertThat(of("forbidden-burst")).hasSize(1);
        assertThat(metric("late-dropped-total", "forbidden-burst")).isZero();
    }

    @Test
    void anonymousProbingCountsDistinctPathsPerSourceIp() {
        start(Map.of());
        for (int i = 1; i <= 30; i++) {
            send(request("same-" + i, "system:anonymous", "get", "", "", "api", 403, T0.plusSeconds(i)));
        }
        assertThat(of("anonymous-probing")).as("one path thirty times").isEmpty();

        for (int i = 1; i <= 10; i++) {
            send(request("scan-" + i, "system:anonymous", "get", "", "", "probe-" + i, 404, T0.plusSeconds(40 + i)));
        }
        List<Alert> fired = of("anonymous-probing");
        assertThat(fired).as("fired at /api and nine probes, updated by the tenth").hasSize(2)
                .extracting(alert -> alert.vigil().count()).containsExactly(10L, 11L);
        assertThat(fired.get(1).id()).isEqualTo(fired.get(0).id());
        assertThat(fired.get(0).message()).startsWith("198.51.100.23 requested 10 or more distinct API paths");
    }

    @Test
    void secretsReadBurstAndDiscoveryBurstCountDistinctObjectsAndTypes() {
        start(Map.of());
        for (int i = 1; i <= 10; i++) {
            send(secretRead("s-" + i, "dev@example.com", "ns" + i, "db", T0.plusSeconds(i)));
            send(secretRead("again-" + i, "dev@example.com", "ns1", "db", T0.plusSeconds(i)));
        }
        assertThat(of("secrets-read-burst")).hasSize(1).first()
                .satisfies(alert -> assertThat(alert.vigil().count()).isEqualTo(10));

        for (int i = 1; i <= 15; i++) {
            send(request("l-" + i, "dev@example.com", "list", "kind" + i, "", "", 200, T0.plusSeconds(i)));
        }
        assertThat(of("discovery-burst")).hasSize(1);
    }

    @Test
    void rbacGrantThenUseCarriesBothAuditIdsAndCountsFurtherUses() {
        start(Map.of());
        send(grant("g-1", "bob@example.com", "cluster-admin", T0));
        send(secretRead("u-1", "bob@example.com", "shop", "db", T0.plusSeconds(240)));
        send(secretRead("u-1", "bob@example.com", "shop", "db", T0.plusSeconds(240)));
        send(exec("u-2", "bob@example.com", "shop", "web-0", T0.plusSeconds(300)));

        List<Alert> fired = of("rbac-grant-then-use");
        assertThat(fired).hasSize(2).extracting(Alert::id).containsOnly(AlertIds.of("rbac-grant-then-use", "prod-1",
                "prod-1|bob@example.com|g-1", T0.toEpochMilli()));
        Alert first = fired.get(0);
        assertThat(first.vigil().evidence().auditIds()).containsExactly("g-1", "u-1");
        assertThat(first.message()).isEqualTo("admin@example.com created clusterrolebindings/bob@example.com-"
                + "cluster-admin (ClusterRole cluster-admin to bob@example.com), then bob@example.com read "
                + "secrets/db in shop (4m later)");
        assertThat(first.user().name()).isEqualTo("bob@example.com");
        assertThat(first.vigil().firstSeen()).isEqualTo(T0);
        assertThat(first.vigil().evidence().details().at("/grant/role").asString()).isEqualTo("cluster-admin");
        assertThat(fired.get(1).vigil().count()).isEqualTo(2);
        assertThat(fired.get(1).vigil().evidence().auditIds()).containsExactly("g-1", "u-1", "u-2");
    }

    @Test
    void aGrantArrivingLateInsideTheGraceStillPairsOutsideItDoesNot() {
        start(Map.of());
        send(secretRead("u-1", "bob@example.com", "shop", "db", T0.plusSeconds(600)));
        send(grant("g-1", "bob@example.com", "view", T0)); // arrives after the use, 10 minutes older
        assertThat(of("rbac-grant-then-use")).hasSize(1);

        send(secretRead("u-2", "carol@example.com", "shop", "db", T0.plusSeconds(60)));
        send(request("tick", "dev@example.com", "get", "configmaps", "shop", "x", 200,
                T0.plusSeconds(60 + 35 * 60 + 1))); // stream time past use + within + grace
        send(grant("g-2", "carol@example.com", "view", T0));
        assertThat(of("rbac-grant-then-use")).isEmpty();
        assertThat(metric("late-dropped-total", "rbac-grant-then-use")).isEqualTo(1.0);
    }

    @Test
    void aUseAfterTheTimeLimitOrBeforeTheGrantDoesNotFire() {
        start(Map.of());
        send(grant("g-1", "bob@example.com", "view", T0));
        send(secretRead("u-1", "bob@example.com", "shop", "db", T0.plus(Duration.ofMinutes(31))));
        send(secretRead("u-2", "carol@example.com", "shop", "db", T0.plus(Duration.ofMinutes(40))));
        send(grant("g-2", "carol@example.com", "view", T0.plus(Duration.ofMinutes(41))));

        assertThat(of("rbac-grant-then-use")).isEmpty();
    }

    @Test
    void newExecPrincipalLearnsThenFiresOnANewNamespaceAndForgetsAfterTheHistory() {
        start(Map.of());
        send(exec("e-1", "dev@example.com", "shop", "web-0", T0));
        send(exec("e-2", "dev@example.com", "kube-system", "etcd-0", T0.plus(Duration.ofHours(2))));
        assertThat(of("new-exec-principal")).as("learning").isEmpty();

        send(exec("e-3", "dev@example.com", "shop", "web-1", T0.plus(Duration.ofDays(2))));
        send(exec("e-4", "dev@example.com", "payments", "api-0", T0.plus(Duration.ofDays(2)).plusSeconds(60)));
        send(exec("e-4", "dev@example.com", "payments", "api-0", T0.plus(Duration.ofDays(2)).plusSeconds(60)));
        List<Alert> fired = of("new-exec-principal");
        assertThat(fired).hasSize(1);
        assertThat(fired.get(0).message()).startsWith("dev@example.com ran a command in a pod of payments for the "
                + "first time in 14d");

        // 20 days on, the wall-clock purge drops what is older than 14 days: kube-system is new again
        send(secretRead("tick", "ops@example.com", "shop", "db", T0.plus(Duration.ofDays(20))));
        harness.driver().advanceWallClockTime(Duration.ofHours(1));
        KeyValueStore<String, TermBaseline> store = harness.driver().getKeyValueStore(
                StatefulProcessor.NEW_TERMS_STORE);
        assertThat(store.get("new-exec-principal|prod-1|dev@example.com")).isNull();
        send(exec("e-6", "dev@example.com", "kube-system", "etcd-0", T0.plus(Duration.ofDays(20)).plusSeconds(5)));
        assertThat(of("new-exec-principal")).hasSize(1);
    }

    @Test
    void aClusterConnectedLaterLearnsItsOwnBaselineBeforeNewTermsFire() {
        start(Map.of());
        send(exec("e-1", "dev@example.com", "shop", "web-0", T0));
        Instant later = T0.plus(Duration.ofDays(2));
        harness.auditTopic().pipeInput("key", AuditRecordCodec.encode(exec("e-2", "dev@example.com", "payments",
                "api-0", later), "prod-2", later), later);
        assertThat(of("new-exec-principal")).as("prod-2 is on its first day").isEmpty();

        send(exec("e-3", "dev@example.com", "payments", "api-0", later.plusSeconds(60)));
        assertThat(of("new-exec-principal")).as("prod-1 has learned").hasSize(1);
    }

    @Test
    void aKeyAtMaxTermsForgetsItsLeastRecentlySeenValueAndCountsIt() {
        start(Map.of("new-exec-principal", Map.of("max-terms", "2", "learning", "0s")));
        send(exec("e-1", "dev@example.com", "a", "p", T0));
        send(exec("e-2", "dev@example.com", "b", "p", T0.plusSeconds(1)));
        send(exec("e-3", "dev@example.com", "c", "p", T0.plusSeconds(2)));
        send(exec("e-4", "dev@example.com", "a", "p", T0.plusSeconds(3)));

        assertThat(of("new-exec-principal")).hasSize(4);
        assertThat(metric("terms-evicted-total", "new-exec-principal")).isEqualTo(2.0);
    }

    @Test
    void serviceAccountNewSourceFiresOnANewNetworkAfterLearning() {
        start(Map.of());
        String sa = "system:serviceaccount:shop:web";
        send(secretRead("a-1", sa, "shop", "db", T0));
        send(secretRead("a-2", sa, "shop", "db", T0.plus(Duration.ofDays(2))));
        assertThat(of("service-account-new-source")).isEmpty();

        ObjectNode stolen = secretRead("a-3", sa, "shop", "db", T0.plus(Duration.ofDays(2)).plusSeconds(60));
        stolen.putArray("sourceIPs").add("203.0.113.77");
        send(stolen);
        List<Alert> fired = of("service-account-new-source");
        assertThat(fired).hasSize(1);
        assertThat(fired.get(0).message()).startsWith(sa + " used from 203.0.113.0/24 with kubectl");
    }
}

package dev.vigil.streams.pods;

import dev.vigil.model.alert.Alert;
import dev.vigil.model.alert.Severity;
import dev.vigil.model.ecs.Orchestrator;
import dev.vigil.model.json.VigilJson;
import dev.vigil.model.testdata.AuditTestData;
import dev.vigil.streams.alerts.AlertFactory;
import dev.vigil.streams.alerts.AlertIds;
import dev.vigil.streams.redact.Redactor;
import dev.vigil.streams.rules.DetectionEngine;
import dev.vigil.streams.rules.LongLivedPodPolicy;
import dev.vigil.model.rule.RuleMeta;
import dev.vigil.streams.testing.TestDetectionEngine;
import dev.vigil.streams.testing.TopologyHarness;
import dev.vigil.streams.kafka.WatchIntake;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PodTopologyTest {

    static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    static final RuleMeta LONG_LIVED = new RuleMeta("long-lived-pod", "Long-lived pod", "A pod runs too long.", "1",
            "vigil-core", Severity.LOW, List.of("APP.4.4.A21"), List.of(), List.of("configuration"), null);
    static final PodSettings SETTINGS = new PodSettings(new LongLivedPodPolicy(Duration.ofHours(24),
            Set.of("kube-system"), Map.of("vigil.dev/long-lived", "approved")), Duration.ofMinutes(1));

    private static final String API_UID = "3f1c2b4a-5d6e-4f70-8a9b-0c1d2e3f4a01";
    private static final String CACHE_UID = "3f1c2b4a-5d6e-4f70-8a9b-0c1d2e3f4a02";
    private static final String GATEWAY_UID = "3f1c2b4a-5d6e-4f70-8a9b-0c1d2e3f4a07";

    @TempDir
    Path stateDir;

    private TopologyHarness harness;
    private TestOutputTopic<String, Alert> alerts;

    static List<JsonNode> fixture() {
        return AuditTestData.lines(AuditTestData.file("fixtures/streams/watch-pods.jsonl")).stream()
                .map(line -> VigilJson.mapper().readTree(line.text()))
                .toList();
    }

    /** The contract key of a watch record; the kind comes from the key when the object has none. */
    static String key(JsonNode record) {
        JsonNode metadata = record.path("object").path("metadata");
        String kind = record.path("object").path("kind").asString("Pod");
        return record.path("cluster").stringValue() + "/" + kind + "/" + metadata.path("namespace").stringValue()
                + "/" + metadata.path("name").stringValue();
    }

    private void start(DetectionEngine engine) {
        AlertFactory factory = new AlertFactory(Redactor.withDefaults(), Clock.fixed(T0, ZoneOffset.UTC),
                Duration.ofHours(1));
        harness = TopologyHarness.of(builder -> topology(builder, engine, factory), T0, stateDir);
        alerts = harness.alerts();
    }

    private static void topology(StreamsBuilder builder, DetectionEngine engine, AlertFactory factory) {
        PodTopology.longLivedPods(WatchIntake.decoded(builder, TopologyHarness.TOPICS),
                TopologyHarness.TOPICS.alerts(), SETTINGS, engine, factory);
    }

    private void startAndFeedFixture() {
        start(TestDetectionEngine.create().metaOnly(LONG_LIVED));
        fixture().forEach(this::send);
    }

    private void send(JsonNode record) {
        harness.watch(key(record), VigilJson.write(record));
    }

    private static JsonNode withType(JsonNode record, String type) {
        ObjectNode copy = (ObjectNode) record.deepCopy();
        copy.put("type", type);
        return copy;
    }

    private KeyValueStore<String, PodState> store() {
        return harness.driver().getKeyValueStore(PodLifetimeTracker.STORE);
    }

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void podsAlreadyPastTheLimitFireAtOnceWithStartTimeAgeAndOwner() {
        startAndFeedFixture();

        List<Alert> fired = alerts.readValuesToList();

        assertThat(fired).extracting(alert -> alert.orchestrator().resource().name())
                .containsExactly("cache-0", "gateway-5b4c3d2e1-zz9yx");
        Alert cache = fired.get(0);
        assertThat(cache.id()).isEqualTo(AlertIds.of("long-lived-pod", "prod-1", "prod-1/" + CACHE_UID,
                Duration.ofHours(24).toMillis()));
        assertThat(cache.timestamp()).isEqualTo(T0);
        assertThat(cache.message())
                .isEqualTo("Pod shop/cache-0 (owner StatefulSet/cache) has been running for 8d 12h 30m, longer than the 1d limit");
        assertThat(cache.rule().id()).isEqualTo("long-lived-pod");
        assertThat(cache.rule().reference()).isEqualTo("BSI APP.4.4.A21");
        assertThat(cache.vigil().severity()).isEqualTo(Severity.LOW);
        assertThat(cache.event().severity()).isEqualTo(21);
        assertThat(cache.vigil().count()).isEqualTo(1);
        assertThat(cache.vigil().evidence().auditIds()).isEmpty();
        JsonNode details = cache.vigil().evidence().details();
        assertThat(details.path("start_time").stringValue()).isEqualTo("2026-02-20T11:30:00Z");
        assertThat(details.path("age").stringValue()).isEqualTo("PT204H30M");
        assertThat(details.path("age_seconds").longValue()).isEqualTo(Duration.parse("PT204H30M").toSeconds());
        assertThat(details.path("owner").path("kind").stringValue()).isEqualTo("StatefulSet");
        assertThat(details.path("owner").path("name").stringValue()).isEqualTo("cache");
        assertThat(details.path("limit").stringValue()).isEqualTo("PT24H");
        assertThat(cache.orchestrator()).isEqualTo(new Orchestrator("kubernetes", new Orchestrator.Cluster("prod-1"),
                "shop", new Orchestrator.Resource("pods", "cache-0"), "v1"));
        assertThat(cache.user()).isNull();
    }

    @Test
    void aPodFiresOnceWhenItCrossesTheLimitAndNotBefore() {
        startAndFeedFixture();
        alerts.readValuesToList();

        harness.driver().advanceWallClockTime(Duration.ofHours(6));
        assertThat(alerts.isEmpty()).as("api is 23:59:55 old").isTrue();

        harness.driver().advanceWallClockTime(Duration.ofMinutes(1));
        Alert api = alerts.readValue();
        assertThat(api.orchestrator().resource().name()).isEqualTo("api-7d9f8b6c5-x2x4q");
        assertThat(api.timestamp()).isEqualTo(T0.plus(Duration.ofHours(6).plusMinutes(1)));
        assertThat(api.vigil().evidence().details().path("owner").path("name").stringValue()).isEqualTo("api-7d9f8b6c5");

        harness.driver().advanceWallClockTime(Duration.ofDays(30));
        assertThat(alerts.isEmpty()).as("once per crossing").isTrue();
        assertThat(store().get("prod-1/" + API_UID).alertedLimit()).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void aReListOrUpdateOfAnAlertedPodDoesNotAlertAgain() {
        startAndFeedFixture();
        assertThat(alerts.readValuesToList()).hasSize(2);

        fixture().forEach(this::send);
        send(withType(fixture().get(1), "MODIFIED"));
        harness.driver().advanceWallClockTime(Duration.ofMinutes(5));

        assertThat(alerts.isEmpty()).isTrue();
        assertThat(store().get("prod-1/" + CACHE_UID).alertedLimit()).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void deletedRemovesThePod() {
        startAndFeedFixture();
        alerts.readValuesToList();
        assertThat(store().get("prod-1/" + API_UID)).isNotNull();

        send(withType(fixture().get(0), "DELETED"));
        harness.driver().advanceWallClockTime(Duration.ofDays(2));

        assertThat(store().get("prod-1/" + API_UID)).isNull();
        assertThat(store().get("prod-1/" + GATEWAY_UID)).isNotNull();
        assertThat(alerts.isEmpty()).isTrue();
    }

    @Test
    void exemptPodsAndPodsThatAreNotRunningNeverFire() {
        startAndFeedFixture();
        harness.driver().advanceWallClockTime(Duration.ofDays(365));

        assertThat(alerts.readValuesToList()).extracting(alert -> alert.orchestrator().resource().name())
                .containsExactlyInAnyOrder("cache-0", "gateway-5b4c3d2e1-zz9yx", "api-7d9f8b6c5-x2x4q");
        List<String> tracked = new ArrayList<>();
        try (KeyValueIterator<String, PodState> pods = store().all()) {
            pods.forEachRemaining(pod -> tracked.add(pod.value.name()));
        }
        assertThat(tracked).as("every pod is tracked, exempt or not").hasSize(7)
                .contains("etcd-control-plane-1", "legacy-ledger-0", "report-29871234-k7m2p", "web-6c5d4b3a2-pq8rs");
    }

    @Test
    void aDisabledRuleTracksPodsButNeverAlerts() {
        start(TestDetectionEngine.create());
        fixture().forEach(this::send);
        harness.driver().advanceWallClockTime(Duration.ofDays(2));

        assertThat(alerts.isEmpty()).isTrue();
        assertThat(store().get("prod-1/" + CACHE_UID).alertedLimit()).isNull();
    }

    @Test
    void badWatchRecordsGoToTheDeadLetterTopic() {
        start(TestDetectionEngine.create().metaOnly(LONG_LIVED));

        harness.watch("prod-1/Pod/shop/x", "{\"type\":\"ERROR\",\"object\":{\"kind\":\"Status\",\"code\":410}}");

        assertThat(harness.dlq().readValue().reason()).isEqualTo("type: unsupported watch event type 'ERROR'");
        assertThat(alerts.isEmpty()).isTrue();
    }
}

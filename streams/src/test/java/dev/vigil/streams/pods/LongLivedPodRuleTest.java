package dev.vigil.streams.pods;

import dev.vigil.model.alert.Alert;
import dev.vigil.model.json.VigilJson;
import dev.vigil.streams.alerts.AlertFactory;
import dev.vigil.streams.redact.Redactor;
import dev.vigil.streams.rules.RuleEngine;
import dev.vigil.streams.rules.RuleTestCase;
import dev.vigil.streams.rules.RulesProperties;
import dev.vigil.streams.testing.TopologyHarness;
import dev.vigil.streams.kafka.WatchIntake;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded tests of the bundled {@code long-lived-pod} rule, run where that rule's logic lives: each case's watch
 * event goes through the pod tracker with the driver's wall clock at the case's {@code at}.
 */
class LongLivedPodRuleTest {

    private static final RuleEngine ENGINE = RuleEngine.load(RulesProperties.defaults());

    @TempDir
    Path stateDir;

    @TestFactory
    List<DynamicTest> bundledRuleTestsPass() throws IOException {
        List<RuleTestCase> cases = ENGINE.tests(LongLivedPodAlerts.RULE_ID);
        assertThat(cases).extracting(RuleTestCase::fire).contains(true, false);
        return cases.stream()
                .map(testCase -> DynamicTest.dynamicTest((testCase.fire() ? "fires: " : "does not fire: ")
                        + testCase.name(), () -> run(testCase)))
                .toList();
    }

    @TestFactory
    List<DynamicTest> configuredLimitAndExemptionsApply() {
        RuleEngine tuned = RuleEngine.load(new RulesProperties(null, null, null, null,
                new RulesProperties.LongLivedPod(Duration.ofHours(2), Set.of("batch"),
                        Map.of("vigil.dev/long-lived", "*"))));
        PodSettings settings = PodSettings.of(tuned, Duration.ofMinutes(1));
        return List.of(
                DynamicTest.dynamicTest("limit from vigil.rules", () ->
                        assertThat(settings.limit()).isEqualTo(Duration.ofHours(2))),
                DynamicTest.dynamicTest("namespaces from the rule file and vigil.rules", () ->
                        assertThat(settings.policy().exemptNamespaces()).contains("kube-system", "batch")),
                DynamicTest.dynamicTest("labels from vigil.rules", () ->
                        assertThat(settings.policy().exempt("shop", Map.of("vigil.dev/long-lived", "yes"))).isTrue()));
    }

    private void run(RuleTestCase testCase) throws IOException {
        Instant at = Instant.parse(testCase.at());
        AlertFactory factory = new AlertFactory(Redactor.withDefaults(), Clock.fixed(at, ZoneOffset.UTC),
                Duration.ofHours(1));
        Path dir = Files.createTempDirectory(stateDir, "case");
        try (TopologyHarness harness = TopologyHarness.of(builder -> PodTopology.longLivedPods(
                WatchIntake.decoded(builder, TopologyHarness.TOPICS), TopologyHarness.TOPICS.alerts(),
                PodSettings.of(ENGINE, Duration.ofMinutes(1)), ENGINE, factory), at, dir)) {
            JsonNode event = testCase.event();
            harness.watch(PodTopologyTest.key(event), VigilJson.write(event));
            harness.driver().advanceWallClockTime(Duration.ofMinutes(1));

            List<Alert> alerts = harness.alerts().readValuesToList();
            if (!testCase.fire()) {
                assertThat(alerts).isEmpty();
                return;
            }
            assertThat(alerts).hasSize(1);
            Alert alert = alerts.get(0);
            assertThat(alert.rule().id()).isEqualTo(LongLivedPodAlerts.RULE_ID);
            if (testCase.severity() != null) {
                assertThat(alert.vigil().severity().word()).isEqualTo(testCase.severity());
            }
            if (testCase.message() != null) {
                assertThat(alert.message()).contains(testCase.message());
            }
            if (testCase.details() != null) {
                testCase.details().properties().forEach(field -> assertThat(
                        alert.vigil().evidence().details().get(field.getKey())).isEqualTo(field.getValue()));
            }
        }
    }
}

package dev.vigil.streams.posture;

import dev.vigil.model.alert.Alert;
import dev.vigil.model.alert.AlertStatus;
import dev.vigil.model.json.VigilJson;
import dev.vigil.streams.alerts.AlertFactory;
import dev.vigil.streams.kafka.WatchIntake;
import dev.vigil.streams.redact.Redactor;
import dev.vigil.streams.rules.RuleEngine;
import dev.vigil.streams.rules.RuleTestCase;
import dev.vigil.streams.rules.RulesProperties;
import dev.vigil.streams.testing.TopologyHarness;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded tests of the bundled posture rules, run where their logic lives: each case's watch events go
 * through the posture topology, and the driver's wall clock is advanced to the case's {@code at}.
 */
class PostureRuleTest {

    private static final RuleEngine ENGINE = RuleEngine.load(RulesProperties.defaults());

    @TempDir
    Path stateDir;

    @TestFactory
    List<DynamicContainer> bundledRuleTestsPass() {
        return PostureSettings.RULES.stream().map(rule -> {
            List<RuleTestCase> cases = cases(rule);
            assertThat(cases).as(rule).extracting(RuleTestCase::fire).contains(true, false);
            return DynamicContainer.dynamicContainer(rule, cases.stream().map(testCase -> DynamicTest.dynamicTest(
                    (testCase.fire() ? "fires: " : "does not fire: ") + testCase.name(), () -> run(rule, testCase))));
        }).toList();
    }

    private static List<RuleTestCase> cases(String rule) {
        try {
            return ENGINE.tests(rule);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void run(String rule, RuleTestCase testCase) throws IOException {
        Instant at = Instant.parse(testCase.at());
        Instant start = at.minus(Duration.ofMinutes(1));
        AlertFactory factory = new AlertFactory(Redactor.withDefaults(), Clock.fixed(at, ZoneOffset.UTC),
                Duration.ofHours(1));
        Path dir = Files.createTempDirectory(stateDir, "case");
        try (TopologyHarness harness = TopologyHarness.of(builder -> PostureTopology.posture(
                WatchIntake.decoded(builder, TopologyHarness.TOPICS), TopologyHarness.TOPICS.alerts(),
                Duration.ofMinutes(1), ENGINE, factory), start, dir)) {
            for (JsonNode event : testCase.event()) {
                harness.watch(PostureEvents.key(event), VigilJson.write(event));
            }
            harness.driver().advanceWallClockTime(Duration.ofMinutes(1));

            List<Alert> alerts = harness.alerts().readValuesToList().stream()
                    .filter(alert -> alert.rule().id().equals(rule)).toList();
            if (!testCase.fire()) {
                assertThat(alerts).isEmpty();
                return;
            }
            assertThat(alerts).hasSize(1);
            Alert alert = alerts.get(0);
            assertThat(alert.vigil().status()).isEqualTo(AlertStatus.OPEN);
            assertThat(alert.vigil().resolvedAt()).isNull();
            if (testCase.message() != null) {
                assertThat(alert.message()).contains(testCase.message());
            }
        }
    }
}

package dev.vigil.streams.rules;

import dev.vigil.model.rule.RuleMeta;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs every bundled rule's embedded tests (the {@code tests:} blocks), one dynamic test per case. */
class BundledRulesTest {

    private static final RuleEngine ENGINE = RuleEngine.load(RulesProperties.defaults());

    @TestFactory
    Stream<DynamicTest> embeddedRuleTests() {
        return ENGINE.runTests().stream().map(result -> DynamicTest.dynamicTest(
                result.ruleId() + " " + (result.testCase().fire() ? "fires: " : "does not fire: ")
                        + result.testCase().name(),
                () -> assertThat(result.failure()).as(result.toString()).isNull()));
    }

    @Test
    void everyAuditRuleHasFiringAndNonFiringTests() {
        List<RuleTestResult> results = ENGINE.runTests();
        for (RuleMeta rule : ENGINE.rules()) {
            // stateful rules' multi-event tests run in StatefulRuleTestsTest; watch rules' (long-lived-pod, the
            // posture rules) in LongLivedPodRuleTest and PostureRuleTest, through their topologies
            if (rule.id().equals(LongLivedPodPolicy.RULE_ID) || ENGINE.watchRule(rule.id()).isPresent()
                    || ENGINE.statefulRules().stream().anyMatch(stateful -> stateful.id().equals(rule.id()))) {
                continue;
            }
            assertThat(results).as(rule.id() + " firing tests")
                    .anyMatch(r -> r.ruleId().equals(rule.id()) && r.testCase().fire());
            assertThat(results).as(rule.id() + " non-firing tests")
                    .anyMatch(r -> r.ruleId().equals(rule.id()) && !r.testCase().fire());
        }
    }
}

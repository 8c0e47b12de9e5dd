package dev.vigil.streams.stateful;

import dev.vigil.streams.rules.RuleEngine;
import dev.vigil.streams.rules.RuleTestResult;
import dev.vigil.streams.rules.RulesProperties;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The bundled stateful rules' embedded multi-event tests pass, and every rule has firing and silent cases. */
class StatefulRuleTestsTest {

    private static final RuleEngine ENGINE = RuleEngine.load(RulesProperties.defaults());

    @Test
    void everyBundledStatefulRuleFiresOnItsScenarioAndStaysSilentOnTheOthers() {
        List<RuleTestResult> results = StatefulRuleTests.run(ENGINE);

        assertThat(results).filteredOn(result -> !result.passed()).isEmpty();
        assertThat(ENGINE.statefulRules()).extracting(rule -> rule.id()).containsExactlyInAnyOrder(
                "forbidden-burst", "anonymous-probing", "secrets-read-burst", "discovery-burst",
                "rbac-grant-then-use", "new-exec-principal", "service-account-new-source");
        for (var rule : ENGINE.statefulRules()) {
            assertThat(results).as(rule.id() + " fires").anyMatch(r -> r.ruleId().equals(rule.id())
                    && r.testCase().fire());
            assertThat(results).as(rule.id() + " stays silent").anyMatch(r -> r.ruleId().equals(rule.id())
                    && !r.testCase().fire());
        }
    }
}

package dev.vigil.console.compliance;

import org.junit.jupiter.api.Test;

import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The catalog file against design/bsi-app44.md: every requirement, its level and whether it is observable. */
class BsiCatalogTest {

    private final BsiCatalog catalog = BsiCatalog.load();

    @Test
    void listsA1ToA21InOrderPlusSys16() {
        assertThat(catalog.requirements()).extracting(BsiRequirement::id).containsExactlyElementsOf(
                IntStream.rangeClosed(1, 22).mapToObj(i -> i == 22 ? "SYS.1.6" : "APP.4.4.A" + i).toList());
    }

    @Test
    void keepsTheLevelsOfTheDesignTable() {
        assertThat(catalog.requirements().subList(0, 21)).extracting(BsiRequirement::level).containsExactly(
                "B", "B", "B", "B", "B", "S", "S", "S", "S", "S", "S", "S", "H", "H", "H", "H", "H", "H", "H", "H", "H");
    }

    @Test
    void organisationalRequirementsAreNotObservableAndHaveNoRelevantEvents() {
        assertThat(catalog.requirements()).filteredOn(requirement -> !requirement.observableAtAll())
                .extracting(BsiRequirement::id)
                .containsExactly("APP.4.4.A2", "APP.4.4.A5", "APP.4.4.A12", "APP.4.4.A16", "APP.4.4.A19", "APP.4.4.A20");
        assertThat(catalog.requirements()).filteredOn(BsiRequirement::observableAtAll)
                .allSatisfy(requirement -> assertThat(requirement.hasRelevantEvents()).isTrue());
    }

    @Test
    void postureRequirementsAreJudgedByTheBundledPostureRules() {
        var engine = dev.vigil.streams.rules.RuleEngine.load(dev.vigil.streams.rules.RulesProperties.defaults());
        java.util.Map<String, java.util.List<String>> rulesByRequirement = new java.util.HashMap<>();
        engine.rules().forEach(rule -> rule.bsi().forEach(bsi -> rulesByRequirement
                .computeIfAbsent(ComplianceService.normalise(bsi), r -> new java.util.ArrayList<>()).add(rule.id())));

        assertThat(rulesByRequirement.get("APP.4.4.A7")).contains("namespace-without-default-deny", "cni-change");
        assertThat(rulesByRequirement.get("APP.4.4.A18")).contains("pod-not-covered-by-network-policy");
        assertThat(rulesByRequirement.get("APP.4.4.A14")).contains("workload-on-control-plane-node");
        assertThat(rulesByRequirement.get("APP.4.4.A15")).contains("workload-on-control-plane-node");
        assertThat(catalog.requirement("APP.4.4.A14").orElseThrow().needsWatch()).isTrue();
        assertThat(catalog.requirement("APP.4.4.A15").orElseThrow().needsWatch()).isTrue();
        assertThat(catalog.requirements()).extracting(BsiRequirement::plannedRules)
                .noneMatch(planned -> planned != null && planned.contains("default-deny"));
    }

    @Test
    void relevantEventsNameResourcesAndVerbs() {
        BsiRequirement.RelevantEvents a4 = catalog.requirement("APP.4.4.A4").orElseThrow().relevantEvents();
        BsiRequirement.RelevantEvents a3 = catalog.requirement("APP.4.4.A3").orElseThrow().relevantEvents();
        BsiRequirement.RelevantEvents a7 = catalog.requirement("APP.4.4.A7").orElseThrow().relevantEvents();

        assertThat(a4.resources()).contains("pods", "deployments", "cronjobs");
        assertThat(a4.verbs()).containsExactly("create", "update", "patch");
        assertThat(a3.anyEvent()).isTrue();
        assertThat(a7.resources()).contains("networkpolicies", "ciliumnetworkpolicies", "globalnetworkpolicies");
        assertThat(a7).isEqualTo(catalog.requirement("APP.4.4.A18").orElseThrow().relevantEvents());
    }
}

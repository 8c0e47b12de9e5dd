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

package dev.vigil.console.compliance;

import org.junit.jupiter.api.Test;

import static dev.vigil.console.compliance.ComplianceStatus.CLEAN;
import static dev.vigil.console.compliance.ComplianceStatus.NOT_OBSERVABLE;
import static dev.vigil.console.compliance.ComplianceStatus.NOT_OBSERVED;
import static dev.vigil.console.compliance.ComplianceStatus.VIOLATED;
import static org.assertj.core.api.Assertions.assertThat;

class ComplianceStatusTest {

    private final BsiCatalog catalog = BsiCatalog.load();

    @Test
    void decidesByAlertsThenByObservedEventsOfLoadedRules() {
        BsiRequirement a4 = catalog.requirement("APP.4.4.A4").orElseThrow();

        assertThat(ComplianceStatus.of(a4, 2, 1, 0)).isEqualTo(VIOLATED);
        assertThat(ComplianceStatus.of(a4, 2, 0, 35)).isEqualTo(CLEAN);
        assertThat(ComplianceStatus.of(a4, 2, 0, 0)).isEqualTo(NOT_OBSERVED);
        assertThat(ComplianceStatus.of(a4, 0, 0, 35)).isEqualTo(NOT_OBSERVED); // no rule ran over those events
    }

    @Test
    void organisationalRequirementsAreNeverClean() {
        BsiRequirement a2 = catalog.requirement("APP.4.4.A2").orElseThrow();

        assertThat(ComplianceStatus.of(a2, 3, 0, 1000)).isEqualTo(NOT_OBSERVABLE);
        assertThat(ComplianceStatus.of(a2, 3, 5, 1000)).isEqualTo(NOT_OBSERVABLE);
    }

    @Test
    void acceptsShortAndFullRequirementIds() {
        assertThat(ComplianceService.normalise("A9")).isEqualTo("APP.4.4.A9");
        assertThat(ComplianceService.normalise("APP.4.4.A9")).isEqualTo("APP.4.4.A9");
        assertThat(ComplianceService.normalise("SYS.1.6")).isEqualTo("SYS.1.6");
        assertThat(NOT_OBSERVED.word()).isEqualTo("not observed");
    }
}

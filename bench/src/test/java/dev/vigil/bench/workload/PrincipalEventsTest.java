package dev.vigil.bench.workload;

import dev.vigil.model.audit.AuditRecord;
import dev.vigil.model.audit.AuditRecordCodec;
import dev.vigil.streams.rules.RuleEngine;
import dev.vigil.streams.rules.RulesProperties;
import dev.vigil.streams.rules.StatefulDetection;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PrincipalEventsTest {

    private static final RuleEngine RULES = RuleEngine.load(RulesProperties.defaults());

    @Test
    void everyPrincipalIsAKeyOfBothNewTermsRules() {
        Instant at = Instant.parse("2026-12-03T10:00:00Z");
        for (long i : new long[] {0, 1, 70_001, 999_999}) {
            AuditRecord record = AuditRecordCodec.decode(PrincipalEvents.record(i, at, "bench", at)).value();

            List<StatefulDetection> detections = RULES.evaluateStateful(record);

            // service-account-new-source: one per term (network, client); rbac-grant-then-use's second step too
            assertThat(detections).extracting(d -> d.rule().id())
                    .contains("new-exec-principal", "service-account-new-source");
            assertThat(detections).filteredOn(d -> d.rule().id().startsWith("new-exec")
                    || d.rule().id().startsWith("service-account-new")).allSatisfy(d ->
                    assertThat(d.keys()).singleElement().asString().contains(":sa-" + i));
        }
    }

    @Test
    void principalsAreDistinct() {
        Instant at = Instant.parse("2026-12-03T10:00:00Z");
        assertThat(PrincipalEvents.event(5, at).path("user").path("username").asString())
                .isNotEqualTo(PrincipalEvents.event(505, at).path("user").path("username").asString());
        assertThat(PrincipalEvents.auditId(5)).isNotEqualTo(PrincipalEvents.auditId(505));
    }
}

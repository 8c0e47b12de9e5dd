package dev.vigil.alerting.index;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class IsmRetentionTest {

    @Test
    void deletesAnIndexOneDayAfterTheRetentionOfItsFamily() {
        JsonNode policy = IsmRetention.policy(IndexFamily.EVIDENCE, Duration.ofDays(30)).path("policy");

        assertThat(policy.path("default_state").asString()).isEqualTo("keep");
        assertThat(policy.path("states").get(0).path("transitions").get(0).path("conditions")
                .path("min_index_age").asString()).isEqualTo("31d");
        assertThat(policy.path("states").get(1).path("actions").get(0).has("delete")).isTrue();
        assertThat(policy.path("ism_template").get(0).path("index_patterns").get(0).asString())
                .isEqualTo("vigil-audit-*");
        assertThat(policy.path("description").asString()).contains("policy v1", "vigil-audit-*", "31d", "30d");
        assertThat(IsmRetention.policyId(IndexFamily.ALERTS)).isEqualTo("vigil-alerts-retention");
    }

    @Test
    void writesTimeValuesOpenSearchUnderstands() {
        assertThat(IsmRetention.timeValue(Duration.ofDays(365))).isEqualTo("365d");
        assertThat(IsmRetention.timeValue(Duration.ofHours(36))).isEqualTo("129600s");
    }
}

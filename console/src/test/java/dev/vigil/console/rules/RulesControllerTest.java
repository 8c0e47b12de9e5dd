package dev.vigil.console.rules;

import dev.vigil.model.alert.Severity;
import dev.vigil.model.json.VigilJson;
import dev.vigil.model.rule.RuleCatalog;
import dev.vigil.model.rule.RuleMeta;
import dev.vigil.model.rule.RuleTuning;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /v1/rules} carries what the rules page and docs/rules.md show: metadata and how to tune each rule. */
class RulesControllerTest {

    private static final RuleMeta UNTRUSTED = new RuleMeta("untrusted-image", "Untrusted image", "Fires on …",
            "1.1.0", "vigil-core", Severity.MEDIUM, List.of("SYS.1.6.A6"), List.of("T1610"), List.of("workload"),
            Duration.ofHours(1));

    @Test
    void eachRuleCarriesDescriptionBsiMitreSeverityAndTuning() {
        RuleCatalog catalog = new RuleCatalog() {
            @Override
            public List<RuleMeta> rules() {
                return List.of(UNTRUSTED);
            }

            @Override
            public Optional<RuleTuning> tuning(String id) {
                return Optional.of(new RuleTuning(List.of("trusted_registries"), List.of("static_pods"),
                        List.of("system_controllers"), Map.of("limit", "24h"), List.of("trusted_registries"), true));
            }
        };
        JsonNode json = VigilJson.mapper().valueToTree(new RulesController(catalog).rules());
        JsonNode rule = json.path("rules").get(0);

        assertThat(rule.path("description").asString()).isEqualTo("Fires on …");
        assertThat(rule.path("severity").asString()).isEqualTo("medium");
        assertThat(rule.path("bsi").get(0).asString()).isEqualTo("SYS.1.6.A6");
        assertThat(rule.path("mitre").get(0).asString()).isEqualTo("T1610");
        JsonNode tuning = rule.path("tuning");
        assertThat(tuning.path("inactive").asBoolean()).isTrue();
        assertThat(tuning.path("inactive_until").get(0).path("property").asString())
                .isEqualTo("vigil.rules.lists.trusted-registries");
        assertThat(tuning.path("lists").get(0).path("name").asString()).isEqualTo("trusted_registries");
        assertThat(tuning.path("exceptions").get(0).asString()).isEqualTo("static_pods");
        assertThat(tuning.path("exception_sets").get(0).path("property").asString())
                .isEqualTo("vigil.rules.exceptions.system-controllers.<entry>.*");
        assertThat(tuning.path("params").path("limit").asString()).isEqualTo("24h");
        assertThat(tuning.path("exceptions_property").asString())
                .isEqualTo("vigil.rules.exceptions.untrusted-image.<entry>.*");
    }

    @Test
    void aCatalogWithoutTuningShowsNone() {
        RuleCatalog catalog = () -> List.of(UNTRUSTED);
        assertThat(new RulesController(catalog).rules().rules()).singleElement()
                .satisfies(view -> assertThat(view.tuning()).isNull());
    }
}

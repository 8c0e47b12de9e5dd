package dev.vigil.bench.rules;

import dev.vigil.streams.rules.RuleEngine;
import dev.vigil.model.rule.RuleMeta;
import dev.vigil.streams.rules.RulesProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RuleVariantsTest {

    @TempDir
    Path folder;

    @Test
    void bundledRulesPlusVariantsMakeAHundredAuditRulesThatTheEngineLoads() throws Exception {
        List<String> bundled = RuleVariants.bundledAuditRuleIds();
        assertThat(bundled).contains("anonymous-admin-action").doesNotContain("long-lived-pod");

        RuleVariants.write(folder, 100 - bundled.size());
        RuleEngine engine = RuleEngine.load(RulesProperties.defaults(), List.of(folder));

        List<String> ids = engine.rules().stream().map(RuleMeta::id).toList();
        assertThat(ids).containsAll(bundled).contains("long-lived-pod");
        assertThat(engine.evaluationErrors()).hasSize(100);
        assertThat(ids).filteredOn(id -> id.contains("-variant-")).hasSize(100 - bundled.size());
    }
}

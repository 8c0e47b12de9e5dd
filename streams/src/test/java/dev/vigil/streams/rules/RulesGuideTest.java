package dev.vigil.streams.rules;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rule catalogue of {@code docs/rules.md} is generated from the bundled rule files. When a rule changes,
 * regenerate it with
 * {@code ./mvnw -B -o -pl streams -am test -Dtest=RulesGuideTest -Dsurefire.failIfNoSpecifiedTests=false -Dvigil.docs.update=true}.
 */
class RulesGuideTest {

    private static final String REGENERATE = "./mvnw -B -o -pl streams -am test -Dtest=RulesGuideTest "
            + "-Dsurefire.failIfNoSpecifiedTests=false -Dvigil.docs.update=true";

    @Test
    void theRuleGuideShowsEveryBundledRuleAsTheRuleFilesDescribeIt() throws IOException {
        Path guide = repositoryFile("docs/rules.md");
        String text = Files.readString(guide, StandardCharsets.UTF_8);
        int begin = text.indexOf(RulesGuide.BEGIN);
        int end = text.indexOf(RulesGuide.END);
        assertThat(begin).as("start marker in docs/rules.md").isNotNegative();
        assertThat(end).as("end marker in docs/rules.md").isGreaterThan(begin);
        String expected = RulesGuide.render(RuleEngine.load(RulesProperties.defaults()));
        String actual = text.substring(begin + RulesGuide.BEGIN.length(), end).strip();

        if (!actual.equals(expected) && Boolean.getBoolean("vigil.docs.update")) {
            Files.writeString(guide, text.substring(0, begin + RulesGuide.BEGIN.length()) + "\n\n" + expected
                    + "\n\n" + text.substring(end), StandardCharsets.UTF_8);
            actual = expected;
        }
        assertThat(actual).as("docs/rules.md is out of date; regenerate its catalogue with:%n  " + REGENERATE)
                .isEqualTo(expected);
    }

    @Test
    void everyRuleSaysHowToTuneIt() {
        RuleEngine engine = RuleEngine.load(RulesProperties.defaults());
        assertThat(engine.rules()).allSatisfy(rule -> assertThat(engine.tuning(rule.id())).isPresent());
        assertThat(engine.tuning("untrusted-image").orElseThrow().inactiveUntil())
                .contains("trusted_registries");
        assertThat(engine.tuning("untrusted-image").orElseThrow().inactive()).isTrue();
        assertThat(engine.tuning("secrets-cluster-list").orElseThrow().exceptionSets())
                .containsExactly("system_controllers");
        // lists read through macros and through the exception set's named values
        assertThat(engine.tuning("secrets-cluster-list").orElseThrow().lists())
                .contains("secrets_cluster_readers", "control_plane_users", "kube_controller_service_accounts");
        assertThat(engine.tuning("long-lived-pod").orElseThrow().params()).containsKey("limit");
    }

    private static Path repositoryFile(String relative) {
        Path directory = Path.of("").toAbsolutePath();
        while (directory != null && !Files.exists(directory.resolve("mvnw"))) {
            directory = directory.getParent();
        }
        assertThat(directory).as("repository root above " + Path.of("").toAbsolutePath()).isNotNull();
        return directory.resolve(relative);
    }
}

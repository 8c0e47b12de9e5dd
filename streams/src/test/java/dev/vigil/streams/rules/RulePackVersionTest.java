package dev.vigil.streams.rules;

import dev.vigil.model.rule.RuleMeta;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pack's versioning policy against the previous release ({@code rules/previous-release-ids.txt}): every rule id
 * of that release still exists (removing one is a major change: bump the major version and update the file), and
 * when rules were added the version is at least the next minor one.
 */
class RulePackVersionTest {

    private static final String PACK = "vigil-core";

    @Test
    void thePackKeepsThePreviousReleasesRulesAndItsVersionSaysWhatChanged() throws IOException {
        List<String> lines = previousRelease();
        int[] previous = semver(lines.get(0).substring("version:".length()).strip());
        Set<String> previousIds = new HashSet<>(lines.subList(1, lines.size()));
        RuleEngine engine = RuleEngine.load(RulesProperties.defaults());
        List<RuleMeta> pack = engine.rules().stream().filter(rule -> PACK.equals(rule.ruleset())).toList();
        Set<String> ids = new HashSet<>(pack.stream().map(RuleMeta::id).toList());
        assertThat(pack).extracting(RuleMeta::version).as("one version for the whole pack").containsOnly(pack.get(0).version());
        int[] current = semver(pack.get(0).version());

        Set<String> removed = new HashSet<>(previousIds);
        removed.removeAll(ids);
        if (current[0] == previous[0]) {
            assertThat(removed).as("rule ids of release " + join(previous) + " that are gone: removing a rule is a "
                    + "major change").isEmpty();
        }
        Set<String> added = new HashSet<>(ids);
        added.removeAll(previousIds);
        if (!added.isEmpty()) {
            assertThat(compare(current, new int[] {previous[0], previous[1] + 1, 0})).as("version " + join(current)
                    + " after adding " + added.size() + " rules to " + join(previous) + ": a minor change at least")
                    .isGreaterThanOrEqualTo(0);
        }
        assertThat(compare(current, new int[] {1, 1, 0})).isGreaterThanOrEqualTo(0);
        assertThat(ids).containsAll(previousIds);
    }

    private static List<String> previousRelease() throws IOException {
        try (InputStream in = RulePackVersionTest.class.getClassLoader()
                .getResourceAsStream("rules/previous-release-ids.txt")) {
            assertThat(in).isNotNull();
            List<String> lines = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    lines.add(line.strip());
                }
            }
            assertThat(lines.get(0)).startsWith("version:");
            return lines;
        }
    }

    private static int[] semver(String version) {
        assertThat(version).matches("\\d+\\.\\d+\\.\\d+");
        return Arrays.stream(version.split("\\.")).mapToInt(Integer::parseInt).toArray();
    }

    private static int compare(int[] a, int[] b) {
        return Arrays.compare(a, b);
    }

    private static String join(int[] version) {
        return version[0] + "." + version[1] + "." + version[2];
    }
}

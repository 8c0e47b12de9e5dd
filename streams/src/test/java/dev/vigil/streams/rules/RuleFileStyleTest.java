package dev.vigil.streams.rules;

import dev.vigil.streams.rules.file.RuleFileReader;
import dev.vigil.streams.rules.file.RuleLocation;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The bundled rule files keep one shape: engine version first, keys of every rule in the fixed order. */
class RuleFileStyleTest {

    private static final List<String> FILE_KEYS = List.of("required_engine_version", "ruleset", "version", "lists",
            "macros", "exception_sets", "rules");
    private static final List<String> RULE_KEYS = List.of("id", "name", "description", "kind", "source", "match",
            "inactive_until", "condition", "severity", "severity_overrides", "bsi", "mitre", "category", "exceptions",
            "exception_sets", "dedup", "message", "details", "params", "threshold", "sequence", "new_terms", "tests");

    @Test
    void theIndexListsEveryBundledRuleFile() throws IOException {
        Path folder = Path.of("src/main/resources/rules");
        List<String> onDisk;
        try (Stream<Path> files = Files.list(folder)) {
            onDisk = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml")).sorted().toList();
        }
        List<String> indexed = RuleLocation.bundled().stream()
                .map(l -> l.name().substring(l.name().lastIndexOf('/') + 1)).sorted().toList();
        assertThat(indexed).isEqualTo(onDisk);
    }

    @Test
    void keysAppearInTheFixedOrder() throws IOException {
        for (RuleLocation file : RuleLocation.bundled()) {
            JsonNode tree = RuleFileReader.tree(file.read());
            assertThat(tree.propertyNames().iterator().next()).as(file.name()).isEqualTo("required_engine_version");
            assertOrdered(file.name(), names(tree), FILE_KEYS);
            assertThat(tree.has("version")).as(file.name() + ": the pack version is stated in core.yaml only")
                    .isEqualTo(file.name().endsWith("/core.yaml"));
            for (JsonNode rule : tree.path("rules")) {
                assertOrdered(file.name() + " " + rule.path("id").asString(), names(rule), RULE_KEYS);
            }
        }
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.propertyNames().forEach(names::add);
        return names;
    }

    private static void assertOrdered(String where, List<String> keys, List<String> order) {
        assertThat(order).as(where + " uses only known keys").containsAll(keys);
        List<Integer> positions = keys.stream().map(order::indexOf).toList();
        assertThat(positions).as(where + " keys in order " + order).isSorted();
    }
}

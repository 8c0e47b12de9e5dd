package dev.vigil.bench;

import dev.vigil.bench.measure.BenignNoise;
import dev.vigil.bench.report.Figure;
import dev.vigil.streams.rules.RuleEngine;
import dev.vigil.streams.rules.RulesProperties;
import dev.vigil.streams.rules.file.RuleException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The noise step of {@code bench/run}: the benign busy-cluster day at scale through the bundled pack as shipped and
 * with the site settings of the noise test (the {@code site} section of {@value #EXPECTATIONS}, read from the
 * checkout), alerts per million benign events per rule (docs/noise.md).
 */
final class NoiseRuns {

    static final String EXPECTATIONS = "streams/src/test/resources/noise/expected-alerts.yaml";

    private NoiseRuns() {
    }

    static List<Figure> run(BenchOptions options) {
        List<Figure> figures = new ArrayList<>(BenignNoise.measure(RuleEngine.load(RulesProperties.defaults()),
                "bundled pack", options.noiseEvents, options.seed));
        Path file = Path.of(EXPECTATIONS);
        if (Files.isRegularFile(file)) {
            figures.addAll(BenignNoise.measure(RuleEngine.load(siteSettings(file)), "site settings",
                    options.noiseEvents, options.seed));
        } else {
            figures.add(Figure.missing("noise, site settings", "alerts/1M benign events",
                    EXPECTATIONS + " not found (run bench/run from the checkout)"));
        }
        return figures;
    }

    /** vigil.rules.lists / .exceptions as the noise test's site sets them. */
    static RulesProperties siteSettings(Path file) {
        YAMLMapper yaml = YAMLMapper.builder().build();
        JsonNode site = yaml.readTree(file.toFile()).path("site");
        Map<String, List<String>> lists = yaml.convertValue(site.path("lists"),
                new TypeReference<LinkedHashMap<String, List<String>>>() { });
        Map<String, Map<String, RuleException>> exceptions = yaml.convertValue(site.path("exceptions"),
                new TypeReference<LinkedHashMap<String, Map<String, RuleException>>>() { });
        return new RulesProperties(null, lists, exceptions, null, null);
    }
}

package dev.vigil.streams.rules.file;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One rule file as written: the engine version it needs, the rule pack it belongs to and its version, named
 * lists, macros and rules.
 *
 * @param requiredEngineVersion the lowest rule-engine version that understands this file
 * @param ruleset               the rule pack, e.g. {@code vigil-core}
 * @param version               the pack version (semver: removing a rule or narrowing a condition is major,
 *                              adding a rule minor, adding list items a patch)
 */
public record RuleFile(@JsonProperty("required_engine_version") Integer requiredEngineVersion,
                       String ruleset,
                       String version,
                       Map<String, List<String>> lists,
                       Map<String, String> macros,
                       List<RuleSpec> rules) {

    public RuleFile {
        lists = lists == null ? Map.of() : new LinkedHashMap<>(lists);
        macros = macros == null ? Map.of() : new LinkedHashMap<>(macros);
        rules = rules == null ? List.of() : List.copyOf(rules);
    }
}

package dev.vigil.streams.rules.file;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One rule file as written: the engine version it needs, the rule pack it belongs to and its version, named
 * lists, macros, shared exception sets and rules. Lists, macros and exception sets are seen by the file's own rules
 * and, when the file is a {@code core.yaml}, by every file loaded after it.
 *
 * @param requiredEngineVersion the lowest rule-engine version that understands this file
 * @param ruleset               the rule pack, e.g. {@code vigil-core}
 * @param version               the pack version, stated once per pack (in {@code core.yaml} for vigil-core); a file
 *                              that states it must agree, one that omits it inherits it. Semver: removing a rule or
 *                              narrowing a condition is major, adding a rule minor, adding list items a patch
 * @param exceptionSets         named sets of exception entries that rules use by name ({@code exception_sets})
 */
public record RuleFile(@JsonProperty("required_engine_version") Integer requiredEngineVersion,
                       String ruleset,
                       String version,
                       Map<String, NamedList> lists,
                       Map<String, NamedMacro> macros,
                       @JsonProperty("exception_sets") Map<String, Map<String, RuleException>> exceptionSets,
                       List<RuleSpec> rules) {

    public RuleFile {
        lists = lists == null ? Map.of() : new LinkedHashMap<>(lists);
        macros = macros == null ? Map.of() : new LinkedHashMap<>(macros);
        exceptionSets = exceptionSets == null ? Map.of() : new LinkedHashMap<>(exceptionSets);
        rules = rules == null ? List.of() : List.copyOf(rules);
    }
}

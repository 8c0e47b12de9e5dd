package dev.vigil.streams.rules;

import dev.vigil.streams.rules.file.RuleException;
import dev.vigil.streams.rules.file.RuleLocation;
import dev.vigil.streams.rules.file.RuleSpec;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rule files merged in load order (bundled first, then the user's) with configuration applied: the input of
 * the {@link RuleCompiler}. Every list, macro and exception set name has one definition (an override replaced the
 * earlier one); {@code own} says which names each file sees besides the shared ones of {@code core.yaml}.
 * {@code overrides} says, for each marked redefinition, which file replaced what (logged at INFO).
 * Problems found while reading and merging are carried along so all are reported.
 */
record RuleSet(Map<String, List<String>> lists, Map<String, String> macros,
               Map<String, Map<String, RuleException>> exceptionSets, Set<String> shared,
               Map<String, Set<String>> own, List<SourcedRule> rules, Set<String> disabled,
               List<String> overrides, List<RuleProblem> problems) {

    /** A rule with the file it came from and that file's rule pack and (the pack's) version. */
    record SourcedRule(RuleSpec spec, String ruleset, String version, RuleLocation location) {
    }

    /** The list, macro and exception set names the rules of a file see: core.yaml's and the file's own. */
    Set<String> visibleTo(String file) {
        Set<String> names = new HashSet<>(shared);
        names.addAll(own.getOrDefault(file, Set.of()));
        return names;
    }
}

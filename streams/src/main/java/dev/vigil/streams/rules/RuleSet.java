package dev.vigil.streams.rules;

import dev.vigil.streams.rules.file.RuleLocation;
import dev.vigil.streams.rules.file.RuleSpec;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rule files merged in load order (bundled first, then the user's) with configuration applied: the input of
 * the {@link RuleCompiler}. Problems found while reading and merging are carried along so all are reported.
 */
record RuleSet(Map<String, List<String>> lists, Map<String, String> macros, List<SourcedRule> rules,
               Set<String> disabled, List<RuleProblem> problems) {

    /** A rule with the file it came from and that file's rule pack and version. */
    record SourcedRule(RuleSpec spec, String ruleset, String version, RuleLocation location) {
    }
}

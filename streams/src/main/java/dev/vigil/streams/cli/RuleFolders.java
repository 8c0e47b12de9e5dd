package dev.vigil.streams.cli;

import dev.vigil.streams.rules.RuleEngine;
import dev.vigil.streams.rules.RuleLoadException;
import dev.vigil.streams.rules.RuleProblem;
import dev.vigil.streams.rules.RulesProperties;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/** Loads the bundled rules plus rule folders named on the command line, printing load problems for the author. */
final class RuleFolders {

    /** Exit code when the rules themselves do not load. */
    static final int INVALID_RULES = 1;

    private RuleFolders() {
    }

    /** The engine, or null after printing every problem to {@code err}. */
    static RuleEngine load(List<Path> folders, PrintWriter err) {
        try {
            return RuleEngine.load(RulesProperties.defaults(), folders == null ? List.of() : folders);
        } catch (RuleLoadException e) {
            for (RuleProblem problem : e.problems()) {
                err.println(problem);
            }
            err.println(e.problems().size() + " problem(s); no rules loaded");
            err.flush();
            return null;
        }
    }
}

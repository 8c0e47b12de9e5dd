package dev.vigil.streams.cli;

import dev.vigil.streams.rules.RuleEngine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code vigil rules validate DIR}: loads a rule folder on top of the bundled rules (so it may use the lists,
 * macros and exception sets of core.yaml) and reports every problem with file, rule id and position; exit code 1 when there is any.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check rule files: YAML, required keys, CEL compile errors (file, rule id, position).")
class ValidateRulesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DIR", arity = "1..*", description = "Rule folder(s) or file(s) to check.")
    List<Path> folders;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        RuleEngine engine = RuleFolders.load(folders, spec.commandLine().getErr());
        if (engine == null) {
            return RuleFolders.INVALID_RULES;
        }
        long own = engine.rules().stream()
                .filter(rule -> engine.sourceOf(rule.id()).filter(file -> !file.startsWith("classpath:")).isPresent())
                .count();
        engine.overrides().forEach(out::println);
        out.println("OK: " + own + " rule(s) from " + folders + " compile; " + engine.rules().size()
                + " rules loaded in total");
        out.flush();
        return 0;
    }
}

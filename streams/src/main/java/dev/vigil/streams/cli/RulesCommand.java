package dev.vigil.streams.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code vigil rules …}: list the loaded rules, validate a rule folder, and test rules offline against audit
 * files or their own embedded tests. Works without Kafka, OpenSearch or Spring; the app registers it under
 * {@code vigil}.
 */
@Command(name = "rules", mixinStandardHelpOptions = true,
        description = "List, validate and test Vigil rules offline.",
        subcommands = {ListRulesCommand.class, ValidateRulesCommand.class, TestRulesCommand.class})
public class RulesCommand implements Runnable {

    @Spec
    CommandSpec spec;

    public RulesCommand() {
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}

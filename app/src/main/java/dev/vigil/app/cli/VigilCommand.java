package dev.vigil.app.cli;

import java.util.concurrent.Callable;

import dev.vigil.ingest.replay.ReplayCommand;
import dev.vigil.streams.cli.RulesCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The {@code vigil} command: dispatches to {@code run}, {@code replay} and {@code rules}. */
@Command(name = "vigil",
        mixinStandardHelpOptions = true,
        versionProvider = VigilCommand.Version.class,
        description = "Continuous Kubernetes audit-log and event analytics on Kafka Streams.",
        commandListHeading = "%nCommands:%n",
        footer = {"", "Run 'vigil COMMAND --help' for the options of a command."})
public final class VigilCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** The whole command line with its subcommands; {@code run} is passed in so the caller can see what it started. */
    public static CommandLine commandLine(RunCommand run) {
        CommandLine commandLine = new CommandLine(new VigilCommand());
        commandLine.addSubcommand("run", new CommandLine(run).setUnmatchedOptionsArePositionalParams(true));
        commandLine.addSubcommand(new ReplayCommand());
        commandLine.addSubcommand(new RulesCommand());
        commandLine.setExecutionExceptionHandler((exception, failed, parseResult) -> {
            failed.getErr().println("vigil " + failed.getCommandName() + ": " + exception.getMessage());
            return failed.getCommandSpec().exitCodeOnExecutionException();
        });
        return commandLine;
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing command: run, replay or rules");
    }

    /** {@code vigil --version}: the build's version and the Java runtime. */
    static final class Version implements IVersionProvider {

        @Override
        public String[] getVersion() {
            return new String[] {
                    "vigil " + VigilVersion.get(),
                    "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}

package dev.vigil.app.cli;

import dev.vigil.app.VigilApplication;
import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

class VigilCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final RunCommand run = new RunCommand(VigilApplication::start);

    private int execute(String... args) {
        CommandLine commandLine = VigilCommand.commandLine(run);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void helpListsTheCommands() {
        assertThat(execute("--help")).isZero();
        assertThat(out.toString())
                .startsWith("Usage: vigil [-hV] [COMMAND]")
                .contains("Commands:")
                .containsPattern("(?m)^  run\\s+Start the configured roles")
                .containsPattern("(?m)^  replay\\s+Sends audit log files to Kafka")
                .containsPattern("(?m)^  rules\\s+List, validate and test Vigil rules offline");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void runHelpDescribesTheLocalDefaultWithoutStartingAnything() {
        assertThat(execute("run", "--help")).isZero();
        assertThat(out.toString())
                .startsWith("Usage: vigil run [-hV] [--PROPERTY=VALUE...]")
                .contains("127.0.0.1:9092", "127.0.0.1:9200", "./data", "docs/configuration.md");
        assertThat(run.isRunning()).isFalse();
        assertThat(run.context()).isEmpty();
    }

    @Test
    void replayHelpComesFromTheIngestModule() {
        assertThat(execute("replay", "--help")).isZero();
        assertThat(out.toString()).startsWith("Usage: vigil replay").contains("FILE");
    }

    @Test
    void rulesListsTheBundledRulesWithoutSpring() {
        assertThat(execute("rules", "list")).isZero();
        assertThat(out.toString()).contains("anonymous-admin-action", "privileged-pod", "long-lived-pod");
        assertThat(run.context()).isEmpty();
    }

    @Test
    void versionNamesTheBuildAndTheJavaRuntime() {
        assertThat(execute("--version")).isZero();
        assertThat(out.toString()).startsWith("vigil 0.1.0-SNAPSHOT").contains("Java " + System.getProperty("java.version"));
    }

    @Test
    void missingCommandIsAUsageError() {
        assertThat(execute()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("Missing command: run, replay or rules").contains("Usage: vigil");
    }

    @Test
    void runRejectsArgumentsThatAreNotProperties() {
        assertThat(execute("run", "audit.log")).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("Not a --PROPERTY=VALUE argument: audit.log");
        assertThat(run.context()).isEmpty();
    }
}

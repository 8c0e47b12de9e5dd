package dev.vigil.app.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code java -jar target/vigil.jar run} as a child process against the test's Kafka and OpenSearch (given by the
 * environment variables a deployment would use), so it can be killed hard with SIGKILL and started again on the
 * same state directory. Its output goes to a log file in the work directory, which tests read on failure.
 */
final class VigilChild implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Path workDir;
    private final Map<String, String> environment;
    private final List<String> arguments;
    private final int port;
    private Process process;
    private int starts;

    VigilChild(Path workDir, String kafkaBootstrap, String openSearchUrl, List<String> extraArguments) {
        this.workDir = workDir;
        this.port = freePort();
        this.environment = Map.of("VIGIL_KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrap, "VIGIL_OPENSEARCH_URL", openSearchUrl);
        List<String> args = new ArrayList<>(List.of("run", "--server.port=" + port,
                "--vigil.roles=streams,alerting",
                "--vigil.streams.state-dir=" + workDir.resolve("streams-state"),
                "--vigil.kafka.partitions=2"));
        args.addAll(extraArguments);
        this.arguments = List.copyOf(args);
    }

    /**
     * The repackaged application jar; failsafe runs after package, so it exists in {@code mvn verify}
     * ({@code -Dvigil.faults.jar=…} points elsewhere).
     */
    static Path jar() {
        Path jar = Path.of(System.getProperty("vigil.faults.jar", "target/vigil.jar")).toAbsolutePath();
        assertThat(jar).as("app/target/vigil.jar is built by mvn package before failsafe runs").isRegularFile();
        return jar;
    }

    /** Starts the process and waits until {@code /actuator/health} answers UP. */
    VigilChild start() {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx512m", "-XX:+UseSerialGC", "-jar",
                jar().toString()));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()));
        builder.environment().putAll(environment);
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
        starts++;
        await("Vigil process start " + starts).atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                .failFast("the Vigil process exited; its log:\n" + logFile(), () -> !process.isAlive())
                .until(() -> health() == 200);
        return this;
    }

    /** SIGKILL: no shutdown hook, no commit, no flush. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("killed by SIGKILL").isEqualTo(137);
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    Path logFile() {
        return workDir.resolve("vigil.log");
    }

    /** The last lines of the process output, for assertion messages. */
    String tail() {
        try {
            List<String> lines = Files.readAllLines(logFile());
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private int health() {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.vigil.app.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code java -jar target/vigil.jar run} as a child process against the test's Kafka and OpenSearch (given by the
 * environment variables a deployment would use), so it can be killed hard with SIGKILL and started again on the
 * same state directory. Each instance has a name: its log is {@code <name>.log} in the work directory (tests read
 * it on failure) and its state directory {@code <name>-state}, so several instances can run side by side.
 */
final class VigilChild implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static final String LOG_TIME = "yyyy-MM-dd HH:mm:ss.SSS";
    private static final Pattern STREAM_THREAD = Pattern.compile("\\[([^\\]\\s]+-StreamThread-\\d+)\\]");

    private final Path workDir;
    private final String name;
    private final Map<String, String> environment;
    private final List<String> arguments;
    private final List<String> jvmOptions;
    private final int port;
    private Process process;
    private int starts;

    /**
     * @param roles         {@code vigil.roles}
     * @param partitions    {@code vigil.kafka.partitions}, for topics the test has not created
     * @param openSearchUrl null for an instance whose roles do not use OpenSearch
     * @param jvmOptions    further options of the {@code java} command
     */
    VigilChild(Path workDir, String name, String roles, int partitions, String kafkaBootstrap, String openSearchUrl,
               List<String> jvmOptions, List<String> extraArguments) {
        this.workDir = workDir;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.name = name;
        this.port = freePort();
        Map<String, String> env = new HashMap<>(Map.of("VIGIL_KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrap));
        if (openSearchUrl != null) {
            env.put("VIGIL_OPENSEARCH_URL", openSearchUrl);
        }
        this.environment = Map.copyOf(env);
        List<String> args = new ArrayList<>(List.of("run", "--server.port=" + port,
                "--vigil.roles=" + roles,
                "--vigil.streams.state-dir=" + workDir.resolve(name + "-state"),
                "--vigil.kafka.partitions=" + partitions));
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
        return launch().awaitHealthy();
    }

    /** Starts the process without waiting, so that several instances start side by side. */
    VigilChild launch() {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx512m", "-XX:+UseSerialGC"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar().toString()));
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
        return this;
    }

    /** Waits until the launched process answers UP on {@code /actuator/health}. */
    VigilChild awaitHealthy() {
        await(name + " process start " + starts).atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                .failFast("the Vigil process " + name + " exited; its log:\n" + logFile(), () -> !process.isAlive())
                .until(() -> health() == 200);
        return this;
    }

    String name() {
        return name;
    }

    /** The operating-system process id of the running process (the indexer's client ids end in it). */
    long pid() {
        return process.pid();
    }

    /**
     * The names of the Kafka Streams threads this process logged ({@code <application id>-<process id>-StreamThread-n};
     * a thread's consumer is a group member with that name plus {@code -consumer} as its client id): how a test tells
     * which member of a Kafka Streams group runs in which process.
     */
    Set<String> streamThreads() throws IOException {
        Set<String> threads = new HashSet<>();
        for (String line : logLines()) {
            Matcher matcher = STREAM_THREAD.matcher(line);
            if (matcher.find()) {
                threads.add(matcher.group(1));
            }
        }
        return threads;
    }

    /** The client ids of the consumers of this process's stream threads. */
    Set<String> streamConsumers() throws IOException {
        return streamThreads().stream().map(thread -> thread + "-consumer").collect(Collectors.toSet());
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
        return workDir.resolve(name + ".log");
    }

    /**
     * When the process first logged a line matching {@code line} at or after {@code after}: the time stamp of the
     * line ({@code log4j2-spring.xml}: local time to the millisecond, on this machine's clock).
     */
    Optional<Instant> firstLogged(Pattern line, Instant after) throws IOException {
        for (String text : logLines()) {
            if (text.length() > LOG_TIME.length() && line.matcher(text).find()) {
                Instant at = LocalDateTime.parse(text.substring(0, LOG_TIME.length()),
                        DateTimeFormatter.ofPattern(LOG_TIME)).atZone(ZoneId.systemDefault()).toInstant();
                if (!at.isBefore(after.truncatedTo(ChronoUnit.MILLIS))) {
                    return Optional.of(at);
                }
            }
        }
        return Optional.empty();
    }

    /** The last lines of the process output, for assertion messages. */
    String tail() {
        try {
            List<String> lines = logLines();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Decoded leniently: a child's console encoding need not be UTF-8. */
    private List<String> logLines() throws IOException {
        return new String(Files.readAllBytes(logFile()), StandardCharsets.UTF_8).lines().toList();
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

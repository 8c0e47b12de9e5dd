package dev.vigil.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
 * The packaged {@code vigil.jar} running {@code vigil run} in a child JVM, exactly as README's command starts it,
 * but on free ports and a given data directory. Stopping it sends SIGTERM, as Ctrl-C or a container runtime does.
 */
final class VigilProcess implements AutoCloseable {

    static final Path JAR = Path.of("target", "vigil.jar");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    private final Path log;
    final int httpPort;
    final int kafkaPort;
    final int openSearchPort;

    private VigilProcess(Process process, Path log, int httpPort, int kafkaPort, int openSearchPort) {
        this.process = process;
        this.log = log;
        this.httpPort = httpPort;
        this.kafkaPort = kafkaPort;
        this.openSearchPort = openSearchPort;
    }

    /** Starts {@code java -jar vigil.jar run} and returns once {@code /actuator/health} answers. */
    static VigilProcess start(Path dataDir, Path log, String... extraArguments) throws IOException {
        assertThat(JAR).as("the packaged jar (mvn package runs before the integration tests)").isRegularFile();
        int httpPort = freePort();
        int kafkaPort = freePort();
        int openSearchPort = freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-jar", JAR.toAbsolutePath().toString(), "run",
                "--server.port=" + httpPort,
                "--vigil.embedded.kafka-port=" + kafkaPort,
                "--vigil.embedded.opensearch-port=" + openSearchPort,
                "--vigil.embedded.data-dir=" + dataDir));
        command.addAll(List.of(extraArguments));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(dataDir.getParent().toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // The child must not inherit a Kafka or OpenSearch of the environment running the tests.
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("VIGIL_"));
        VigilProcess vigil = new VigilProcess(builder.start(), log, httpPort, kafkaPort, openSearchPort);
        vigil.awaitHealthAnswers();
        return vigil;
    }

    private void awaitHealthAnswers() {
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1))
                .ignoreExceptionsInstanceOf(IOException.class).untilAsserted(() -> {
            assertThat(process.isAlive()).as("vigil run exited early; its log:%n%s", log()).isTrue();
            assertThat(get("/actuator/health").statusCode()).isIn(200, 503);
        });
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return get(URI.create("http://127.0.0.1:" + httpPort + path));
    }

    static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    String openSearchUrl() {
        return "http://127.0.0.1:" + openSearchPort;
    }

    String bootstrapServers() {
        return "127.0.0.1:" + kafkaPort;
    }

    String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends SIGTERM and returns the exit code once the JVM has ended. */
    int stop(Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("vigil run did not stop within " + timeout + " of SIGTERM");
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop(Duration.ofMinutes(1));
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}

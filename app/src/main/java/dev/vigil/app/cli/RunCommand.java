package dev.vigil.app.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;

import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil run}: starts the configured roles in a Spring Boot application, with embedded servers if needed. */
@Command(name = "run",
        mixinStandardHelpOptions = true,
        description = {
                "Start the configured roles (vigil.roles: ingest, streams, alerting, console; all by default).",
                "With no Kafka (VIGIL_KAFKA_BOOTSTRAP_SERVERS) or OpenSearch (VIGIL_OPENSEARCH_URL) configured,"
                        + " start an embedded Kafka on 127.0.0.1:9092 and OpenSearch on 127.0.0.1:9200 with their"
                        + " data under ./data (kept between runs).",
                "Listens on http://127.0.0.1:8080 (HTTP API, console, /actuator/health). Stop with Ctrl-C."},
        footer = {"", "Examples:",
                "  vigil run",
                "  vigil run --server.port=8081 --vigil.embedded.data-dir=/var/lib/vigil",
                "  VIGIL_KAFKA_BOOTSTRAP_SERVERS=kafka:9092 \\",
                "  VIGIL_OPENSEARCH_URL=https://opensearch:9200 vigil run",
                "", "Every property is listed in docs/configuration.md."})
public final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "--PROPERTY=VALUE", arity = "0..*",
            description = "Any configuration property, e.g. --vigil.roles=ingest,streams (Spring Boot syntax).")
    List<String> properties = new ArrayList<>();

    private final Function<String[], ConfigurableApplicationContext> application;
    private volatile ConfigurableApplicationContext context;

    /** {@code application} starts the Spring application from Spring Boot arguments ({@code VigilApplication::start}). */
    public RunCommand(Function<String[], ConfigurableApplicationContext> application) {
        this.application = application;
    }

    @Override
    public Integer call() {
        for (String property : properties) {
            if (!property.startsWith("--") || property.indexOf('=') < 3) {
                throw new ParameterException(spec.commandLine(),
                        "Not a --PROPERTY=VALUE argument: " + property);
            }
        }
        context = application.apply(properties.toArray(String[]::new));
        return 0;
    }

    /** The application context once {@code run} has started it. */
    public Optional<ConfigurableApplicationContext> context() {
        return Optional.ofNullable(context);
    }

    /** Whether the application was started and has not been closed since. */
    public boolean isRunning() {
        ConfigurableApplicationContext started = context;
        return started != null && started.isActive();
    }
}

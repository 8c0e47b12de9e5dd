package dev.vigil.app;

import dev.vigil.app.cli.VigilVersion;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.vigil.alerting.opensearch.OpenSearchProperties;
import dev.vigil.model.role.Role;
import dev.vigil.app.config.VigilProperties;
import dev.vigil.app.embedded.EmbeddedStack;
import dev.vigil.app.embedded.GeneratedCredentials;
import dev.vigil.app.opensearch.OpenSearchUrls;
import dev.vigil.embedded.EmbeddedKafka;
import dev.vigil.embedded.EmbeddedOpenSearch;
import dev.vigil.model.kafka.KafkaClientSettings;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Prints where everything is once Vigil is ready: the URLs, the connections and the embedded servers' data, and the
 * credentials to use (generated ones in full, to the terminal only).
 */
@Component
class StartupSummary implements ApplicationListener<ApplicationReadyEvent> {

    private static final Logger LOG = LogManager.getLogger("dev.vigil.app");

    private final Environment environment;
    private final VigilProperties vigil;
    private final KafkaClientSettings kafka;
    private final ObjectProvider<OpenSearchProperties> openSearch;
    private final ObjectProvider<EmbeddedStack> embedded;
    private final ObjectProvider<GeneratedCredentials> credentials;
    private final PrintStream console;

    @Autowired
    StartupSummary(Environment environment, VigilProperties vigil, KafkaClientSettings kafka,
                   ObjectProvider<OpenSearchProperties> openSearch, ObjectProvider<EmbeddedStack> embedded,
                   ObjectProvider<GeneratedCredentials> credentials) {
        this(environment, vigil, kafka, openSearch, embedded, credentials, System.out);
    }

    StartupSummary(Environment environment, VigilProperties vigil, KafkaClientSettings kafka,
                   ObjectProvider<OpenSearchProperties> openSearch, ObjectProvider<EmbeddedStack> embedded,
                   ObjectProvider<GeneratedCredentials> credentials, PrintStream console) {
        this.environment = environment;
        this.vigil = vigil;
        this.kafka = kafka;
        this.openSearch = openSearch;
        this.embedded = embedded;
        this.credentials = credentials;
        this.console = console;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        LOG.info(summary(event.getTimeTaken()));
        // The secrets go to the terminal that started Vigil, right under the summary, never through the logger.
        credentialLines().forEach(line -> console.println("  " + line));
    }

    /** Where the credentials come from; generated ones in full, with the file that keeps them. */
    List<String> credentialLines() {
        Optional<GeneratedCredentials> generated = Optional.ofNullable(credentials.getIfAvailable());
        List<String> lines = new ArrayList<>();
        String kept = generated.map(GeneratedCredentials::file).map(file -> " (kept in " + file + ")")
                .orElse(" (for this run only)");
        if (vigil.roles().contains(Role.INGEST)) {
            lines.add(row("Ingest token", generated.map(GeneratedCredentials::ingestToken)
                    .map(token -> token + kept + "; cluster 'local', send 'Authorization: Bearer <token>'")
                    .orElse("configured (vigil.ingest.token / vigil.ingest.tokens)")));
        }
        if (vigil.roles().contains(Role.CONSOLE)) {
            lines.add(row("Console login", generated.map(GeneratedCredentials::consolePassword)
                    .map(password -> "user 'admin', password " + password + kept)
                    .orElse("configured (vigil.console.password / vigil.console.users)")));
        }
        return lines;
    }

    String summary(Duration timeTaken) {
        Optional<EmbeddedStack> stack = Optional.ofNullable(embedded.getIfAvailable());
        String base = "http://" + environment.getProperty("server.address", "0.0.0.0") + ":"
                + environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        List<String> lines = new ArrayList<>();
        lines.add("Vigil " + VigilVersion.get() + " is ready in " + timeTaken.toMillis() / 1000.0 + " s, roles: "
                + vigil.roles().stream().map(role -> role.name().toLowerCase()).collect(Collectors.joining(", ")));
        lines.add(row("HTTP API / console", base + "/"));
        lines.add(row("Health", base + "/actuator/health"));
        lines.add(row("Metrics", base + "/actuator/prometheus"));
        lines.add(row("Kafka", kafka.bootstrapServers() + stack.flatMap(EmbeddedStack::kafka)
                .map(EmbeddedKafka::dataDir).map(dir -> " (embedded, data in " + dir + ")").orElse("")));
        if (vigil.usesOpenSearch()) {
            Optional.ofNullable(openSearch.getIfAvailable()).ifPresent(properties -> lines.add(row("OpenSearch",
                    OpenSearchUrls.display(properties.url()) + stack.flatMap(EmbeddedStack::openSearch)
                            .map(EmbeddedOpenSearch::dataDir).map(dir -> " (embedded, data in " + dir + ")")
                            .orElse(""))));
        }
        if (vigil.roles().contains(Role.INGEST)) {
            lines.add(row("Send audit logs", "vigil replay FILE... (or POST them to " + base + "/v1/audit)"));
        }
        lines.add("Stop with Ctrl-C (or SIGTERM); running work is finished first.");
        return String.join(System.lineSeparator() + "  ", lines);
    }

    private static String row(String label, String value) {
        return String.format("%-20s %s", label, value);
    }
}

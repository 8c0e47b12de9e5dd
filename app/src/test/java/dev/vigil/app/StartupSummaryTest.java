package dev.vigil.app;

import dev.vigil.app.config.VigilProperties;
import dev.vigil.app.embedded.GeneratedCredentials;
import dev.vigil.model.kafka.KafkaClientSettings;
import dev.vigil.model.role.Role;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.SpringApplication;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.mock.env.MockEnvironment;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StartupSummaryTest {

    private static final GeneratedCredentials KEPT = new GeneratedCredentials("token-abc", "password-xyz",
            Path.of("/var/lib/vigil/credentials.properties"), true);

    @Test
    void generatedCredentialsAreShownUnderTheSummaryAndNeverLogged() {
        ByteArrayOutputStream terminal = new ByteArrayOutputStream();
        StartupSummary summary = summary(KEPT, new PrintStream(terminal, true, StandardCharsets.UTF_8));

        summary.onApplicationEvent(new ApplicationReadyEvent(new SpringApplication(), new String[0],
                new GenericApplicationContext(), Duration.ofSeconds(3)));

        String printed = terminal.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("Ingest token", "token-abc", "(kept in /var/lib/vigil/credentials.properties)",
                "Console login", "user 'admin', password password-xyz");
        assertThat(summary.summary(Duration.ofSeconds(3))).as("the logged part").doesNotContain("token-abc", "password-xyz");
    }

    @Test
    void configuredCredentialsAreNamedNotShown() {
        assertThat(summary(null, System.out).credentialLines()).containsExactly(
                String.format("%-20s %s", "Ingest token", "configured (vigil.ingest.token / vigil.ingest.tokens)"),
                String.format("%-20s %s", "Console login", "configured (vigil.console.password / vigil.console.users)"));
    }

    private static StartupSummary summary(GeneratedCredentials credentials, PrintStream terminal) {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        if (credentials != null) {
            beans.addBean(GeneratedCredentials.BEAN_NAME, credentials);
        }
        return new StartupSummary(new MockEnvironment(), new VigilProperties(List.of(Role.INGEST, Role.CONSOLE)),
                KafkaClientSettings.of("127.0.0.1:9092"), beans.getBeanProvider(
                dev.vigil.alerting.opensearch.OpenSearchProperties.class), beans.getBeanProvider(
                dev.vigil.app.embedded.EmbeddedStack.class), beans.getBeanProvider(GeneratedCredentials.class), terminal);
    }
}

package dev.vigil.console;

import dev.vigil.alerting.opensearch.OpenSearchAutoConfiguration;
import dev.vigil.alerting.opensearch.OpenSearchProperties;
import dev.vigil.console.compliance.ComplianceController;
import dev.vigil.console.query.AlertController;
import dev.vigil.ingest.security.IngestSecurityAutoConfiguration;
import dev.vigil.model.kafka.KafkaClientSettings;
import dev.vigil.model.kafka.Topics;
import dev.vigil.streams.rules.DetectionEngine;
import dev.vigil.model.rule.RuleMeta;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.SecurityFilterChain;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Which parts of the module each role combination gets. */
class ConsoleAutoConfigurationTest {

    private static final String CONSUMER = "consoleAlertConsumer";
    private static final String RULES = "consoleRulesController";

    private final WebApplicationContextRunner web = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ConsoleAutoConfiguration.class,
                    IngestSecurityAutoConfiguration.class, ValidationAutoConfiguration.class))
            .withUserConfiguration(AppBeans.class)
            .withPropertyValues("vigil.console.password=test-password");

    /** The query API; nothing listens on the configured port, so nothing here depends on a server. */
    private final int closedPort = closedPort();
    private final ApplicationContextRunner query = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(OpenSearchAutoConfiguration.class, QueryAutoConfiguration.class))
            .withUserConfiguration(AppBeans.class)
            .withPropertyValues("vigil.opensearch.url=http://127.0.0.1:" + closedPort);

    @Test
    void securityAppliesToEveryRoleThatServesHttp() {
        for (String roles : List.of("ingest", "streams", "ingest,streams,alerting,console")) {
            web.withPropertyValues("vigil.roles=" + roles).run(context ->
                    assertThat(context.getBeansOfType(SecurityFilterChain.class)).as(roles)
                            .containsOnlyKeys("ingestFilterChain", "apiFilterChain", "consoleFilterChain"));
        }
    }

    @Test
    void theConsoleBelongsToRoleConsole() {
        web.withPropertyValues("vigil.roles=console").run(context ->
                assertThat(context).hasBean(CONSUMER).hasBean(RULES).hasBean("consoleSessionController"));
        web.withPropertyValues("vigil.roles=ingest,streams,alerting").run(context ->
                assertThat(context).doesNotHaveBean(CONSUMER).doesNotHaveBean(RULES));
    }

    @Test
    void allRolesIsTheDefault() {
        web.run(context -> assertThat(context).hasBean(CONSUMER).hasBean(RULES));
    }

    @Test
    void consoleRoleServesTheQueryApi() {
        query.withPropertyValues("vigil.roles=console").run(context -> {
            assertThat(context).hasSingleBean(AlertController.class).hasSingleBean(ComplianceController.class)
                    .hasSingleBean(OpenSearchClient.class);
            assertThat(context.getBean(OpenSearchProperties.class).url().getPort()).isEqualTo(closedPort);
        });
    }

    @Test
    void alertingRoleServesTheQueryApi() {
        query.withPropertyValues("vigil.roles=alerting").run(context ->
                assertThat(context).hasSingleBean(AlertController.class).hasSingleBean(ComplianceController.class));
    }

    @Test
    void otherRolesServeNoQueryApi() {
        query.withPropertyValues("vigil.roles=ingest,streams").run(context -> assertThat(context)
                .doesNotHaveBean(AlertController.class).doesNotHaveBean(OpenSearchClient.class));
    }

    @Test
    void defaultRolesServeTheQueryApi() {
        query.run(context -> assertThat(context).hasSingleBean(ComplianceController.class));
    }

    @Test
    void nothingWebRelatedWithoutAWebServer() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ConsoleAutoConfiguration.class, IngestSecurityAutoConfiguration.class))
                .withUserConfiguration(AppBeans.class)
                .run(context -> assertThat(context).doesNotHaveBean(SecurityFilterChain.class).doesNotHaveBean(CONSUMER));
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the app and the streams module provide to every role. */
    @Configuration(proxyBeanMethods = false)
    static class AppBeans {

        @Bean
        KafkaClientSettings kafkaClientSettings() {
            return KafkaClientSettings.of("127.0.0.1:9");
        }

        @Bean
        Topics topics() {
            return Topics.defaults();
        }

        @Bean
        DetectionEngine detectionEngine() {
            RuleMeta rule = ConsoleTestApplication.ANONYMOUS_ADMIN;
            return new DetectionEngine() {
                @Override
                public List<dev.vigil.streams.rules.Detection> evaluate(dev.vigil.model.audit.AuditRecord record) {
                    return List.of();
                }

                @Override
                public Optional<RuleMeta> rule(String id) {
                    return Optional.of(rule).filter(known -> known.id().equals(id));
                }

                @Override
                public List<RuleMeta> rules() {
                    return List.of(rule);
                }
            };
        }
    }
}

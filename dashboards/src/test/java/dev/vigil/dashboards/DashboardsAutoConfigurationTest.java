package dev.vigil.dashboards;

import dev.vigil.dashboards.console.ConsoleTestApplication;
import dev.vigil.model.kafka.KafkaClientSettings;
import dev.vigil.model.kafka.Topics;
import dev.vigil.streams.rules.DetectionEngine;
import dev.vigil.model.rule.RuleMeta;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.SecurityFilterChain;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Which parts of the module each role combination gets. */
class DashboardsAutoConfigurationTest {

    private static final String CONSUMER = "consoleAlertConsumer";
    private static final String RULES = "consoleRulesController";
    private static final String INSTALLER = "vigilDashboardsInstaller";

    private final WebApplicationContextRunner web = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DashboardsAutoConfiguration.class, ValidationAutoConfiguration.class))
            .withUserConfiguration(AppBeans.class)
            .withPropertyValues("vigil.console.password=test-password");

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
        web.run(context -> assertThat(context).hasBean(CONSUMER).hasBean(RULES).doesNotHaveBean(INSTALLER));
    }

    @Test
    void theInstallerRunsInAlertingOrConsoleWhenDashboardsIsConfigured() {
        String url = "vigil.dashboards.url=http://127.0.0.1:9";
        web.withPropertyValues("vigil.roles=alerting", url).run(context -> assertThat(context).hasBean(INSTALLER));
        web.withPropertyValues("vigil.roles=console", url).run(context -> assertThat(context).hasBean(INSTALLER));
        web.withPropertyValues("vigil.roles=ingest,streams", url).run(context -> assertThat(context).doesNotHaveBean(INSTALLER));
        web.withPropertyValues("vigil.roles=alerting").run(context -> assertThat(context).doesNotHaveBean(INSTALLER));
    }

    @Test
    void nothingWebRelatedWithoutAWebServer() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DashboardsAutoConfiguration.class))
                .withUserConfiguration(AppBeans.class)
                .run(context -> assertThat(context).doesNotHaveBean(SecurityFilterChain.class).doesNotHaveBean(CONSUMER));
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

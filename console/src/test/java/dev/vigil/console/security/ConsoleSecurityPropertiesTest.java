package dev.vigil.console.security;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Binding and validation of {@code vigil.console.*} as an operator writes it in YAML or the environment. */
class ConsoleSecurityPropertiesTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Binding.class);

    @Test
    void bindsUsersWithRolesAndDefaultsToViewer() {
        context.withPropertyValues(
                        "vigil.console.users[0].username=vera", "vigil.console.users[0].password={noop}pw",
                        "vigil.console.users[1].username=ada", "vigil.console.users[1].password={bcrypt}$2a$10$x",
                        "vigil.console.users[1].role=admin", "vigil.console.prometheus-open=true")
                .run(started -> {
                    ConsoleSecurityProperties properties = started.getBean(ConsoleSecurityProperties.class);
                    assertThat(properties.users()).extracting(ConsoleSecurityProperties.User::role)
                            .containsExactly(ConsoleRole.VIEWER, ConsoleRole.ADMIN);
                    assertThat(properties.prometheusOpen()).isTrue();
                });
    }

    @Test
    void theEnvironmentVariableSetsTheDefaultAdminPassword() {
        context.withInitializer(started -> started.getEnvironment().getPropertySources().addFirst(
                        new SystemEnvironmentPropertySource("test-systemEnvironment",
                                Map.of("VIGIL_CONSOLE_PASSWORD", "from-env"))))
                .run(started -> assertThat(started.getBean(ConsoleSecurityProperties.class).password())
                        .isEqualTo("from-env"));
    }

    @Test
    void defaultsAreNoUsersAndAClosedPrometheusEndpoint() {
        context.run(started -> {
            ConsoleSecurityProperties properties = started.getBean(ConsoleSecurityProperties.class);
            assertThat(properties.users()).isEmpty();
            assertThat(properties.password()).isNull();
            assertThat(properties.prometheusOpen()).isFalse();
        });
    }

    @Test
    void refusesPasswordsWithoutEncodingPrefix() {
        context.withPropertyValues("vigil.console.users[0].username=vera", "vigil.console.users[0].password=plain")
                .run(started -> assertThat(started).getFailure().rootCause()
                        .hasMessageContaining("must start with {bcrypt} or {noop}"));
    }

    @Test
    void refusesUnknownRoles() {
        context.withPropertyValues("vigil.console.users[0].username=vera", "vigil.console.users[0].password={noop}pw",
                        "vigil.console.users[0].role=root")
                .run(started -> assertThat(started).hasFailed());
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(ConsoleSecurityProperties.class)
    static class Binding {
    }
}

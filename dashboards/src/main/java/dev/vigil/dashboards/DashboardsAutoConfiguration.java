package dev.vigil.dashboards;

import dev.vigil.model.role.ConditionalOnVigilRole;
import dev.vigil.model.role.Role;
import dev.vigil.dashboards.console.api.ConsoleApiConfiguration;
import dev.vigil.dashboards.console.stream.AlertStreamConfiguration;
import dev.vigil.dashboards.saved.DashboardsInstaller;
import dev.vigil.dashboards.saved.DashboardsProperties;
import dev.vigil.dashboards.security.ConsoleSecurityConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The dashboards module's contribution to the app. Its parts belong to different roles: the HTTP security applies
 * to every role that serves HTTP (ingest's endpoint included), the console to role {@code console}, and the
 * Dashboards installer to {@code alerting} or {@code console} when {@code vigil.dashboards.url} is set.
 * It runs before Spring Boot's security auto-configuration so that Boot's generated default user never appears.
 */
@AutoConfiguration(beforeName = {
        "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration"})
public class DashboardsAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @Import(ConsoleSecurityConfiguration.class)
    static class Security {
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnVigilRole(Role.CONSOLE)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @Import({AlertStreamConfiguration.class, ConsoleApiConfiguration.class})
    static class Console {
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnVigilRole({Role.ALERTING, Role.CONSOLE})
    @ConditionalOnProperty("vigil.dashboards.url")
    @EnableConfigurationProperties(DashboardsProperties.class)
    static class Installer {

        @Bean
        DashboardsInstaller vigilDashboardsInstaller(DashboardsProperties properties) {
            return new DashboardsInstaller(properties);
        }
    }
}

package dev.vigil.console;

import dev.vigil.console.deadletters.DeadLetterConfiguration;
import dev.vigil.console.pages.PagesConfiguration;
import dev.vigil.console.rules.RulesConfiguration;
import dev.vigil.console.security.ConsoleSecurityConfiguration;
import dev.vigil.console.stream.AlertStreamConfiguration;
import dev.vigil.model.role.ConditionalOnVigilRole;
import dev.vigil.model.role.Role;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The console module's contribution to the app, apart from the query API ({@link QueryAutoConfiguration}). Its parts
 * belong to different roles: the login and the HTTP security apply to every role that serves HTTP (ingest brings
 * the chain of its own endpoint), the web console, its live stream and the rules API to role {@code console}.
 * It runs before Spring Boot's security auto-configuration so that Boot's generated default user never appears.
 */
@AutoConfiguration(beforeName = {
        "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration"})
public class ConsoleAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @Import(ConsoleSecurityConfiguration.class)
    static class Security {
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnVigilRole(Role.CONSOLE)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @Import({AlertStreamConfiguration.class, RulesConfiguration.class, PagesConfiguration.class,
            DeadLetterConfiguration.class})
    static class Console {
    }
}

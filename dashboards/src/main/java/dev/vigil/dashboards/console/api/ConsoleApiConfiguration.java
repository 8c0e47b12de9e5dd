package dev.vigil.dashboards.console.api;

import dev.vigil.model.rule.RuleCatalog;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The console's pages and its own read APIs; alerts, evidence and compliance come from the alerting module. */
@Configuration(proxyBeanMethods = false)
public class ConsoleApiConfiguration {

    @Bean
    RulesController consoleRulesController(RuleCatalog catalog) {
        return new RulesController(catalog);
    }

    @Bean
    ConsolePagesController consolePagesController() {
        return new ConsolePagesController();
    }

    @Bean
    SessionController consoleSessionController() {
        return new SessionController();
    }
}

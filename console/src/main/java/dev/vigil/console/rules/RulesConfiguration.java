package dev.vigil.console.rules;

import dev.vigil.model.rule.RuleCatalog;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** {@code GET /v1/rules} over the rule catalogue the streams module publishes. */
@Configuration(proxyBeanMethods = false)
public class RulesConfiguration {

    @Bean
    RulesController consoleRulesController(RuleCatalog catalog) {
        return new RulesController(catalog);
    }
}

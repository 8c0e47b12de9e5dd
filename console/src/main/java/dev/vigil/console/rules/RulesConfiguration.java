package dev.vigil.console.rules;

import dev.vigil.console.triage.TriageStore;
import dev.vigil.model.rule.RuleCatalog;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/** {@code GET /v1/rules} over the rule catalogue the streams module publishes, and the alerts per rule. */
@Configuration(proxyBeanMethods = false)
public class RulesConfiguration {

    @Bean
    RulesController consoleRulesController(RuleCatalog catalog) {
        return new RulesController(catalog);
    }

    /** Resolved per request: the query API's OpenSearch beans come from another auto-configuration. */
    @Bean
    RuleStatsController consoleRuleStatsController(ObjectProvider<OpenSearchClient> client,
                                                   ObjectProvider<TriageStore> triage) {
        return new RuleStatsController(client::getObject, triage::getObject, Clock.systemUTC());
    }
}

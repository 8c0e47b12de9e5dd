package dev.vigil.console.compliance;

import dev.vigil.model.rule.RuleCatalog;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.util.List;

/** {@code GET /v1/compliance}: the BSI requirements judged by the loaded rules, the alerts and the evidence. */
@Configuration(proxyBeanMethods = false)
public class ComplianceConfiguration {

    @Bean
    ComplianceService vigilComplianceService(OpenSearchClient client, ObjectProvider<RuleCatalog> catalog) {
        return new ComplianceService(client, BsiCatalog.load(), () -> {
            RuleCatalog loaded = catalog.getIfAvailable();
            return loaded == null ? List.of() : loaded.rules();
        }, Clock.systemUTC());
    }

    @Bean
    ComplianceController vigilComplianceController(ComplianceService compliance) {
        return new ComplianceController(compliance);
    }
}

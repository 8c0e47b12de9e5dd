package dev.vigil.alerting;

import dev.vigil.model.role.ConditionalOnVigilRole;
import dev.vigil.model.role.Role;
import dev.vigil.alerting.opensearch.OpenSearchClients;
import dev.vigil.alerting.opensearch.OpenSearchProperties;
import dev.vigil.alerting.query.AlertController;
import dev.vigil.alerting.query.AlertSearch;
import dev.vigil.alerting.query.BsiCatalog;
import dev.vigil.alerting.query.ComplianceController;
import dev.vigil.alerting.query.ComplianceService;
import dev.vigil.alerting.query.QueryErrors;
import dev.vigil.model.rule.RuleCatalog;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.transport.OpenSearchTransport;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import java.time.Clock;
import java.util.List;

/**
 * The OpenSearch client and the read API over it ({@code /v1/alerts}, {@code /v1/compliance}), for role
 * {@code alerting} or {@code console}: a console-only deployment serves the API without running the indexer.
 */
@AutoConfiguration
@ConditionalOnVigilRole({Role.ALERTING, Role.CONSOLE})
@EnableConfigurationProperties(OpenSearchProperties.class)
public class AlertQueryAutoConfiguration {

    /** Owns the HTTP connections; closed with the context. */
    @Bean
    @ConditionalOnMissingBean
    OpenSearchTransport vigilOpenSearchTransport(OpenSearchProperties properties) {
        return OpenSearchClients.transport(properties);
    }

    @Bean
    @ConditionalOnMissingBean
    OpenSearchClient vigilOpenSearchClient(OpenSearchTransport transport) {
        return new OpenSearchClient(transport);
    }

    @Bean
    AlertSearch vigilAlertSearch(OpenSearchClient client) {
        return new AlertSearch(client);
    }

    @Bean
    ComplianceService vigilComplianceService(OpenSearchClient client, ObjectProvider<RuleCatalog> catalog) {
        return new ComplianceService(client, BsiCatalog.load(), () -> {
            RuleCatalog loaded = catalog.getIfAvailable();
            return loaded == null ? List.of() : loaded.rules();
        }, Clock.systemUTC());
    }

    @Bean
    AlertController vigilAlertController(AlertSearch search) {
        return new AlertController(search, Clock.systemUTC());
    }

    @Bean
    ComplianceController vigilComplianceController(ComplianceService compliance) {
        return new ComplianceController(compliance);
    }

    @Bean
    QueryErrors vigilQueryErrors() {
        return new QueryErrors();
    }
}

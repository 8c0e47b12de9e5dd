package dev.vigil.alerting.opensearch;

import dev.vigil.model.role.ConditionalOnVigilRole;
import dev.vigil.model.role.Role;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.transport.OpenSearchTransport;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The OpenSearch client of the two roles that use OpenSearch: {@code alerting} writes with it, {@code console} reads
 * with it. One client per process, whichever of them runs.
 */
@AutoConfiguration
@ConditionalOnVigilRole({Role.ALERTING, Role.CONSOLE})
@EnableConfigurationProperties(OpenSearchProperties.class)
public class OpenSearchAutoConfiguration {

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
}

package dev.vigil.console.search;

import org.opensearch.client.opensearch.OpenSearchClient;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/** Forensic search over the evidence indices: {@code GET /v1/search} and {@code GET /v1/search/export}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SearchProperties.class)
public class SearchConfiguration {

    @Bean
    EvidenceSearch vigilEvidenceSearch(OpenSearchClient client) {
        return new EvidenceSearch(client);
    }

    @Bean
    SearchController vigilSearchController(EvidenceSearch search, SearchProperties properties) {
        return new SearchController(search, properties, Clock.systemUTC());
    }
}

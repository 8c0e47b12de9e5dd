package dev.vigil.console.query;

import org.opensearch.client.opensearch.OpenSearchClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/** {@code GET /v1/alerts} and {@code GET /v1/alerts/{id}} with their evidence, and the read API's error answers. */
@Configuration(proxyBeanMethods = false)
public class QueryConfiguration {

    @Bean
    AlertSearch vigilAlertSearch(OpenSearchClient client) {
        return new AlertSearch(client);
    }

    @Bean
    AlertController vigilAlertController(AlertSearch search, OpenSearchClient client,
                                         ObjectProvider<AlertTriage> triage) {
        return new AlertController(search, new AlertFacets(client), triage.getIfAvailable(() -> AlertTriage.NONE),
                Clock.systemUTC());
    }

    @Bean
    QueryErrors vigilQueryErrors() {
        return new QueryErrors();
    }

    @Bean
    UnknownApiPaths vigilUnknownApiPaths(org.springframework.context.ApplicationContext context) {
        return new UnknownApiPaths(context);
    }
}

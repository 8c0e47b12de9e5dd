package dev.vigil.console.query;

import org.opensearch.client.opensearch.OpenSearchClient;
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
    AlertController vigilAlertController(AlertSearch search) {
        return new AlertController(search, Clock.systemUTC());
    }

    @Bean
    QueryErrors vigilQueryErrors() {
        return new QueryErrors();
    }

    @Bean
    UnknownApiPaths vigilUnknownApiPaths() {
        return new UnknownApiPaths();
    }
}

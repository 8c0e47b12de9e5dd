package dev.vigil.console.overview;

import org.opensearch.client.opensearch.OpenSearchClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/** {@code GET /v1/overview}: the console's landing page in numbers. */
@Configuration(proxyBeanMethods = false)
public class OverviewConfiguration {

    @Bean
    OverviewService vigilOverviewService(OpenSearchClient client) {
        return new OverviewService(client);
    }

    @Bean
    OverviewController vigilOverviewController(OverviewService service) {
        return new OverviewController(service, Clock.systemUTC());
    }
}

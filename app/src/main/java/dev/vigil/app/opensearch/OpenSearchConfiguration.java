package dev.vigil.app.opensearch;

import java.time.Duration;

import dev.vigil.alerting.opensearch.OpenSearchProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenSearch health check, present only when a configured role reads or writes OpenSearch. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${vigil.roles:ingest,streams,alerting,console}'.contains('alerting')"
        + " or '${vigil.roles:ingest,streams,alerting,console}'.contains('console')")
@EnableConfigurationProperties(OpenSearchProperties.class)
public class OpenSearchConfiguration {

    private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(5);

    @Bean
    OpenSearchHealthIndicator opensearchHealthIndicator(OpenSearchProperties properties) {
        return new OpenSearchHealthIndicator(properties, HEALTH_TIMEOUT);
    }
}

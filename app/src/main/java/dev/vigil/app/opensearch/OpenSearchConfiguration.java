package dev.vigil.app.opensearch;

import dev.vigil.model.role.ConditionalOnVigilRole;
import dev.vigil.model.role.Role;
import java.time.Duration;

import dev.vigil.alerting.opensearch.OpenSearchProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenSearch health check, present only when a configured role reads or writes OpenSearch. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnVigilRole({Role.ALERTING, Role.CONSOLE})
@EnableConfigurationProperties(OpenSearchProperties.class)
public class OpenSearchConfiguration {

    private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(5);

    @Bean
    OpenSearchHealthIndicator opensearchHealthIndicator(OpenSearchProperties properties) {
        return new OpenSearchHealthIndicator(properties, HEALTH_TIMEOUT);
    }
}

package dev.vigil.dashboards;

import dev.vigil.dashboards.saved.DashboardsInstaller;
import dev.vigil.dashboards.saved.DashboardsProperties;
import dev.vigil.model.role.ConditionalOnVigilRole;
import dev.vigil.model.role.Role;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Installs Vigil's saved objects into OpenSearch Dashboards, for role {@code alerting} or {@code console} when
 * {@code vigil.dashboards.url} is set.
 */
@AutoConfiguration
@ConditionalOnVigilRole({Role.ALERTING, Role.CONSOLE})
@ConditionalOnProperty("vigil.dashboards.url")
@EnableConfigurationProperties(DashboardsProperties.class)
public class DashboardsAutoConfiguration {

    @Bean
    DashboardsInstaller vigilDashboardsInstaller(DashboardsProperties properties) {
        return new DashboardsInstaller(properties);
    }
}

package dev.vigil.dashboards;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** Which roles install the saved objects. */
class DashboardsAutoConfigurationTest {

    private static final String INSTALLER = "vigilDashboardsInstaller";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DashboardsAutoConfiguration.class));

    @Test
    void theInstallerRunsInAlertingOrConsoleWhenDashboardsIsConfigured() {
        String url = "vigil.dashboards.url=http://127.0.0.1:9";
        runner.withPropertyValues("vigil.roles=alerting", url).run(context -> assertThat(context).hasBean(INSTALLER));
        runner.withPropertyValues("vigil.roles=console", url).run(context -> assertThat(context).hasBean(INSTALLER));
        runner.withPropertyValues("vigil.roles=ingest,streams", url).run(context -> assertThat(context).doesNotHaveBean(INSTALLER));
        runner.withPropertyValues("vigil.roles=alerting").run(context -> assertThat(context).doesNotHaveBean(INSTALLER));
    }

    @Test
    void allRolesInstallNothingWithoutDashboards() {
        runner.run(context -> assertThat(context).doesNotHaveBean(INSTALLER));
    }
}

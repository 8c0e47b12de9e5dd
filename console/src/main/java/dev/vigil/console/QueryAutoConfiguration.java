package dev.vigil.console;

import dev.vigil.alerting.opensearch.OpenSearchAutoConfiguration;
import dev.vigil.console.compliance.ComplianceConfiguration;
import dev.vigil.console.overview.OverviewConfiguration;
import dev.vigil.console.query.QueryConfiguration;
import dev.vigil.console.search.SearchConfiguration;
import dev.vigil.console.triage.TriageConfiguration;
import dev.vigil.model.role.ConditionalOnVigilRole;
import dev.vigil.model.role.Role;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The read API over OpenSearch ({@code /v1/alerts}, {@code /v1/compliance}, {@code /v1/search}, {@code /v1/overview}), for role {@code alerting} or
 * {@code console}: a console-only deployment serves the API without running the indexer. The client comes from the
 * alerting module's {@link OpenSearchAutoConfiguration}.
 */
@AutoConfiguration(after = OpenSearchAutoConfiguration.class)
@ConditionalOnVigilRole({Role.ALERTING, Role.CONSOLE})
@Import({TriageConfiguration.class, QueryConfiguration.class, ComplianceConfiguration.class,
        SearchConfiguration.class, OverviewConfiguration.class})
public class QueryAutoConfiguration {
}

package dev.vigil.console.compliance;

import dev.vigil.console.topics.RecentRecords;
import dev.vigil.model.kafka.KafkaClientSettings;
import dev.vigil.model.kafka.Topics;
import dev.vigil.model.rule.RuleCatalog;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.util.List;

/** {@code GET /v1/compliance}: the BSI requirements judged by the loaded rules, the alerts and the evidence. */
@Configuration(proxyBeanMethods = false)
public class ComplianceConfiguration {

    @Bean
    ComplianceService vigilComplianceService(OpenSearchClient client, ObjectProvider<RuleCatalog> catalog,
                                             ObjectProvider<KafkaClientSettings> kafka, ObjectProvider<Topics> topics) {
        KafkaClientSettings settings = kafka.getIfAvailable();
        Topics names = topics.getIfAvailable(Topics::defaults);
        WatchActivity watch = settings == null ? WatchActivity.none()
                : new WatchActivity(new RecentRecords(settings, names.watch()), Clock.systemUTC());
        return new ComplianceService(client, BsiCatalog.load(), () -> {
            RuleCatalog loaded = catalog.getIfAvailable();
            return loaded == null ? List.of() : loaded.rules();
        }, watch, Clock.systemUTC());
    }

    @Bean
    ComplianceController vigilComplianceController(ComplianceService compliance) {
        return new ComplianceController(compliance);
    }
}

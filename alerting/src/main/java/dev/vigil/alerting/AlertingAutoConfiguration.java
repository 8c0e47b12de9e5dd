package dev.vigil.alerting;

import dev.vigil.alerting.dlq.DeadLetterPublisher;
import dev.vigil.alerting.index.IndexManager;
import dev.vigil.alerting.index.RetentionProperties;
import dev.vigil.alerting.indexer.BulkIndexer;
import dev.vigil.alerting.indexer.IndexerProperties;
import dev.vigil.alerting.opensearch.OpenSearchAutoConfiguration;
import dev.vigil.alerting.opensearch.OpenSearchRest;
import dev.vigil.model.kafka.KafkaClientSettings;
import dev.vigil.model.kafka.Topics;
import dev.vigil.model.role.ConditionalOnVigilRole;
import dev.vigil.model.role.Role;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import java.time.Clock;

/**
 * Role {@code alerting}: index templates and retention at start, and the two bulk indexers that move
 * {@code vigil.alerts} and {@code vigil.evidence} into OpenSearch. The client comes from
 * {@link OpenSearchAutoConfiguration}, active for this role too.
 */
@AutoConfiguration(after = OpenSearchAutoConfiguration.class)
@ConditionalOnVigilRole(Role.ALERTING)
@EnableConfigurationProperties({RetentionProperties.class, IndexerProperties.class})
public class AlertingAutoConfiguration {

    @Bean
    IndexManager vigilIndexManager(OpenSearchClient client, RetentionProperties retention,
                                   IndexerProperties indexer) {
        return new IndexManager(new OpenSearchRest(client), retention, Clock.systemUTC(), indexer.evidenceShards());
    }

    @Bean
    DeadLetterPublisher vigilIndexerDeadLetters(KafkaClientSettings kafka, Topics topics) {
        return new DeadLetterPublisher(kafka, topics.dlq(), "vigil-indexer-dlq");
    }

    @Bean
    BulkIndexer vigilAlertIndexer(KafkaClientSettings kafka, Topics topics, IndexerProperties properties,
                                  OpenSearchClient client, DeadLetterPublisher deadLetters, IndexManager indexes,
                                  ObjectProvider<MeterRegistry> registry) {
        return BulkIndexer.alerts(topics.alerts(), kafka, properties, client, deadLetters, indexes,
                registry.getIfAvailable(SimpleMeterRegistry::new));
    }

    @Bean
    BulkIndexer vigilEvidenceIndexer(KafkaClientSettings kafka, Topics topics, IndexerProperties properties,
                                     OpenSearchClient client, DeadLetterPublisher deadLetters, IndexManager indexes,
                                     ObjectProvider<MeterRegistry> registry) {
        return BulkIndexer.evidence(topics.evidence(), kafka, properties, client, deadLetters, indexes,
                registry.getIfAvailable(SimpleMeterRegistry::new));
    }
}

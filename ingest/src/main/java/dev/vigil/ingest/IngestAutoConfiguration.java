package dev.vigil.ingest;

import dev.vigil.ingest.config.FirehoseProperties;
import dev.vigil.ingest.cloud.delivery.CloudMetrics;
import dev.vigil.ingest.cloud.aks.AksConfiguration;
import dev.vigil.ingest.cloud.gke.GkeConfiguration;
import dev.vigil.ingest.config.IngestProperties;
import dev.vigil.ingest.config.SourcesProperties;
import dev.vigil.model.role.ConditionalOnVigilRole;
import dev.vigil.model.role.Role;
import dev.vigil.ingest.kafka.AuditRecordWriter;
import dev.vigil.ingest.kafka.DeadLetterWriter;
import dev.vigil.ingest.kafka.IngestProducer;
import dev.vigil.ingest.watch.WatchConfiguration;
import dev.vigil.ingest.webhook.WebhookConfiguration;
import dev.vigil.model.kafka.KafkaClientSettings;
import dev.vigil.model.kafka.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The {@code ingest} role: the audit webhook ({@code /v1/audit}), the managed clusters' deliveries (GKE's Pub/Sub
 * push, AKS's event hubs) and the Kubernetes watcher, all producing to Kafka through one acks=all idempotent producer. {@code vigil replay} uses the same producer outside Spring.
 */
@AutoConfiguration
@ConditionalOnVigilRole(Role.INGEST)
@EnableConfigurationProperties({IngestProperties.class, FirehoseProperties.class, SourcesProperties.class})
@Import({WebhookConfiguration.class, WatchConfiguration.class, GkeConfiguration.class, AksConfiguration.class})
public class IngestAutoConfiguration {

    @Bean(destroyMethod = "close")
    IngestProducer ingestProducer(KafkaClientSettings kafka, IngestProperties properties, MeterRegistry registry) {
        return new IngestProducer(kafka, properties.producer(), "vigil-ingest", registry);
    }

    @Bean
    AuditRecordWriter auditRecordWriter(IngestProducer producer, Topics topics, DeadLetterWriter deadLetters) {
        return new AuditRecordWriter(producer, topics.audit(), deadLetters);
    }

    @Bean
    CloudMetrics cloudMetrics(MeterRegistry registry) {
        return new CloudMetrics(registry);
    }

    @Bean
    DeadLetterWriter deadLetterWriter(IngestProducer producer, Topics topics) {
        return new DeadLetterWriter(producer, topics.dlq());
    }
}

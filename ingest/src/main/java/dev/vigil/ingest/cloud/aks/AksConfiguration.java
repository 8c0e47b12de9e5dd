package dev.vigil.ingest.cloud.aks;

import dev.vigil.ingest.cloud.delivery.CloudMetrics;
import dev.vigil.ingest.config.IngestProperties;
import dev.vigil.ingest.config.SourcesProperties;
import dev.vigil.ingest.kafka.AuditRecordWriter;
import dev.vigil.ingest.kafka.DeadLetterWriter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** AKS: the event hubs of {@code vigil.sources.aks}, read through their Kafka endpoint. */
@Configuration(proxyBeanMethods = false)
public class AksConfiguration {

    @Bean
    AksSources aksSources(SourcesProperties sources, IngestProperties ingest, AuditRecordWriter audit,
                          DeadLetterWriter deadLetters, CloudMetrics metrics) {
        return new AksSources(sources.aks(), audit, deadLetters, metrics, ingest.ackTimeout(), ingest.retryAfter());
    }
}

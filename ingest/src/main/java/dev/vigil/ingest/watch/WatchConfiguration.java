package dev.vigil.ingest.watch;

import dev.vigil.ingest.config.IngestProperties;
import dev.vigil.model.kafka.KafkaClientSettings;
import dev.vigil.model.kafka.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Kubernetes watcher's bean; it does nothing unless {@code vigil.ingest.watch.clusters} lists a cluster. */
@Configuration(proxyBeanMethods = false)
public class WatchConfiguration {

    @Bean
    KubernetesWatcher kubernetesWatcher(IngestProperties properties, KafkaClientSettings kafka, Topics topics,
                                        MeterRegistry registry) {
        return new KubernetesWatcher(properties.watch(), kafka, properties.producer(), topics.watch(), registry);
    }
}

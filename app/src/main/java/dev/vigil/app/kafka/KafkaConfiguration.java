package dev.vigil.app.kafka;

import java.time.Duration;

import dev.vigil.model.kafka.KafkaClientSettings;
import dev.vigil.model.kafka.Topics;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Kafka beans every role may inject: the shared {@link KafkaClientSettings} and the {@link Topics}. The topics
 * bean is handed out only after the topics exist and have leaders, so no role can start producing too early.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(VigilKafkaProperties.class)
public class KafkaConfiguration {

    private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(5);

    @Bean
    KafkaClientSettings kafkaClientSettings(VigilKafkaProperties properties) {
        return properties.clientSettings();
    }

    @Bean
    Topics topics(VigilKafkaProperties properties, KafkaClientSettings settings) {
        Topics topics = properties.topics().toTopics();
        new TopicProvisioner(settings, properties.startupTimeout()).provision(topics.all(), properties.partitions(),
                properties.replicationFactorIfSet(), properties.createTopics());
        return topics;
    }

    @Bean
    KafkaHealthIndicator kafkaHealthIndicator(KafkaClientSettings settings) {
        return new KafkaHealthIndicator(settings, HEALTH_TIMEOUT);
    }
}

package dev.vigil.alerting.query;

import dev.vigil.embedded.EmbeddedKafkaExtension;
import dev.vigil.model.kafka.KafkaClientSettings;
import dev.vigil.model.kafka.Topics;
import dev.vigil.streams.rules.DetectionEngine;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/** What the app module provides to the stage modules (Kafka settings, topics) plus the rules of the contract. */
@SpringBootConfiguration
@EnableAutoConfiguration
class QueryApiTestApplication {

    @Bean
    KafkaClientSettings kafkaClientSettings() {
        return KafkaClientSettings.of(EmbeddedKafkaExtension.kafka().bootstrapServers());
    }

    @Bean
    Topics topics() {
        return Topics.defaults();
    }

    @Bean
    DetectionEngine detectionEngine() {
        return new ContractRules();
    }
}

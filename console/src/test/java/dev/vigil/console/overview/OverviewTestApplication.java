package dev.vigil.console.overview;

import dev.vigil.embedded.EmbeddedKafkaExtension;
import dev.vigil.model.kafka.KafkaClientSettings;
import dev.vigil.model.kafka.Topics;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * What the app module provides to the stage modules: Kafka settings and topics. The rules come from the streams
 * module's own auto-configuration (the bundled rule files), as in the application.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class OverviewTestApplication {

    @Bean
    KafkaClientSettings kafkaClientSettings() {
        return KafkaClientSettings.of(EmbeddedKafkaExtension.kafka().bootstrapServers());
    }

    @Bean
    Topics topics() {
        return Topics.defaults();
    }
}

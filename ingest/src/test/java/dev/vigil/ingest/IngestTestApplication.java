package dev.vigil.ingest;

import dev.vigil.embedded.EmbeddedKafka;
import dev.vigil.embedded.EmbeddedKafkaExtension;
import dev.vigil.model.kafka.KafkaClientSettings;
import dev.vigil.model.kafka.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

import java.util.Map;

/**
 * The beans the {@code app} module provides to every role, for tests of the ingest role alone: Kafka settings of the
 * embedded broker of this test run (with the contract topics created), the topic names, a meter registry.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class IngestTestApplication {

    @Bean
    KafkaClientSettings kafkaClientSettings() {
        return KafkaClientSettings.of(EmbeddedKafkaExtension.kafka().bootstrapServers());
    }

    @Bean
    Topics topics() {
        Topics topics = Topics.defaults();
        createTopics(EmbeddedKafkaExtension.kafka(), topics);
        return topics;
    }

    @Bean
    MeterRegistry meterRegistry() {
        return new SimpleMeterRegistry();
    }

    public static void createTopics(EmbeddedKafka kafka, Topics topics) {
        kafka.createTopics(Map.of(topics.audit(), 3, topics.watch(), 1, topics.dlq(), 1));
    }
}

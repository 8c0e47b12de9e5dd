package dev.vigil.console.triage;

import dev.vigil.embedded.EmbeddedKafkaExtension;
import dev.vigil.model.kafka.KafkaClientSettings;
import dev.vigil.model.kafka.Topics;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

import java.util.Map;

/** The console role on the shared embedded broker and node, with topics of alerts and dead letters of its own. */
@SpringBootConfiguration
@EnableAutoConfiguration
public class TriageTestApplication {

    public static final String ALERTS_TOPIC = "triage-it.alerts";
    public static final String DLQ_TOPIC = "triage-it.dlq";

    @Bean
    KafkaClientSettings kafkaClientSettings() {
        EmbeddedKafkaExtension.kafka().createTopics(Map.of(ALERTS_TOPIC, 2, DLQ_TOPIC, 2));
        return KafkaClientSettings.of(EmbeddedKafkaExtension.kafka().bootstrapServers());
    }

    @Bean
    Topics topics() {
        Topics defaults = Topics.defaults();
        return new Topics(defaults.audit(), defaults.watch(), ALERTS_TOPIC, defaults.evidence(), DLQ_TOPIC);
    }
}

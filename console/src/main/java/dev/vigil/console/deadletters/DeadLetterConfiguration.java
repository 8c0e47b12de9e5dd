package dev.vigil.console.deadletters;

import dev.vigil.console.topics.RecentRecords;
import dev.vigil.model.kafka.KafkaClientSettings;
import dev.vigil.model.kafka.Topics;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/** The admins' view of {@code vigil.dlq}, read from the topic on demand. */
@Configuration(proxyBeanMethods = false)
public class DeadLetterConfiguration {

    @Bean
    DeadLetterController consoleDeadLetterController(KafkaClientSettings kafka, Topics topics) {
        return new DeadLetterController(new DeadLetterView(new RecentRecords(kafka, topics.dlq()), Clock.systemUTC()));
    }
}

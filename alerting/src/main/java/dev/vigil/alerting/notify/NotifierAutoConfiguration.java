package dev.vigil.alerting.notify;

import dev.vigil.model.role.ConditionalOnVigilRole;
import dev.vigil.model.role.Role;
import dev.vigil.model.kafka.KafkaClientSettings;
import dev.vigil.model.kafka.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import java.time.Clock;

/**
 * Role {@code alerting}: the SOC notifiers (JSON webhooks, chat webhooks, syslog/CEF) configured under
 * {@code vigil.notify}, each reading {@code vigil.alerts} in its own consumer group.
 */
@AutoConfiguration
@ConditionalOnVigilRole(Role.ALERTING)
@EnableConfigurationProperties(NotifierProperties.class)
public class NotifierAutoConfiguration {

    @Bean(destroyMethod = "close")
    Notifiers vigilNotifiers(NotifierProperties properties, KafkaClientSettings kafka, Topics topics,
                             ObjectProvider<MeterRegistry> registry) {
        return Notifiers.create(properties, kafka, topics.alerts(), topics.dlq(),
                registry.getIfAvailable(SimpleMeterRegistry::new), Clock.systemUTC());
    }
}

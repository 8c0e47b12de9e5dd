package dev.vigil.console.stream;

import dev.vigil.model.kafka.KafkaClientSettings;
import dev.vigil.model.kafka.Topics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The console's live alert stream: one shared consumer of {@code vigil.alerts}, fanned out over SSE. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AlertStreamProperties.class)
public class AlertStreamConfiguration {

    @Bean
    AlertBroadcaster consoleAlertBroadcaster(AlertStreamProperties properties, ObjectProvider<MeterRegistry> meters) {
        AlertBroadcaster broadcaster = new AlertBroadcaster(properties);
        meters.ifAvailable(registry -> Gauge.builder("vigil.console.stream.subscribers", broadcaster,
                        AlertBroadcaster::subscribers)
                .description("Open live alert streams of the console")
                .register(registry));
        return broadcaster;
    }

    @Bean
    AlertTopicConsumer consoleAlertConsumer(KafkaClientSettings kafka, Topics topics, AlertBroadcaster broadcaster,
                                            AlertStreamProperties properties, ObjectProvider<MeterRegistry> meters) {
        AlertTopicConsumer consumer = new AlertTopicConsumer(kafka, topics.alerts(), broadcaster, properties.heartbeat());
        meters.ifAvailable(registry -> FunctionCounter.builder("vigil.console.stream.alerts", consumer,
                        AlertTopicConsumer::streamed)
                .description("Alerts sent to the console's live streams")
                .register(registry));
        return consumer;
    }

    @Bean
    AlertStreamController consoleAlertStreamController(AlertBroadcaster broadcaster) {
        return new AlertStreamController(broadcaster);
    }
}

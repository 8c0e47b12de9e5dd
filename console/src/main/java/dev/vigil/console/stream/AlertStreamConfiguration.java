package dev.vigil.console.stream;

import dev.vigil.console.triage.TriageJoin;
import dev.vigil.console.triage.TriageService;
import dev.vigil.model.json.VigilJson;
import dev.vigil.model.kafka.KafkaClientSettings;
import dev.vigil.model.kafka.Topics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;
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
                                            AlertStreamProperties properties, ObjectProvider<MeterRegistry> meters,
                                            ObjectProvider<TriageJoin> triage) {
        TriageJoin join = triage.getIfAvailable();
        AlertTopicConsumer consumer = new AlertTopicConsumer(kafka, topics.alerts(), broadcaster, properties.heartbeat(),
                join == null ? alerts -> { } : join::attach);
        meters.ifAvailable(registry -> FunctionCounter.builder("vigil.console.stream.alerts", consumer,
                        AlertTopicConsumer::streamed)
                .description("Alerts sent to the console's live streams")
                .register(registry));
        return consumer;
    }

    /** Tells every open stream when an analyst changed the triage of alerts. */
    @Bean
    ApplicationListener<PayloadApplicationEvent<TriageService.TriageChanged>> consoleTriageRelay(
            AlertBroadcaster broadcaster) {
        return event -> broadcaster.publishTriage(VigilJson.write(event.getPayload().triage()));
    }

    @Bean
    AlertStreamController consoleAlertStreamController(AlertBroadcaster broadcaster) {
        return new AlertStreamController(broadcaster);
    }
}

package dev.vigil.streams;

import dev.vigil.model.role.ConditionalOnVigilRole;
import dev.vigil.model.role.Role;
import dev.vigil.model.kafka.KafkaClientSettings;
import dev.vigil.model.kafka.Topics;
import dev.vigil.streams.redact.Redactor;
import dev.vigil.streams.rules.DetectionEngine;
import dev.vigil.streams.kafka.ChangelogTimestamps;
import dev.vigil.streams.kafka.StreamsTopics;
import dev.vigil.streams.stateful.StatefulTopology;
import dev.vigil.streams.topology.VigilTopology;
import dev.vigil.streams.alerts.AlertMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import java.util.Properties;

/**
 * Role {@code streams}: the two Kafka Streams applications of {@link VigilTopology} (detection and evidence), run for
 * the application's lifetime.
 */
@AutoConfiguration(afterName = "dev.vigil.streams.rules.RulesAutoConfiguration")
@ConditionalOnVigilRole(Role.STREAMS)
@EnableConfigurationProperties(StreamsProperties.class)
public class StreamsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Redactor vigilRedactor(StreamsProperties properties) {
        return new Redactor(properties.redaction().envNameMarkers());
    }

    /** Detection: rules, dedup and pod lifetimes to {@code vigil.alerts}. */
    @Bean
    KafkaStreamsLifecycle vigilKafkaStreams(KafkaClientSettings kafka, Topics topics, StreamsProperties properties,
                                            DetectionEngine engine, Redactor redactor,
                                            ObjectProvider<MeterRegistry> meterRegistry) {
        StreamsBuilder builder = new StreamsBuilder();
        VigilTopology.detection(builder, StreamsTopics.of(topics), engine, properties.topologySettings(engine, redactor)
                .withAlertMetrics(AlertMetrics.of(meterRegistry.getIfAvailable())));
        Properties config = StreamsConfigFactory.config(kafka, topics, properties);
        String applicationId = config.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
        return lifecycle(builder, config, properties, meterRegistry).beforeStart(() -> ChangelogTimestamps.align(
                kafka.clientConfig(), applicationId, StatefulTopology.appendTimeChangelogStores()));
    }

    /** Evidence: redacted evidence documents to {@code vigil.evidence}, undecodable records to the DLQ. */
    @Bean
    KafkaStreamsLifecycle vigilEvidenceStreams(KafkaClientSettings kafka, Topics topics, StreamsProperties properties,
                                               DetectionEngine engine, Redactor redactor,
                                               ObjectProvider<MeterRegistry> meterRegistry) {
        StreamsBuilder builder = new StreamsBuilder();
        VigilTopology.evidence(builder, StreamsTopics.of(topics), properties.topologySettings(engine, redactor));
        return lifecycle(builder, StreamsConfigFactory.evidenceConfig(kafka, topics, properties), properties,
                meterRegistry);
    }

    private static KafkaStreamsLifecycle lifecycle(StreamsBuilder builder, Properties config,
                                                   StreamsProperties properties,
                                                   ObjectProvider<MeterRegistry> meterRegistry) {
        return new KafkaStreamsLifecycle(builder.build(), config, properties.startTimeout(),
                properties.closeTimeout(), meterRegistry.getIfAvailable(), properties.autoStartup());
    }
}

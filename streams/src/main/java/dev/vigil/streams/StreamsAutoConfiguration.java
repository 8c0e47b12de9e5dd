package dev.vigil.streams;

import dev.vigil.model.kafka.KafkaClientSettings;
import dev.vigil.model.kafka.Topics;
import dev.vigil.streams.redact.Redactor;
import dev.vigil.streams.rules.DetectionEngine;
import dev.vigil.streams.topology.StreamsTopics;
import dev.vigil.streams.topology.VigilTopology;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import java.util.Properties;

/** Role {@code streams}: the Vigil Kafka Streams topology, run for the application's lifetime. */
@AutoConfiguration(afterName = "dev.vigil.streams.rules.RulesAutoConfiguration")
@ConditionalOnExpression("'${vigil.roles:ingest,streams,alerting,console}'.contains('streams')")
@EnableConfigurationProperties(StreamsProperties.class)
public class StreamsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Redactor vigilRedactor(StreamsProperties properties) {
        return new Redactor(properties.redaction().envNameMarkers());
    }

    @Bean
    KafkaStreamsLifecycle vigilKafkaStreams(KafkaClientSettings kafka, Topics topics, StreamsProperties properties,
                                            DetectionEngine engine, Redactor redactor,
                                            ObjectProvider<MeterRegistry> meterRegistry) {
        Properties config = StreamsConfigFactory.config(kafka, topics, properties);
        return new KafkaStreamsLifecycle(topology(topics, properties, engine, redactor), config,
                properties.startTimeout(), properties.closeTimeout(), meterRegistry.getIfAvailable(),
                properties.autoStartup());
    }

    static Topology topology(Topics topics, StreamsProperties properties, DetectionEngine engine, Redactor redactor) {
        StreamsBuilder builder = new StreamsBuilder();
        VigilTopology.build(builder, StreamsTopics.of(topics), engine, properties.topologySettings(engine, redactor));
        return builder.build();
    }
}

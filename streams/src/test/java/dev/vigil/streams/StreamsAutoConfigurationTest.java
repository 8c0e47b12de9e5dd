package dev.vigil.streams;

import dev.vigil.model.json.VigilJson;
import dev.vigil.model.kafka.KafkaClientSettings;
import dev.vigil.model.kafka.Topics;
import dev.vigil.streams.redact.Redactor;
import dev.vigil.streams.testing.TestDetectionEngine;
import dev.vigil.streams.rules.DetectionEngine;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class StreamsAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(StreamsAutoConfiguration.class))
            .withBean(KafkaClientSettings.class, () -> KafkaClientSettings.of("127.0.0.1:1"))
            .withBean(Topics.class, Topics::defaults)
            .withBean(DetectionEngine.class, TestDetectionEngine::create);

    @Test
    void staysOutOfProcessesWithoutTheStreamsRole() {
        runner.withPropertyValues("vigil.roles=ingest,alerting,console")
                .run(context -> assertThat(context).hasNotFailed()
                        .doesNotHaveBean(KafkaStreamsLifecycle.class)
                        .doesNotHaveBean(StreamsProperties.class));
    }

    @Test
    void bindsPropertiesAndBuildsTheRedactorWhenTheRoleIsOn() {
        runner.withPropertyValues("vigil.roles=streams", "vigil.streams.redaction.env-name-markers=magic",
                        "vigil.streams.pods.punctuation-interval=5s")
                .withPropertyValues("vigil.streams.auto-startup=false")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBeansOfType(KafkaStreamsLifecycle.class).values())
                            .extracting(KafkaStreamsLifecycle::name)
                            .containsExactlyInAnyOrder("vigil-streams", "vigil-streams-evidence");
                    StreamsProperties properties = context.getBean(StreamsProperties.class);
                    assertThat(properties.pods().punctuationInterval()).isEqualTo(Duration.ofSeconds(5));
                    assertThat(properties.redaction().envNameMarkers()).containsExactly("magic");
                    assertThat(context.getBean(Redactor.class)).isNotNull();
                    assertThat(context.getBeansOfType(KafkaStreamsLifecycle.class).values()).allSatisfy(lifecycle -> {
                        assertThat(lifecycle.isAutoStartup()).isFalse();
                        assertThat(lifecycle.isRunning()).isFalse();
                    });
                });
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        StreamsProperties defaults = StreamsProperties.defaults();

        assertThat(defaults.applicationId()).isEqualTo("vigil-streams");
        assertThat(defaults.stateDir().normalize()).isEqualTo(Path.of("data/streams"));
        assertThat(defaults.numThreads()).isEqualTo(1);
        assertThat(defaults.commitInterval()).isEqualTo(Duration.ofMillis(100));
        assertThat(defaults.dedup().defaultWindow()).isEqualTo(Duration.ofHours(1));
        assertThat(defaults.dedup().grace()).isEqualTo(Duration.ofMinutes(10));
        assertThat(defaults.pods().punctuationInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(defaults.redaction().envNameMarkers()).isEqualTo(Redactor.DEFAULT_ENV_NAME_MARKERS);
    }

    @Test
    void streamsRunExactlyOnceWithDeadLetterHandlersAndUserOverridesWin() {
        StreamsProperties properties = StreamsProperties.bind(Map.of("vigil.streams.num-threads", "3",
                "vigil.streams.properties.[replication.factor]", "3",
                "vigil.streams.properties.[producer.compression.type]", "zstd"));

        Properties config = StreamsConfigFactory.config(new KafkaClientSettings("k:9092",
                Map.of("security.protocol", "SSL")), Topics.defaults(), properties);

        assertThat(config).containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2)
                .containsEntry(StreamsConfig.APPLICATION_ID_CONFIG, "vigil-streams")
                .containsEntry(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 3)
                .containsEntry("bootstrap.servers", "k:9092")
                .containsEntry("security.protocol", "SSL")
                .containsEntry("replication.factor", "3")
                .containsEntry("vigil.dlq.topic", "vigil.dlq")
                .containsEntry("producer.batch.size", 262_144)
                .containsEntry("producer.compression.type", "zstd");
        assertThat(config.get(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG).toString())
                .endsWith("DeadLetterHandler");
        assertThat(config.get(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG).toString())
                .endsWith("DeadLetterHandler");
    }

    @Test
    void everyPropertyIsDocumented() throws IOException {
        JsonNode metadata;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).isNotNull();
            metadata = VigilJson.mapper().readTree(in);
        }
        List<String> streams = new ArrayList<>();
        for (JsonNode property : metadata.path("properties")) {
            String name = property.path("name").stringValue();
            if (name.startsWith("vigil.streams.")) {
                streams.add(name);
                assertThat(property.path("description").asString("")).as(name).isNotBlank();
            }
        }
        assertThat(streams).contains("vigil.streams.application-id", "vigil.streams.state-dir",
                "vigil.streams.dedup.default-window", "vigil.streams.pods.punctuation-interval",
                "vigil.streams.redaction.env-name-markers");
    }
}

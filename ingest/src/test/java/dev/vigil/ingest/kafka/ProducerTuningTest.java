package dev.vigil.ingest.kafka;

import dev.vigil.model.kafka.KafkaClientSettings;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProducerTuningTest {

    @Test
    void producerConfigKeepsTheGuaranteesOverSharedProperties() {
        KafkaClientSettings settings = new KafkaClientSettings("broker:9092",
                Map.of("acks", "0", "security.protocol", "SSL"));
        Map<String, Object> config = IngestProducer.config(settings, ProducerTuning.defaults(), "vigil-ingest");
        assertThat(config).containsEntry("bootstrap.servers", "broker:9092")
                .containsEntry("security.protocol", "SSL")
                .containsEntry("acks", "all")
                .containsEntry("enable.idempotence", true)
                .containsEntry("compression.type", "zstd")
                .containsEntry("delivery.timeout.ms", 8000)
                .containsEntry("request.timeout.ms", 3000)
                .containsEntry("batch.size", 262_144)
                .containsEntry("max.block.ms", 3000L)
                .containsEntry("max.request.size", 1_048_576)
                .containsEntry("client.id", "vigil-ingest");
    }

    @Test
    void deliveryTimeoutMustCoverLingerAndRequestTimeout() {
        assertThatThrownBy(() -> new ProducerTuning(null, Duration.ofMillis(5), Duration.ofSeconds(5),
                Duration.ofSeconds(4), null, null, null)).hasMessageContaining("deliveryTimeout");
    }
}

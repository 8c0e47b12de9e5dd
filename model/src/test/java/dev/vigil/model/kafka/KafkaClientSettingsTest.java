package dev.vigil.model.kafka;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaClientSettingsTest {

    @Test
    void neverPrintsPropertyValues() {
        KafkaClientSettings settings = new KafkaClientSettings("k:9092",
                Map.of("sasl.jaas.config", "PlainLoginModule required password=\"s3cr3t\";"));
        assertThat(settings.toString()).contains("k:9092", "sasl.jaas.config").doesNotContain("s3cr3t");
        assertThat(settings.clientConfig()).containsEntry("bootstrap.servers", "k:9092")
                .containsKey("sasl.jaas.config");
    }

    @Test
    void requiresBootstrapServers() {
        assertThatThrownBy(() -> KafkaClientSettings.of(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}

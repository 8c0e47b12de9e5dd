package dev.vigil.app.kafka;

import java.time.Duration;
import java.util.Map;

import dev.vigil.model.kafka.Topics;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class VigilKafkaPropertiesTest {

    private static VigilKafkaProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("vigil.kafka", VigilKafkaProperties.class);
    }

    @Test
    void defaultsAreTheContractTopicsWithThreePartitions() {
        VigilKafkaProperties properties = bind(Map.of());

        assertThat(properties.topics().toTopics()).isEqualTo(Topics.defaults());
        assertThat(properties.partitions()).isEqualTo(3);
        assertThat(properties.replicationFactorIfSet()).isEmpty();
        assertThat(properties.createTopics()).isTrue();
        assertThat(properties.startupTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(properties.properties()).isEmpty();
    }

    @Test
    void bindsTopicNamesReplicationAndClientProperties() {
        VigilKafkaProperties properties = bind(Map.of(
                "vigil.kafka.bootstrap-servers", "kafka-1:9092,kafka-2:9092",
                "vigil.kafka.topics.alerts", "prod.vigil.alerts",
                "vigil.kafka.replication-factor", "3",
                "vigil.kafka.properties[security.protocol]", "SASL_SSL",
                "vigil.kafka.properties[sasl.jaas.config]", "org.apache.kafka.common.security.plain.PlainLoginModule"
                        + " required username=\"vigil\" password=\"s3cret\";"));

        assertThat(properties.topics().toTopics().alerts()).isEqualTo("prod.vigil.alerts");
        assertThat(properties.topics().toTopics().audit()).isEqualTo(Topics.AUDIT);
        assertThat(properties.replicationFactorIfSet()).contains((short) 3);
        assertThat(properties.clientSettings().clientConfig())
                .containsEntry("bootstrap.servers", "kafka-1:9092,kafka-2:9092")
                .containsEntry("security.protocol", "SASL_SSL");
        assertThat(properties.toString())
                .contains("sasl.jaas.config", "security.protocol")
                .doesNotContain("s3cret")
                .doesNotContain("SASL_SSL");
    }

    @Test
    void clientSettingsNeedBootstrapServers() {
        assertThatIllegalStateException().isThrownBy(() -> bind(Map.of()).clientSettings())
                .withMessageContaining("vigil.kafka.bootstrap-servers");
    }
}

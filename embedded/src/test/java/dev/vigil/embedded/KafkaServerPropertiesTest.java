package dev.vigil.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Properties;

import kafka.server.KafkaConfig;
import org.junit.jupiter.api.Test;

class KafkaServerPropertiesTest {

    private static final Path LOG_DIR = Path.of("/var/lib/vigil/kafka");

    @Test
    void runsOneCombinedNodeOnTheGivenPorts() {
        Properties props = KafkaServerProperties.of(KafkaSettings.defaults(), 9092, 9093, LOG_DIR);

        assertThat(props).containsEntry("process.roles", "broker,controller")
                .containsEntry("controller.quorum.voters", "1@127.0.0.1:9093")
                .containsEntry("listeners", "PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093")
                .containsEntry("advertised.listeners", "PLAINTEXT://127.0.0.1:9092")
                .containsEntry("log.dirs", LOG_DIR.toString());
    }

    @Test
    void givesEveryInternalTopicASingleReplica() {
        Properties props = KafkaServerProperties.of(KafkaSettings.defaults(), 9092, 9093, LOG_DIR);

        assertThat(props).containsEntry("offsets.topic.replication.factor", "1")
                .containsEntry("transaction.state.log.replication.factor", "1")
                .containsEntry("transaction.state.log.min.isr", "1")
                .containsEntry("share.coordinator.state.topic.replication.factor", "1")
                .containsEntry("share.coordinator.state.topic.min.isr", "1")
                .containsEntry("group.initial.rebalance.delay.ms", "0");
    }

    @Test
    void letsBrokerPropertiesOverrideTheDefaults() {
        KafkaSettings settings = KafkaSettings.builder().defaultPartitions(6)
                .brokerProperty("log.retention.hours", "24")
                .brokerProperty("group.initial.rebalance.delay.ms", "3000")
                .build();

        Properties props = KafkaServerProperties.of(settings, 9092, 9093, LOG_DIR);

        assertThat(props).containsEntry("num.partitions", "6")
                .containsEntry("log.retention.hours", "24")
                .containsEntry("group.initial.rebalance.delay.ms", "3000");
    }

    @Test
    void isAValidKafkaServerConfiguration() {
        KafkaConfig config = KafkaConfig.fromProps(KafkaServerProperties.of(KafkaSettings.defaults(), 9092, 9093, LOG_DIR), false);

        assertThat(config.nodeId()).isEqualTo(KafkaServerProperties.NODE_ID);
        assertThat(config.metadataLogDir()).isEqualTo(LOG_DIR.toString());
    }

    @Test
    void addsASaslPlainListenerForItsUsers() {
        KafkaSettings settings = KafkaSettings.builder()
                .saslPlainUser("$ConnectionString", "Endpoint=sb://hub.example/;SharedAccessKey=k\"ey").build();

        Properties props = KafkaServerProperties.of(settings, 9092, 9093, 9094, LOG_DIR);

        assertThat(props).containsEntry("listeners",
                        "PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093,SASL_PLAINTEXT://127.0.0.1:9094")
                .containsEntry("advertised.listeners", "PLAINTEXT://127.0.0.1:9092,SASL_PLAINTEXT://127.0.0.1:9094")
                .containsEntry("sasl.enabled.mechanisms", "PLAIN")
                .containsEntry("listener.name.sasl_plaintext.plain.sasl.jaas.config",
                        "org.apache.kafka.common.security.plain.PlainLoginModule required "
                                + "user_$ConnectionString=\"Endpoint=sb://hub.example/;SharedAccessKey=k\\\"ey\";");
        KafkaConfig config = KafkaConfig.fromProps(props, false);
        assertThat(config.nodeId()).isEqualTo(KafkaServerProperties.NODE_ID);
    }
}

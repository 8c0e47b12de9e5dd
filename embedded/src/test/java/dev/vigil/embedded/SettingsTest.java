package dev.vigil.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void kafkaDefaultsToLoopbackFreePortsAndATemporaryDirectory() {
        KafkaSettings settings = KafkaSettings.defaults();

        assertThat(settings.host()).isEqualTo("127.0.0.1");
        assertThat(settings.brokerPort()).isZero();
        assertThat(settings.controllerPort()).isZero();
        assertThat(settings.dataDir()).isEmpty();
        assertThat(settings.defaultPartitions()).isEqualTo(1);
        assertThat(settings.brokerProperties()).isEmpty();
    }

    @Test
    void kafkaRejectsImpossibleValues() {
        assertThatIllegalArgumentException().isThrownBy(() -> KafkaSettings.builder().brokerPort(70_000).build());
        assertThatIllegalArgumentException().isThrownBy(() -> KafkaSettings.builder().controllerPort(-1).build());
        assertThatIllegalArgumentException().isThrownBy(() -> KafkaSettings.builder().defaultPartitions(0).build());
    }

    @Test
    void openSearchKeepsWhatItIsGiven() {
        OpenSearchSettings settings = OpenSearchSettings.builder().httpPort(9200).dataDir(Path.of("data/opensearch"))
                .clusterName("vigil").nodeSetting("indices.query.bool.max_clause_count", "4096").build();

        assertThat(settings.httpPort()).isEqualTo(9200);
        assertThat(settings.dataDir()).contains(Path.of("data/opensearch"));
        assertThat(settings.clusterName()).isEqualTo("vigil");
        assertThat(settings.nodeSettings()).containsEntry("indices.query.bool.max_clause_count", "4096");
    }

    @Test
    void freePortsKeepsAGivenPortAndPicksOneForZero() {
        assertThat(FreePorts.resolve("127.0.0.1", 9092)).isEqualTo(9092);
        assertThat(FreePorts.resolve("127.0.0.1", 0)).isBetween(1, 65_535);
    }
}

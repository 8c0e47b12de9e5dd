package dev.vigil.app.embedded;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Optional;

import dev.vigil.embedded.KafkaSettings;
import dev.vigil.embedded.OpenSearchSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class EmbeddedStackTest {

    @TempDir
    Path dataDir;

    @Test
    void occupiedPortFailsWithAdviceBeforeAnythingStarts() throws IOException {
        try (ServerSocket occupied = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            EmbeddedPlan plan = new EmbeddedPlan(Optional.empty(), Optional.of(OpenSearchSettings.builder()
                    .httpPort(occupied.getLocalPort()).dataDir(dataDir.resolve("opensearch")).build()));

            assertThatIllegalStateException().isThrownBy(() -> EmbeddedStack.start(plan))
                    .withMessageContaining("127.0.0.1:" + occupied.getLocalPort() + " is in use")
                    .withMessageContaining("vigil.opensearch.url")
                    .withMessageContaining("vigil.embedded.opensearch-port");
        }
        assertThat(dataDir.resolve("opensearch")).doesNotExist();
    }

    @Test
    void emptyPlanStartsNothingAndSetsNoProperty() {
        try (EmbeddedStack stack = EmbeddedStack.start(new EmbeddedPlan(Optional.empty(), Optional.empty()))) {
            assertThat(stack.kafka()).isEmpty();
            assertThat(stack.openSearch()).isEmpty();
            assertThat(stack.properties()).isEmpty();
        }
    }

    @Test
    void kafkaPortCheckNamesTheKafkaProperties() throws IOException {
        try (ServerSocket occupied = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            EmbeddedPlan plan = new EmbeddedPlan(Optional.of(KafkaSettings.builder()
                    .brokerPort(occupied.getLocalPort()).dataDir(dataDir.resolve("kafka")).build()), Optional.empty());

            assertThatIllegalStateException().isThrownBy(() -> EmbeddedStack.start(plan))
                    .withMessageContaining("vigil.kafka.bootstrap-servers")
                    .withMessageContaining("vigil.embedded.kafka-port");
        }
    }
}

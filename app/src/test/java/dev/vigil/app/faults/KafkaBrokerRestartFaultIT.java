package dev.vigil.app.faults;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The Kafka broker stops in the middle of a steady replay and comes back on the same log directory. */
class KafkaBrokerRestartFaultIT {

    @Test
    void brokerRestartLosesAndDuplicatesNothing() throws Exception {
        try (FaultHarness harness = FaultHarness.start("KafkaBrokerRestart")) {
            harness.run(h -> {
                h.addYoungPodsAndAwaitConsumed(h.sizes.outage().plusSeconds(2));
                h.kafka.stop();
                assertThat(h.kafka.isRunning()).isFalse();
                h.stayDown();
                h.kafka.start().awaitReady(Duration.ofSeconds(60));
            });

            harness.verify();
        }
    }
}

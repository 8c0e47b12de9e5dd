package dev.vigil.app.faults;

import org.junit.jupiter.api.Test;


import static org.assertj.core.api.Assertions.assertThat;

/**
 * OpenSearch is stopped in the middle of a steady replay (60 s in {@code bench/run --chaos}, a few seconds in
 * {@code mvn verify}) and started again with its data.
 */
class OpenSearchOutageFaultIT {

    @Test
    void openSearchOutageLosesAndDuplicatesNothing() throws Exception {
        try (FaultHarness harness = FaultHarness.start("OpenSearchOutage")) {
            harness.run(h -> {
                h.addYoungPodsAndAwaitConsumed(h.sizes.outage().dividedBy(2));
                h.openSearch.stop();
                assertThat(h.openSearch.isRunning()).isFalse();
                h.stayDown();
                h.openSearch.start();
            });

            harness.verify();
        }
    }
}

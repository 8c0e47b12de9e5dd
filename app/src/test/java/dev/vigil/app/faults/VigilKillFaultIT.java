package dev.vigil.app.faults;

import org.junit.jupiter.api.Test;

import java.time.Duration;

/**
 * The Vigil process is killed with SIGKILL in the middle of a steady replay (no shutdown hook, no commit) and
 * started again on the same state directory.
 */
class VigilKillFaultIT {

    @Test
    void killNineAndRestartLosesAndDuplicatesNothing() throws Exception {
        try (FaultHarness harness = FaultHarness.start("VigilKill")) {
            harness.run(h -> {
                // The young pods cross the limit while Vigil is dead: only restored state can alert them.
                h.addYoungPodsAndAwaitConsumed(Duration.ofSeconds(3));
                h.vigil.kill();
                h.vigil.start();
            });

            harness.verify();
        }
    }
}

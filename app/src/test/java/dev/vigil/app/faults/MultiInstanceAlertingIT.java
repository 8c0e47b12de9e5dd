package dev.vigil.app.faults;

import dev.vigil.app.faults.FaultHarness.Instance;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Two {@code alerting} instances, each a JVM of its own, share the indexer's consumer groups over topics of six
 * partitions (the first also runs {@code streams}); the other is killed with SIGKILL in the middle of a steady
 * replay (a bulk may be indexed whose offsets it had not committed). The survivor takes over every partition; every
 * evidence document and alert is in OpenSearch exactly once, nothing is lost ({@link FaultHarness#verify()}).
 */
class MultiInstanceAlertingIT {

    private static final int PARTITIONS = 6;
    private static final List<String> GROUPS = List.of("vigil-indexer-alerts", "vigil-indexer-evidence");

    @Test
    void survivorIndexesEveryPartitionExactlyOnce() throws Exception {
        FaultSizes sizes = FaultSizes.multiInstance();
        // the indexer's consumers take the shared client properties
        List<String> arguments = List.of(
                "--vigil.kafka.properties[session.timeout.ms]=" + sizes.sessionTimeout().toMillis());
        try (FaultHarness harness = FaultHarness.start("MultiInstanceAlerting", sizes, PARTITIONS, true, List.of(
                new Instance("alerting-a", "streams,alerting", arguments),
                new Instance("alerting-b", "alerting", arguments)))) {
            VigilChild victim = harness.instance("alerting-b");
            AtomicReference<List<GroupTakeover.Figures>> figures = new AtomicReference<>();
            harness.run(h -> {
                h.addYoungPodsAndAwaitConsumed(Duration.ofSeconds(5));
                try (GroupTakeover takeover = new GroupTakeover(h.kafka.clientProperties(), GROUPS)) {
                    // the indexer's client id is its group and the process id
                    takeover.beforeKill(member -> member.clientId().endsWith("-" + victim.pid()), Duration.ofMinutes(2));
                    long killedAtNanos = System.nanoTime();
                    victim.kill();
                    takeover.afterDeath();
                    figures.set(takeover.measure(killedAtNanos, sizes.sessionTimeout().plus(Duration.ofMinutes(3))));
                }
            });

            FaultHarness.Indexed counts = harness.verify();
            List<GroupTakeover.Figures> takeover = figures.get();
            System.out.printf("MULTI-INSTANCE alerting: events=%d, evidence=%d (dead-lettered %d), alerts=%d "
                            + "(reference %d), long-lived pods=%d, takeover=%d ms to own every partition (alerts; "
                            + "evidence %d ms), first commit on a taken-over partition %d ms (evidence %d ms); %s; "
                            + "events at %d/s, session timeout %d ms%n",
                    counts.events(), counts.evidence(), counts.deadLettered(), counts.alerts(),
                    harness.undisturbedAlerts().size(), counts.pods(),
                    takeover.get(0).rebalanced().toMillis(), takeover.get(1).rebalanced().toMillis(),
                    takeover.get(0).firstCommit().toMillis(), takeover.get(1).firstCommit().toMillis(), takeover,
                    sizes.rate(), sizes.sessionTimeout().toMillis());
        }
    }
}

package dev.vigil.app.faults;

import dev.vigil.app.faults.FaultHarness.Instance;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two {@code streams} instances, each a JVM of its own with its own state directory and a standby replica of the
 * other's state ({@code num.standby.replicas=1} through {@code vigil.streams.properties}), share topics of six
 * partitions during a steady replay with rule hits and watched pods; one is killed with SIGKILL, and the survivor
 * takes over every partition. Counted on Kafka ({@link StreamsOutput}): every event's evidence exactly once, the
 * alerts those of an undisturbed single-instance run, their counts going on from the dead instance's dedup state,
 * long-lived pods neither forgotten nor alerted twice.
 */
class MultiInstanceStreamsIT {

    private static final int PARTITIONS = 6;
    private static final String REPARTITION_SUFFIX = "alert-candidates-repartition";

    @Test
    void survivorTakesOverEveryPartitionWithItsState() throws Exception {
        FaultSizes sizes = FaultSizes.multiInstance();
        List<String> arguments = List.of(
                "--vigil.streams.properties[num.standby.replicas]=1",
                "--vigil.streams.properties[session.timeout.ms]=" + sizes.sessionTimeout().toMillis());
        try (FaultHarness harness = FaultHarness.start("MultiInstanceStreams", sizes, PARTITIONS, false, List.of(
                new Instance("streams-a", "streams", arguments), new Instance("streams-b", "streams", arguments)))) {
            Kill kill = new Kill();
            harness.run(h -> kill.strike(h));

            StreamsOutput.Counts counts = StreamsOutput.verify(harness, kill.victimAlertPartitions, kill.alertEnds);
            System.out.printf("MULTI-INSTANCE streams: events=%d, evidence=%d (dead-lettered %d), alerts=%d "
                            + "(reference %d, %d records, %d counted on across the kill), long-lived pods=%d, "
                            + "takeover=%d ms to RUNNING (detection; evidence %d ms), first commit on a taken-over "
                            + "partition %d ms (evidence %d ms); killed %s, survivor %s; %s; events at %d/s, "
                            + "session timeout %d ms%n",
                    counts.events(), counts.evidence(), counts.deadLettered(), counts.alerts(),
                    harness.undisturbedAlerts().size(), counts.alertRecords(), counts.carried(), counts.pods(),
                    kill.running(FaultHarness.STREAMS_GROUP), kill.running(FaultHarness.EVIDENCE_GROUP),
                    kill.figures(FaultHarness.STREAMS_GROUP).firstCommit().toMillis(),
                    kill.figures(FaultHarness.EVIDENCE_GROUP).firstCommit().toMillis(),
                    kill.victim.name(), kill.survivor.name(), kill.figures, sizes.rate(),
                    sizes.sessionTimeout().toMillis());
        }
    }

    /** The fault: after the young pods are consumed, SIGKILL to the instance with the most dedup tasks. */
    private static final class Kill {

        VigilChild victim;
        VigilChild survivor;
        Set<Integer> victimAlertPartitions;
        Map<Integer, Long> alertEnds;
        List<GroupTakeover.Figures> figures;
        private Instant killedAt;

        void strike(FaultHarness harness) throws Exception {
            // The young pods cross the limit while the victim is dead and before the group notices: only the
            // survivor's copy of the victim's state can alert them.
            harness.addYoungPodsAndAwaitConsumed(Duration.ofSeconds(5));
            List<String> groups = List.of(FaultHarness.STREAMS_GROUP, FaultHarness.EVIDENCE_GROUP);
            try (GroupTakeover takeover = new GroupTakeover(harness.kafka.clientProperties(), groups)) {
                chooseVictim(harness, takeover.awaitStable(Duration.ofMinutes(2)).get(FaultHarness.STREAMS_GROUP));
                Set<String> victimClients = victim.streamConsumers();
                takeover.beforeKill(member -> victimClients.contains(member.clientId()), Duration.ofMinutes(2));
                victimAlertPartitions = takeover.victimPartitions(FaultHarness.STREAMS_GROUP).stream()
                        .filter(p -> p.topic().endsWith(REPARTITION_SUFFIX)).map(TopicPartition::partition)
                        .collect(Collectors.toSet());
                killedAt = Instant.now();
                long killedAtNanos = System.nanoTime();
                victim.kill();
                takeover.afterDeath();
                alertEnds = StreamsOutput.endOffsets(harness.kafka.clientProperties(), harness.topics.alerts(),
                        PARTITIONS);
                figures = takeover.measure(killedAtNanos, harness.sizes.sessionTimeout().plus(Duration.ofMinutes(3)));
            }
        }

        /**
         * The instance whose detection member runs the most dedup tasks and some long-lived-pod tasks, so that both
         * kinds of state must be carried over.
         */
        private void chooseVictim(FaultHarness harness, ConsumerGroupDescription detection) throws Exception {
            List<VigilChild> instances = List.copyOf(harness.instances.values());
            Map<VigilChild, Set<String>> clients = new HashMap<>();
            for (VigilChild instance : instances) {
                clients.put(instance, instance.streamConsumers());
            }
            Comparator<VigilChild> dedupTasks = Comparator.comparingLong(
                    instance -> owned(detection, clients.get(instance), REPARTITION_SUFFIX));
            victim = instances.stream().filter(i -> owned(detection, clients.get(i), harness.topics.watch()) > 0)
                    .max(dedupTasks).orElseThrow(() -> new AssertionError(
                            "no instance runs both dedup and long-lived-pod tasks: " + detection));
            survivor = instances.stream().filter(i -> i != victim).findFirst().orElseThrow();
            assertThat(owned(detection, clients.get(victim), REPARTITION_SUFFIX)).as("dedup tasks of %s: %s",
                    victim.name(), detection).isPositive();
        }

        private static long owned(ConsumerGroupDescription group, Set<String> clientIds, String topicSuffix) {
            return group.members().stream().filter(member -> clientIds.contains(member.clientId()))
                    .map(MemberDescription::assignment).flatMap(a -> a.topicPartitions().stream())
                    .filter(p -> p.topic().endsWith(topicSuffix)).count();
        }

        GroupTakeover.Figures figures(String group) {
            return figures.stream().filter(f -> f.group().equals(group)).findFirst().orElseThrow();
        }

        /** Kill to the survivor's first transition to RUNNING of application {@code applicationId}. */
        long running(String applicationId) throws Exception {
            Pattern running = Pattern.compile("Kafka Streams " + Pattern.quote(applicationId) + " \\S+ \\S+ RUNNING$");
            Instant at = survivor.firstLogged(running, killedAt).orElseThrow(() -> new AssertionError(
                    survivor.name() + " logged no RUNNING of " + applicationId + " after the kill:\n" + survivor.tail()));
            return Duration.between(killedAt, at).toMillis();
        }
    }
}

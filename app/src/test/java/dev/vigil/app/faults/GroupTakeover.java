package dev.vigil.app.faults;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Watches consumer groups (Kafka Streams applications or plain consumers) through the admin API while one of their
 * members is killed: which partitions the victim owned, and how long after the kill the survivors owned all of them
 * in a stable group, and when the first offset of one of the victim's partitions was committed after the kill (the
 * first of its records processed: with exactly-once, processing becomes visible with the commit).
 */
final class GroupTakeover implements AutoCloseable {

    /**
     * What the admin API showed of one group.
     *
     * @param group            the consumer group
     * @param victimPartitions what the killed member owned
     * @param allPartitions    what the group owned before the kill
     * @param rebalanced       kill to a stable group whose live members own every partition, or null
     * @param firstCommit      kill to the first commit on one of the victim's partitions, or null
     */
    record Figures(String group, Set<TopicPartition> victimPartitions, Set<TopicPartition> allPartitions,
                   Duration rebalanced, Duration firstCommit) {

        boolean complete() {
            return rebalanced != null && firstCommit != null;
        }

        @Override
        public String toString() {
            return group + " rebalanced=" + millis(rebalanced) + " ms, first-commit=" + millis(firstCommit)
                    + " ms (victim owned " + victimPartitions.size() + " of " + allPartitions.size() + " partitions)";
        }

        private static String millis(Duration duration) {
            return duration == null ? "-" : String.valueOf(duration.toMillis());
        }
    }

    private static final Duration POLL = Duration.ofMillis(100);

    private final Admin admin;
    private final List<String> groups;
    private final Map<String, Set<TopicPartition>> victimPartitions = new LinkedHashMap<>();
    private final Map<String, Set<TopicPartition>> allPartitions = new LinkedHashMap<>();
    private final Map<String, Set<String>> victimMembers = new HashMap<>();
    private final Map<String, Map<TopicPartition, Long>> committedAtDeath = new HashMap<>();

    GroupTakeover(Map<String, Object> kafka, List<String> groups) {
        this.admin = Admin.create(kafka);
        this.groups = List.copyOf(groups);
    }

    /** Waits until every group is stable with more than one member, each owning partitions; their descriptions. */
    Map<String, ConsumerGroupDescription> awaitStable(Duration timeout) {
        Map<String, ConsumerGroupDescription> descriptions = new LinkedHashMap<>();
        for (String group : groups) {
            await("group " + group + " stable with work for every member").atMost(timeout)
                    .pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> {
                        ConsumerGroupDescription description = describe(group);
                        assertThat(description.groupState()).as(group).isEqualTo(GroupState.STABLE);
                        assertThat(description.members()).as("members of %s", group).hasSizeGreaterThan(1)
                                .allSatisfy(m -> assertThat(m.assignment().topicPartitions()).isNotEmpty());
                        descriptions.put(group, description);
                    });
        }
        return descriptions;
    }

    /**
     * Once every group is stable, notes what the members that {@code isVictim} selects own; each group must have
     * one. Call it right before the kill.
     */
    void beforeKill(Predicate<MemberDescription> isVictim, Duration timeout) {
        awaitStable(timeout).forEach((group, description) -> {
            Set<TopicPartition> all = new HashSet<>();
            Set<TopicPartition> victim = new HashSet<>();
            Set<String> victims = new HashSet<>();
            for (MemberDescription member : description.members()) {
                all.addAll(member.assignment().topicPartitions());
                if (isVictim.test(member)) {
                    victim.addAll(member.assignment().topicPartitions());
                    victims.add(member.consumerId());
                }
            }
            assertThat(victim).as("partitions of the member to kill in %s: %s", group, description).isNotEmpty();
            allPartitions.put(group, all);
            victimPartitions.put(group, victim);
            victimMembers.put(group, victims);
        });
    }

    Set<TopicPartition> victimPartitions(String group) {
        return victimPartitions.get(group);
    }

    /** Right after the kill returned: the offsets the dead member can no longer move. */
    void afterDeath() throws ExecutionException, InterruptedException {
        for (String group : groups) {
            committedAtDeath.put(group, committed(group));
        }
    }

    /** Polls every 100 ms until each group has both figures, timed from {@code killedAtNanos} ({@link System#nanoTime}). */
    List<Figures> measure(long killedAtNanos, Duration timeout) {
        Map<String, Duration> rebalanced = new HashMap<>();
        Map<String, Duration> firstCommit = new HashMap<>();
        await("takeover of " + groups).atMost(timeout).pollInSameThread().pollDelay(Duration.ZERO).pollInterval(POLL)
                .untilAsserted(() -> {
                    for (String group : groups) {
                        if (!rebalanced.containsKey(group) && rebalanced(group)) {
                            rebalanced.put(group, Duration.ofNanos(System.nanoTime() - killedAtNanos));
                        }
                        if (!firstCommit.containsKey(group) && committedOnVictimPartition(group)) {
                            firstCommit.put(group, Duration.ofNanos(System.nanoTime() - killedAtNanos));
                        }
                    }
                    assertThat(figures(rebalanced, firstCommit)).allMatch(Figures::complete);
                });
        return figures(rebalanced, firstCommit);
    }

    private List<Figures> figures(Map<String, Duration> rebalanced, Map<String, Duration> firstCommit) {
        return groups.stream().map(group -> new Figures(group, victimPartitions.get(group), allPartitions.get(group),
                rebalanced.get(group), firstCommit.get(group))).toList();
    }

    private boolean rebalanced(String group) throws ExecutionException, InterruptedException {
        ConsumerGroupDescription description = describe(group);
        if (description.groupState() != GroupState.STABLE || description.members().isEmpty()) {
            return false;
        }
        Set<TopicPartition> owned = new HashSet<>();
        for (MemberDescription member : description.members()) {
            if (victimMembers.get(group).contains(member.consumerId())) {
                return false;
            }
            owned.addAll(member.assignment().topicPartitions());
        }
        return owned.containsAll(allPartitions.get(group));
    }

    private boolean committedOnVictimPartition(String group) throws ExecutionException, InterruptedException {
        Map<TopicPartition, Long> before = committedAtDeath.get(group);
        Map<TopicPartition, Long> now = committed(group);
        return victimPartitions.get(group).stream()
                .anyMatch(p -> now.containsKey(p) && now.get(p) > before.getOrDefault(p, -1L));
    }

    private ConsumerGroupDescription describe(String group) throws ExecutionException, InterruptedException {
        return admin.describeConsumerGroups(List.of(group)).describedGroups().get(group).get();
    }

    private Map<TopicPartition, Long> committed(String group) throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get();
        return offsets.entrySet().stream().filter(e -> e.getValue() != null)
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}

package dev.vigil.bench.workload;

import dev.vigil.model.audit.AuditEvent;
import dev.vigil.model.audit.AuditRecordCodec;
import dev.vigil.model.json.Decoded;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class WorkloadGeneratorTest {

    private static final Instant START = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void theSameSeedGivesTheSameEventsAndAnotherSeedOthers() {
        List<GeneratedEvent> first = new WorkloadGenerator(7, START, 1_000).next(200);
        List<GeneratedEvent> again = new WorkloadGenerator(7, START, 1_000).next(200);
        List<GeneratedEvent> other = new WorkloadGenerator(8, START, 1_000).next(200);

        assertThat(again).extracting(GeneratedEvent::event).isEqualTo(first.stream().map(GeneratedEvent::event).toList());
        assertThat(other.get(0).auditID()).isNotEqualTo(first.get(0).auditID());
    }

    @Test
    void theMixFollowsTheSharesAndEveryEventIsAValidUniqueAuditEventOfRealisticSize() {
        int count = 20_000;
        WorkloadGenerator generator = new WorkloadGenerator(WorkloadGenerator.DEFAULT_SEED, START, 1_000);
        Map<EventKind, Integer> kinds = new EnumMap<>(EventKind.class);
        Set<String> ids = new HashSet<>();
        int smallest = Integer.MAX_VALUE;
        int largest = 0;
        for (int i = 0; i < count; i++) {
            GeneratedEvent event = generator.next();
            kinds.merge(event.kind(), 1, Integer::sum);
            byte[] record = event.record("bench", START);
            smallest = Math.min(smallest, record.length);
            largest = Math.max(largest, record.length);
            Decoded<?> decoded = AuditRecordCodec.decode(record);
            assertThat(decoded.isOk()).as("event %d (%s) decodes: %s", i, event.kind(), decoded).isTrue();
            ids.add(event.auditID());
            assertThat(event.hitRule() != null).isEqualTo(event.kind().isRuleHit());
        }
        assertThat(ids).hasSize(count);
        for (EventKind kind : EventKind.values()) {
            assertThat(kinds.getOrDefault(kind, 0) / (double) count).as(kind.name())
                    .isCloseTo(kind.perTenThousand() / 10_000.0, within(0.01));
        }
        assertThat(smallest).isBetween(400, 700);
        assertThat(largest).isBetween(8_000, 20_480);
    }

    @Test
    void eventTimesFollowTheRateAndAMarkerIsAnAllowedAnonymousWrite() {
        WorkloadGenerator generator = new WorkloadGenerator(3, START, 500);
        List<GeneratedEvent> events = generator.next(3);
        GeneratedEvent marker = generator.marker("bench-marker-1", START);

        assertThat(events.get(2).event().path("requestReceivedTimestamp").asString())
                .isEqualTo(START.plusMillis(4).toString());
        AuditEvent event = AuditRecordCodec.decode(marker.record("bench", START)).value().event();
        assertThat(event.user().username()).isEqualTo("system:anonymous");
        assertThat(event.verb()).isEqualTo("create");
        assertThat(event.objectRef().name()).isEqualTo("bench-marker-1");
        assertThat(marker.evidenceId()).isEqualTo(marker.auditID() + "-ResponseComplete");
    }

    @Test
    void podWatchRecordsOfOnePodKeepItsIdentity() {
        PodWatchEvents pods = new PodWatchEvents("bench", 5);
        PodWatchEvents.WatchRecord added = pods.added(42, START, START.plusSeconds(5));
        PodWatchEvents.WatchRecord deleted = pods.deleted(42, START, START.plusSeconds(60));

        assertThat(deleted.key()).isEqualTo(added.key()).startsWith("bench/Pod/");
        assertThat(deleted.uid()).isEqualTo(added.uid());
        assertThat(new String(added.value())).contains("\"type\":\"ADDED\"", "\"startTime\":\"" + START + "\"");
        assertThat(pods.added(43, START, START).podName()).isNotEqualTo(added.podName());
    }
}

package dev.vigil.bench.jmh;

import dev.vigil.bench.workload.GeneratedEvent;
import dev.vigil.bench.workload.WorkloadGenerator;

import java.time.Instant;
import java.util.List;

/**
 * The records the micro-benchmarks measure on: the first events of the bench workload (fixed seed, 1 000 events/s
 * from 2026-11-23 10:00), each as {@code k8s.audit.events} holds it for cluster {@code bench}, so that every benchmark
 * of the decode and detection path sees the same bytes.
 */
final class WorkloadRecords {

    private WorkloadRecords() {
    }

    static byte[][] of(int count) {
        List<GeneratedEvent> events = new WorkloadGenerator(WorkloadGenerator.DEFAULT_SEED,
                Instant.parse("2026-11-23T10:00:00Z"), 1_000).next(count);
        Instant receivedAt = Instant.parse("2026-11-23T10:00:01Z");
        byte[][] records = new byte[count][];
        for (int i = 0; i < count; i++) {
            records[i] = events.get(i).record("bench", receivedAt);
        }
        return records;
    }
}

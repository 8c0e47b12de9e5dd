package dev.vigil.bench.jmh;

import dev.vigil.model.audit.AuditRecord;
import dev.vigil.model.audit.AuditRecordCodec;
import dev.vigil.streams.alerts.AlertCandidate;
import dev.vigil.streams.alerts.AlertFactory;
import dev.vigil.streams.redact.Redactor;
import dev.vigil.streams.rules.Detection;
import dev.vigil.streams.rules.RuleEngine;
import dev.vigil.streams.rules.RulesProperties;
import dev.vigil.streams.rules.StatefulDetection;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What the detection application pays per record to decode it: {@link AuditRecordCodec#decode} (every object built as
 * a tree) against {@link AuditRecordCodec#decodeLazily} (envelope only, objects kept as byte ranges), the lazy decode
 * with both objects then read (its worst case: every event read in full), and decode plus what detection does with
 * the record (the bundled rules, stateless and stateful, and the alert candidates of what fires — which reads the
 * objects of a firing event). One operation = one event of the realistic mix; time per operation in µs.
 * <p>
 * The machine is shared, so wall time per operation is only as good as the load allows; the secondary results
 * {@code cpuNanos} and {@code cpuEvents} give this thread's CPU time over that many events (sampled every
 * {@value Cpu#EVERY} events), whose quotient is the CPU time per event, robust to other processes.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class LazyDecodeBenchmark {

    private static final int EVENTS = 2_048;

    private byte[][] records;
    private RuleEngine engine;
    private AlertFactory alerts;
    private int next;

    @Setup
    public void generate() {
        records = WorkloadRecords.of(EVENTS);
        int withObjects = 0;
        for (int i = 0; i < EVENTS; i++) {
            withObjects += AuditRecordCodec.decodeLazily(records[i]).value().objects() != null ? 1 : 0;
        }
        engine = RuleEngine.load(RulesProperties.defaults());
        alerts = new AlertFactory(Redactor.withDefaults(), Clock.systemUTC(), Duration.ofMinutes(10));
        System.err.printf("%n%d of %d events carry a request or response object%n", withObjects, EVENTS);
    }

    /** This thread's CPU time per event, read every {@value #EVERY} events (reading it costs about a microsecond). */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Cpu {
        static final int EVERY = 256;
        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

        public long cpuNanos;
        public long cpuEvents;
        private long start;
        private int count;

        @Setup(Level.Iteration)
        public void reset() {
            cpuNanos = 0;
            cpuEvents = 0;
            count = 0;
            start = THREADS.getCurrentThreadCpuTime();
        }

        void tick() {
            if (++count == EVERY) {
                long now = THREADS.getCurrentThreadCpuTime();
                cpuNanos += now - start;
                cpuEvents += EVERY;
                start = now;
                count = 0;
            }
        }
    }

    private byte[] record() {
        int i = next;
        next = (i + 1) & (EVENTS - 1);
        return records[i];
    }

    @Benchmark
    public AuditRecord decodeFull(Cpu cpu) {
        cpu.tick();
        return AuditRecordCodec.decode(record()).value();
    }

    @Benchmark
    public AuditRecord decodeLazy(Cpu cpu) {
        cpu.tick();
        return AuditRecordCodec.decodeLazily(record()).value();
    }

    @Benchmark
    public AuditRecord decodeLazyThenReadObjects(Cpu cpu) {
        cpu.tick();
        return AuditRecordCodec.decodeLazily(record()).value().whole();
    }

    @Benchmark
    public void detectFull(Blackhole sink, Cpu cpu) {
        cpu.tick();
        detect(AuditRecordCodec.decode(record()).value(), sink);
    }

    @Benchmark
    public void detectLazy(Blackhole sink, Cpu cpu) {
        cpu.tick();
        detect(AuditRecordCodec.decodeLazily(record()).value(), sink);
    }

    private void detect(AuditRecord record, Blackhole sink) {
        List<Detection> detections = engine.evaluate(record);
        List<AlertCandidate> candidates = alerts.candidates(detections);
        List<StatefulDetection> stateful = engine.evaluateStateful(record);
        sink.consume(candidates);
        sink.consume(stateful);
        if (!stateful.isEmpty()) {
            sink.consume(alerts.redact(record.whole().event())); // as the stateful hits do
        }
    }
}

package dev.vigil.bench.jmh;

import dev.vigil.model.audit.AuditRecordCodec;
import dev.vigil.model.audit.RequestSummary;
import dev.vigil.model.audit.RequestSummaryReader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * What the detection screen pays to learn an event's {@link RequestSummary}: {@link RequestSummaryReader} straight
 * from the record's bytes against {@link AuditRecordCodec#decodeLazily} (what detection decodes every record with
 * today) and the summary taken from its event. One operation = one record of the bench workload; ns per operation,
 * and this thread's CPU time per record as {@code cpuNanos / cpuEvents} (robust to other processes, see
 * {@link LazyDecodeBenchmark.Cpu}).
 * The setup checks that both give the same summary for every record and prints how often the reader is unsure.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class RequestSummaryBenchmark {

    private static final int EVENTS = 2_048;

    private byte[][] records;
    private int next;

    @Setup
    public void generate() {
        records = WorkloadRecords.of(EVENTS);
        long bytes = 0;
        int unsure = 0;
        int podFree = 0;
        for (int i = 0; i < EVENTS; i++) {
            bytes += records[i].length;
            RequestSummary read = RequestSummaryReader.read(records[i]);
            RequestSummary decoded = RequestSummary.of(AuditRecordCodec.decodeLazily(records[i]).value().event());
            if (read == null) {
                unsure++;
            } else if (!read.withMayHoldPod(true).equals(decoded)) { // the decoded summary does not know the objects
                throw new IllegalStateException("the reader disagrees with the decoder on record " + i);
            } else if (!read.mayHoldPod()) {
                podFree++;
            }
        }
        System.err.printf("%n%d records of %d bytes on average; the reader is unsure of %d, reads %d as pod-free%n",
                EVENTS, bytes / EVENTS, unsure, podFree);
    }

    private byte[] record() {
        int i = next;
        next = (i + 1) & (EVENTS - 1);
        return records[i];
    }

    @Benchmark
    public RequestSummary readSummary(LazyDecodeBenchmark.Cpu cpu) {
        cpu.tick();
        return RequestSummaryReader.read(record());
    }

    @Benchmark
    public RequestSummary decodeLazilyThenSummary(LazyDecodeBenchmark.Cpu cpu) {
        cpu.tick();
        return RequestSummary.of(AuditRecordCodec.decodeLazily(record()).value().event());
    }
}

package dev.vigil.bench.jmh;

import dev.vigil.bench.measure.BatchPool;
import dev.vigil.bench.workload.WorkloadGenerator;
import dev.vigil.model.audit.AuditFileReader;
import dev.vigil.model.audit.AuditRecordCodec;
import dev.vigil.model.audit.ItemSummary;
import dev.vigil.model.audit.Utf8ItemReader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;

/**
 * The webhook's JSON work per event, without HTTP and Kafka: one 400-event {@code EventList} body of the bench's
 * workload split into items, each checked and made into its record value. {@code tokenPath} is the path before issue
 * 18's byte reader (the document reader's characters, {@link ItemSummary} over each item's text,
 * {@link AuditRecordCodec#encodeText}); {@code bytePath} is {@link Utf8ItemReader}'s single pass over the bytes.
 * One operation = one event.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class WebhookItemsBenchmark {

    private static final int BATCHES = 8;
    private static final Instant RECEIVED_AT = Instant.parse("2026-12-03T10:00:01Z");

    /** The most bytes one read of the body returns (0: all it asks for), as a socket hands a request body over. */
    @Param({"0", "8192", "1460"})
    public int readSize;

    private byte[][] bodies;
    private byte[] envelope;
    private int next;

    /**
     * The bodies: {@code jmh} 8 batches of a generator at 1 000 events/s; {@code bench} the webhook line's own pool
     * ({@code ServiceRuns.webhook}: 50 batches of the generator {@code bench/run} makes, 2 000 events/s).
     */
    @Param({"jmh", "bench"})
    public String pool;

    @Setup
    public void generate() {
        boolean bench = pool.equals("bench");
        int batches = bench ? 50 : BATCHES;
        BatchPool generated = BatchPool.generate(new WorkloadGenerator(WorkloadGenerator.DEFAULT_SEED,
                bench ? Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(1, ChronoUnit.HOURS)
                        : Instant.parse("2026-12-03T10:00:00Z"), bench ? 2_000 : 1_000), batches, "bench");
        bodies = new byte[batches][];
        for (int i = 0; i < batches; i++) {
            bodies[i] = generated.get(i).eventList();
        }
        envelope = AuditRecordCodec.envelope("bench", RECEIVED_AT);
    }

    private InputStream body() {
        int i = next;
        next = (i + 1) % bodies.length;
        return readSize == 0 ? new ByteArrayInputStream(bodies[i]) : new ByteArrayInputStream(bodies[i]) {
            @Override
            public synchronized int read(byte[] buffer, int offset, int length) {
                return super.read(buffer, offset, Math.min(length, readSize));
            }
        };
    }

    @Benchmark
    @OperationsPerInvocation(BatchPool.BATCH_SIZE)
    public long tokenPath() throws IOException {
        long bytes = 0;
        try (AuditFileReader reader = AuditFileReader.deferred(body(), "bench",
                AuditFileReader.DEFAULT_MAX_ITEM_CHARS)) {
            while (reader.hasNext()) {
                String text = reader.next().text();
                ItemSummary summary = ItemSummary.read(text);
                if (summary == null || summary.auditID() == null) {
                    throw new IllegalStateException("the bench's events are plain: " + text);
                }
                bytes += AuditRecordCodec.encodeText(text, "bench", RECEIVED_AT).length;
            }
        }
        return bytes;
    }

    @Benchmark
    @OperationsPerInvocation(BatchPool.BATCH_SIZE)
    public long bytePath() throws IOException {
        long bytes = 0;
        try (Utf8ItemReader reader = Utf8ItemReader.open(body(), "bench",
                AuditFileReader.DEFAULT_MAX_ITEM_CHARS, envelope)) {
            while (reader.hasNext()) {
                Utf8ItemReader.Next item = reader.next();
                if (item.event() == null) {
                    throw new IllegalStateException("the bench's events are plain: " + item.item().text());
                }
                bytes += item.event().value().length;
            }
        }
        return bytes;
    }
}

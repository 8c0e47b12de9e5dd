package dev.vigil.bench.jmh;

import dev.vigil.bench.workload.GeneratedEvent;
import dev.vigil.bench.workload.WorkloadGenerator;
import dev.vigil.model.audit.AuditEvent;
import dev.vigil.model.audit.AuditEventParser;
import dev.vigil.model.audit.AuditRecord;
import dev.vigil.model.audit.AuditRecordCodec;
import dev.vigil.model.json.Decoded;
import dev.vigil.model.json.VigilJson;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The JSON work every audit event costs: tree parse alone (the floor), {@link AuditEventParser} on text,
 * {@link AuditRecordCodec#decode} of the Kafka value (what {@code streams} does per record) and
 * {@link AuditRecordCodec#encode} (what ingest does). One operation = one event of the realistic mix.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class ParserBenchmark {

    private static final int EVENTS = 2_048;

    private String[] texts;
    private byte[][] records;
    private ObjectNode[] trees;
    private int next;

    @Setup
    public void generate() {
        List<GeneratedEvent> events = new WorkloadGenerator(WorkloadGenerator.DEFAULT_SEED,
                Instant.parse("2026-11-23T10:00:00Z"), 1_000).next(EVENTS);
        texts = new String[EVENTS];
        records = new byte[EVENTS][];
        trees = new ObjectNode[EVENTS];
        Instant receivedAt = Instant.parse("2026-11-23T10:00:01Z");
        for (int i = 0; i < EVENTS; i++) {
            trees[i] = events.get(i).event();
            texts[i] = VigilJson.write(trees[i]);
            records[i] = events.get(i).record("bench", receivedAt);
        }
    }

    private int index() {
        int i = next;
        next = (i + 1) & (EVENTS - 1);
        return i;
    }

    @Benchmark
    public JsonNode readTreeOnly() {
        return VigilJson.mapper().readTree(texts[index()]);
    }

    @Benchmark
    public Decoded<AuditEvent> parseText() {
        return AuditEventParser.parse(texts[index()]);
    }

    @Benchmark
    public Decoded<AuditRecord> decodeRecord() {
        return AuditRecordCodec.decode(records[index()]);
    }

    @Benchmark
    public byte[] encodeRecord() {
        return AuditRecordCodec.encode(trees[index()], "bench", Instant.EPOCH);
    }

    @Benchmark
    public String utf8Only() {
        return new String(records[index()], StandardCharsets.UTF_8);
    }
}

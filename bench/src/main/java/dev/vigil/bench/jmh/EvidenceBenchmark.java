package dev.vigil.bench.jmh;

import dev.vigil.model.audit.AuditEvent;
import dev.vigil.model.audit.AuditRecord;
import dev.vigil.model.audit.AuditRecordCodec;
import dev.vigil.model.evidence.Evidence;
import dev.vigil.model.kafka.JsonSerde;
import dev.vigil.streams.evidence.EvidenceDocument;
import dev.vigil.streams.evidence.EvidenceMapper;
import dev.vigil.streams.evidence.EvidenceTopology;
import dev.vigil.streams.kafka.TopicSpec;
import dev.vigil.streams.redact.Redactor;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
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
 * What the evidence application pays per record outside Kafka Streams: the full decode, the redaction, the mapping
 * to the evidence document and its serialisation, each alone and all together ({@code evidence}); the
 * {@code *Streaming} ones decode as the evidence application does since issue 18
 * ({@link AuditRecordCodec#decodeStreaming}). One operation =
 * one event of the realistic mix; the secondary results {@code cpuNanos}/{@code cpuEvents} give this thread's CPU
 * time per event (see {@link LazyDecodeBenchmark}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class EvidenceBenchmark {

    private static final int EVENTS = 2_048;

    private byte[][] records;
    private AuditRecord[] decoded;
    private Evidence[] documents;
    private final Redactor redactor = Redactor.withDefaults();
    private EvidenceMapper mapper;
    /** What {@code vigil.evidence} is written with: {@link EvidenceTopology#serde}. */
    private final Serializer<Evidence> serializer = EvidenceTopology.serde(new TopicSpec<>("vigil.evidence",
            Serdes.String(), JsonSerde.of(Evidence.class))).serializer();
    private final Serializer<EvidenceDocument> documentSerializer = EvidenceTopology.documentSerde(new TopicSpec<>(
            "vigil.evidence", Serdes.String(), JsonSerde.of(Evidence.class))).serializer();
    /** The topic's generic serde (bean serialisers), as before issue 18. */
    private final Serializer<Evidence> jsonSerde = JsonSerde.of(Evidence.class).serializer();
    private int next;

    @Setup
    public void generate() {
        mapper = new EvidenceMapper(redactor);
        records = WorkloadRecords.of(EVENTS);
        decoded = new AuditRecord[EVENTS];
        documents = new Evidence[EVENTS];
        for (int i = 0; i < EVENTS; i++) {
            decoded[i] = AuditRecordCodec.decode(records[i]).value();
            documents[i] = mapper.evidence(decoded[i]);
        }
    }

    private int index() {
        int i = next;
        next = (i + 1) & (EVENTS - 1);
        return i;
    }

    @Benchmark
    public byte[] evidence(LazyDecodeBenchmark.Cpu cpu) {
        cpu.tick();
        return serializer.serialize("vigil.evidence", mapper.evidence(AuditRecordCodec.decode(records[index()]).value()));
    }

    /** {@link #evidence} as the evidence application decodes now (issue 18). */
    @Benchmark
    public byte[] evidenceStreaming(LazyDecodeBenchmark.Cpu cpu) {
        cpu.tick();
        return serializer.serialize("vigil.evidence", mapper.evidence(AuditRecordCodec.decodeStreaming(records[index()]).value()));
    }

    /**
     * {@link #evidence} as the evidence application decodes and writes since deliverable 2 of issue 18: objects the
     * redactor would leave unchanged (its {@link Redactor#objectCheck()}) go into the document as their bytes.
     */
    @Benchmark
    public byte[] evidenceChecked(LazyDecodeBenchmark.Cpu cpu) {
        cpu.tick();
        return documentSerializer.serialize("vigil.evidence", mapper.document(
                AuditRecordCodec.decodeChecked(records[index()], redactor.objectCheck()).value()));
    }

    @Benchmark
    public AuditRecord decodeChecked(LazyDecodeBenchmark.Cpu cpu) {
        cpu.tick();
        return AuditRecordCodec.decodeChecked(records[index()], redactor.objectCheck()).value();
    }

    @Benchmark
    public AuditRecord decodeStreaming(LazyDecodeBenchmark.Cpu cpu) {
        cpu.tick();
        return AuditRecordCodec.decodeStreaming(records[index()]).value();
    }

    @Benchmark
    public AuditRecord decode(LazyDecodeBenchmark.Cpu cpu) {
        cpu.tick();
        return AuditRecordCodec.decode(records[index()]).value();
    }

    @Benchmark
    public AuditEvent redact(LazyDecodeBenchmark.Cpu cpu) {
        cpu.tick();
        return redactor.redact(decoded[index()].event()).event();
    }

    @Benchmark
    public Evidence map(LazyDecodeBenchmark.Cpu cpu) {
        cpu.tick();
        return mapper.evidence(decoded[index()]);
    }

    @Benchmark
    public byte[] serialize(LazyDecodeBenchmark.Cpu cpu) {
        cpu.tick();
        return serializer.serialize("vigil.evidence", documents[index()]);
    }

    @Benchmark
    public byte[] serializeJsonSerde(LazyDecodeBenchmark.Cpu cpu) {
        cpu.tick();
        return jsonSerde.serialize("vigil.evidence", documents[index()]);
    }
}

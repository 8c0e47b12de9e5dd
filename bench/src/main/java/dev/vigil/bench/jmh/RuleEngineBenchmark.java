package dev.vigil.bench.jmh;

import dev.vigil.bench.rules.RuleVariants;
import dev.vigil.bench.workload.GeneratedEvent;
import dev.vigil.bench.workload.WorkloadGenerator;
import dev.vigil.model.audit.AuditRecord;
import dev.vigil.model.audit.AuditRecordCodec;
import dev.vigil.streams.rules.Detection;
import dev.vigil.streams.rules.RuleEngine;
import dev.vigil.streams.rules.RulesProperties;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The rule engine alone on decoded events of the realistic mix: with the bundled rules, with the single rule that
 * matches every resource, and with 100 rules (bundled plus generated variants spread over resources, as
 * {@code bench/run} uses). One operation = one event evaluated against every candidate rule.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class RuleEngineBenchmark {

    private static final int EVENTS = 2_048;

    @Param({"bundled", "one", "hundred"})
    public String rules;

    private RuleEngine engine;
    private AuditRecord[] records;
    private int next;

    @Setup
    public void load() throws Exception {
        List<String> bundled = RuleVariants.bundledAuditRuleIds();
        engine = switch (rules) {
            case "one" -> {
                Set<String> others = new HashSet<>(bundled);
                others.remove("anonymous-admin-action");
                yield RuleEngine.load(new RulesProperties(null, null, null, others, null));
            }
            case "hundred" -> {
                Path folder = Files.createTempDirectory("vigil-jmh-rules");
                RuleVariants.write(folder, 100 - bundled.size());
                yield RuleEngine.load(RulesProperties.defaults(), List.of(folder));
            }
            default -> RuleEngine.load(RulesProperties.defaults());
        };
        List<GeneratedEvent> events = new WorkloadGenerator(WorkloadGenerator.DEFAULT_SEED,
                Instant.parse("2026-11-23T10:00:00Z"), 1_000).next(EVENTS);
        records = new AuditRecord[EVENTS];
        for (int i = 0; i < EVENTS; i++) {
            records[i] = AuditRecordCodec.decode(events.get(i).record("bench", Instant.EPOCH)).value();
        }
    }

    @Benchmark
    public List<Detection> evaluate() {
        int i = next;
        next = (i + 1) & (EVENTS - 1);
        return engine.evaluate(records[i]);
    }
}

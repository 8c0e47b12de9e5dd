package dev.vigil.bench;

import dev.vigil.bench.measure.AuditLoad;
import dev.vigil.bench.measure.RawConsumption;
import dev.vigil.bench.report.Figure;
import dev.vigil.bench.report.JsonResults;
import dev.vigil.bench.report.ResultTable;
import dev.vigil.bench.stack.BenchStack;
import dev.vigil.bench.workload.WorkloadGenerator;
import dev.vigil.model.kafka.Topics;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code bench/run}: starts the embedded stack in this JVM, loads a generated workload and measures Vigil against
 * baselines taken in the same run, then prints one table and writes it as JSON under {@code bench/results/}.
 */
@Command(name = "bench/run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measures Vigil on this machine against baselines of the same run (see docs/performance.md).",
                "Extra modes of the script: --jmh (JMH micro-benchmarks), --chaos (fault scenarios at 1 000 000 events)."})
public final class BenchMain implements Callable<Integer> {

    private static final Logger LOG = LogManager.getLogger(BenchMain.class);

    @Mixin
    private BenchOptions options = new BenchOptions();

    private final PrintStream out;

    BenchMain(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchMain(System.out)).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Instant startedAt = Instant.now();
        List<Figure> figures = new ArrayList<>();
        if (options.needsStack()) {
            stackFigures(startedAt, figures);
        }
        if (options.runs("noise")) {
            figures.addAll(NoiseRuns.run(options));
        }
        String table = ResultTable.render(figures);
        out.println();
        out.print(table);
        Path file = JsonResults.write(options.results, startedAt, options.asMap(), figures);
        out.println();
        out.println("Results written to " + file);
        return 0;
    }

    private void stackFigures(Instant startedAt, List<Figure> figures) throws Exception {
        Topics topics = Topics.defaults();
        try (BenchStack stack = BenchStack.start()) {
            Instant workloadStart = startedAt.truncatedTo(ChronoUnit.SECONDS).minus(1, ChronoUnit.HOURS);
            WorkloadGenerator generator = new WorkloadGenerator(options.seed, workloadStart, 2_000);
            Figure raw = null;
            if (options.needsLoad()) {
                AuditLoad load = AuditLoad.write(stack.kafkaSettings(), topics.audit(), generator, options.events);
                LOG.info("Loaded {} events ({} rule hits, {} bytes on average) in {} s", load.events(), load.hits(),
                        Math.round(load.meanBytes()), load.elapsedNanos() / 1_000_000_000);
                figures.add(Figure.of("workload: mean event size", load.meanBytes(), "bytes",
                        String.format(Locale.ROOT, "%,d events, %.2f %% rule hits, size p10 %,d / p50 %,d / p90 %,d"
                                        + " / p99 %,d / max %,d bytes, seed %d", load.events(),
                                100.0 * load.hits() / load.events(), load.sizePercentile(10), load.sizePercentile(50),
                                load.sizePercentile(90), load.sizePercentile(99), load.sizePercentile(100),
                                options.seed)));
                raw = RawConsumption.plain(stack.kafkaSettings(), topics.audit(), options.events, options.repeat);
                figures.add(raw.withTarget("physical limit"));
                figures.add(RawConsumption.decoding(stack.kafkaSettings(), topics.audit(), options.events,
                        options.repeat).against(raw, ""));
            }
            if (raw != null && (options.runs("topology") || options.runs("stateful") || options.runs("rules")
                    || options.runs("floor"))) {
                figures.addAll(TopologyRuns.run(stack, topics, options, raw));
            }
            if (options.runs("webhook")) {
                figures.addAll(ServiceRuns.webhook(stack, options, generator));
            }
            if (options.runs("latency")) {
                figures.addAll(ServiceRuns.latency(stack, options, generator));
            }
            if (options.runs("pods")) {
                figures.addAll(ServiceRuns.pods(stack, options));
            }
            if (options.runs("newterms")) {
                figures.addAll(ServiceRuns.newTerms(stack, options));
            }
        }
    }
}

package dev.vigil.bench;

import dev.vigil.bench.measure.TopologyThroughput;
import dev.vigil.bench.measure.TopologyThroughput.Applications;
import dev.vigil.bench.report.Figure;
import dev.vigil.bench.rules.RuleVariants;
import dev.vigil.bench.stack.BenchStack;
import dev.vigil.model.kafka.Topics;
import dev.vigil.streams.rules.DetectionEngine;
import dev.vigil.streams.rules.RuleEngine;
import dev.vigil.streams.rules.RulesProperties;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The topology measurements over the loaded audit topic: the {@code streams} role's detection application alone,
 * its evidence application alone and both together, each against raw consumption (part {@code topology}); the
 * detection application without the stateful rules (part {@code stateful}); and with one rule against 100 rules
 * (part {@code rules}); and the framework floor, Kafka Streams with the detection application's settings dropping
 * every record, without and with the lazy decode (part {@code floor}). With {@code --repeat N} the configurations take turns N times (so that a slow minute of the
 * shared machine does not hit one configuration only) and each line is the median run with min and max beside it.
 * Every run has its own application id and output topics.
 */
final class TopologyRuns {

    /** The single rule of the one-rule run: it matches every resource, so every event is evaluated once. */
    static final String SINGLE_RULE = "anonymous-admin-action";
    static final int MANY_RULES = 100;
    static final String DETECTION = "detection application alone, bundled rules";
    static final String EVIDENCE = "evidence application alone";
    static final String BOTH = "both applications (full topology), bundled rules";
    static final String NO_STATE = "detection application alone, no stateful rules";
    static final String ONE = "detection application alone, 1 rule";
    static final String MANY = "detection application alone, " + MANY_RULES + " rules";
    static final String MANY_VS_BUNDLED = MANY_RULES + " rules against the bundled rules alone (both without stateful)";
    static final String FLOOR = "Kafka Streams floor: source → filter dropping all";
    static final String FLOOR_DECODE = "Kafka Streams floor + decodeLazily";

    /** One measured configuration: which applications, with which rules. */
    private record Configuration(String key, String name, Applications which, DetectionEngine engine) {
    }

    private TopologyRuns() {
    }

    static List<Figure> run(BenchStack stack, Topics topics, BenchOptions options, Figure raw) throws Exception {
        Path work = Files.createTempDirectory("vigil-bench-streams");
        List<String> bundled = RuleVariants.bundledAuditRuleIds();
        Set<String> stateful = RuleVariants.bundledStatefulRuleIds();
        RuleEngine all = RuleEngine.load(RulesProperties.defaults());
        List<Configuration> configurations = new ArrayList<>();
        boolean topology = options.runs("topology");
        if (topology || options.runs("stateful")) {
            configurations.add(new Configuration("det", DETECTION, Applications.DETECTION, all));
        }
        if (topology) {
            configurations.add(new Configuration("evi", EVIDENCE, Applications.EVIDENCE, all));
            configurations.add(new Configuration("both", BOTH, Applications.BOTH, all));
        }
        if (options.runs("stateful")) {
            configurations.add(new Configuration("nostate", NO_STATE, Applications.DETECTION,
                    RuleEngine.load(new RulesProperties(null, null, null, stateful, null))));
        }
        if (options.runs("rules")) {
            Set<String> others = new HashSet<>(bundled);
            others.addAll(stateful);
            others.remove(SINGLE_RULE);
            configurations.add(new Configuration("one", ONE, Applications.DETECTION,
                    RuleEngine.load(new RulesProperties(null, null, null, others, null))));
            Path variants = RuleVariants.write(work.resolve("variants"), MANY_RULES - bundled.size());
            configurations.add(new Configuration("many", MANY, Applications.DETECTION,
                    RuleEngine.load(new RulesProperties(null, null, null, stateful, null), List.of(variants))));
        }
        if (options.runs("floor")) {
            configurations.add(new Configuration("floor", FLOOR, Applications.FLOOR, all));
            configurations.add(new Configuration("floordec", FLOOR_DECODE, Applications.FLOOR_DECODE, all));
        }
        warmUp(stack, topics, configurations, work);
        Map<String, List<Figure>> runs = new LinkedHashMap<>();
        int repeat = Math.max(1, options.repeat);
        for (int i = 0; i < repeat; i++) {
            for (Configuration configuration : configurations) {
                String run = configuration.key() + (repeat > 1 ? "-" + i : "");
                runs.computeIfAbsent(configuration.name(), name -> new ArrayList<>())
                        .add(once(stack, topics, configuration, run, work));
            }
        }
        String settings = TopologyThroughput.settingsNote();
        String rules = bundled.size() + " bundled audit rules and " + stateful.size() + " stateful rules";
        String of = repeat > 1 ? "median of " + repeat + " runs taking turns; " : "";
        Map<String, Figure> lines = new LinkedHashMap<>();
        lines.put(DETECTION, median(runs, DETECTION, of + rules + "; " + settings));
        lines.put(EVIDENCE, median(runs, EVIDENCE, of + "redaction and evidence documents, no rules"));
        lines.put(BOTH, median(runs, BOTH, of + rules + ", the role as it runs"));
        lines.put(NO_STATE, median(runs, NO_STATE, of + bundled.size() + " bundled audit rules, the "
                + stateful.size() + " stateful ones disabled (their steps, repartition and stores left out)"));
        lines.put(ONE, median(runs, ONE, of + SINGLE_RULE + " only (matches every resource)"));
        lines.put(MANY, median(runs, MANY, of + bundled.size() + " bundled + " + (MANY_RULES - bundled.size())
                + " generated variants (matches spread over 24 resources, every 10th kept), stateful rules disabled"));
        lines.put(FLOOR, median(runs, FLOOR, of + "not Vigil: the detection application's settings and serdes,"
                + " every record dropped by one filter, no sink; the rate spans few commits, CPU per event is the figure"));
        lines.put(FLOOR_DECODE, median(runs, FLOOR_DECODE, of + "the floor plus AuditRecordCodec.decodeLazily of every"
                + " value in the filter"));
        List<Figure> figures = new ArrayList<>();
        add(figures, lines.get(FLOOR), raw, "");
        add(figures, lines.get(FLOOR_DECODE), raw, "");
        add(figures, lines.get(DETECTION), raw, ">= 0.5");
        add(figures, lines.get(EVIDENCE), raw, "");
        add(figures, lines.get(BOTH), raw, ">= 0.2");
        if (lines.get(NO_STATE) != null) {
            add(figures, lines.get(NO_STATE), raw, "");
            figures.add(withCpuRatio(lines.get(DETECTION).named("stateful rules' cost: detection with / without them"),
                    lines.get(NO_STATE)).against(lines.get(NO_STATE), ">= 0.8"));
        }
        add(figures, lines.get(ONE), raw, "");
        if (lines.get(MANY) != null) {
            figures.add(withCpuRatio(lines.get(MANY), lines.get(ONE)).against(lines.get(ONE), ">= 0.8"));
            if (lines.get(NO_STATE) != null) {
                // What adding rules costs: the same bundled pack with and without the generated variants (the 1-rule
                // baseline above also measures the bundled rules' own work on the workload, not their number).
                figures.add(withCpuRatio(lines.get(MANY).named(MANY_VS_BUNDLED), lines.get(NO_STATE))
                        .against(lines.get(NO_STATE), ""));
            }
        }
        return figures;
    }

    /**
     * Adds the ratio of CPU per event (baseline's / this one's) to the note: on a busy shared machine the rates of two
     * configurations move apart by chance, the CPU each event costs much less.
     */
    private static Figure withCpuRatio(Figure figure, Figure baseline) {
        String ratio = String.format(java.util.Locale.ROOT, "; by CPU per event %.1f / %.1f µs = %.2f",
                baseline.cpuMicros(), figure.cpuMicros(), baseline.cpuMicros() / figure.cpuMicros());
        return new Figure(figure.name(), figure.value(), figure.unit(), figure.baseline(), figure.ratio(),
                figure.target(), figure.note() + ratio, figure.cpuMicros(), figure.spread());
    }

    private static Figure median(Map<String, List<Figure>> runs, String name, String note) {
        List<Figure> measured = runs.get(name);
        return measured == null ? null : Figure.median(measured, note);
    }

    private static void add(List<Figure> figures, Figure figure, Figure baseline, String target) {
        if (figure != null) {
            figures.add(figure.against(baseline, target));
        }
    }

    /**
     * Untimed runs over the measured audit topic first: the whole topology (both applications, every bundled rule),
     * then each configuration once as it will be measured, so that no configuration pays for class loading, JIT
     * compilation or its first start alone. With the former warm-up (20 000 other events, both applications) the
     * first configuration measured, the detection application with the stateful rules, cost 24-28 µs per event
     * against 17-21 µs taking its later turns (200 000 events), and with one whole-topology run over the measured topic
     * still 23-24 µs: the stateful rules' ratio (0.61-0.64 in one run) measured mostly that order.
     */
    private static void warmUp(BenchStack stack, Topics topics, List<Configuration> configurations, Path work)
            throws Exception {
        once(stack, topics, new Configuration("warmup", "warm-up", Applications.BOTH,
                RuleEngine.load(RulesProperties.defaults())), "warmup", work);
        for (Configuration configuration : configurations) {
            once(stack, topics, configuration, "warmup-" + configuration.key(), work);
        }
    }

    private static Figure once(BenchStack stack, Topics input, Configuration configuration, String run, Path work)
            throws Exception {
        Topics topics = new Topics(input.audit(), input.watch(), "bench." + run + ".alerts",
                "bench." + run + ".evidence", "bench." + run + ".dlq");
        stack.createTopics(Map.of(topics.alerts(), 1, topics.evidence(), BenchStack.AUDIT_PARTITIONS,
                topics.dlq(), 1));
        return TopologyThroughput.measure(configuration.name(), stack.kafkaSettings(), topics, configuration.engine(),
                configuration.which(), "bench-" + run, work.resolve(run));
    }
}

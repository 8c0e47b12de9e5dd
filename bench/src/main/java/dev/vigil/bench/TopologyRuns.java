package dev.vigil.bench;

import dev.vigil.bench.measure.AuditLoad;
import dev.vigil.bench.measure.TopologyThroughput;
import dev.vigil.bench.report.Figure;
import dev.vigil.bench.rules.RuleVariants;
import dev.vigil.bench.stack.BenchStack;
import dev.vigil.bench.workload.WorkloadGenerator;
import dev.vigil.model.kafka.Topics;
import dev.vigil.streams.rules.RuleEngine;
import dev.vigil.streams.rules.RulesProperties;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The topology measurements: the whole role with the bundled rules against raw consumption, the same without the
 * stateful rules (their cost: windows, sequences, baselines and the extra repartition), then with one rule and with
 * 100 per-event rules against each other. Each run has its own application id and output topics.
 */
final class TopologyRuns {

    /** The single rule of the one-rule run: it matches every resource, so every event is evaluated once. */
    static final String SINGLE_RULE = "anonymous-admin-action";
    static final int MANY_RULES = 100;
    static final int WARM_UP_EVENTS = 20_000;

    private TopologyRuns() {
    }

    static List<Figure> run(BenchStack stack, Topics topics, BenchOptions options, Figure raw) throws Exception {
        List<Figure> figures = new ArrayList<>();
        Path work = Files.createTempDirectory("vigil-bench-streams");
        List<String> bundled = RuleVariants.bundledAuditRuleIds();
        Set<String> stateful = RuleVariants.bundledStatefulRuleIds();
        warmUp(stack, topics, work);
        Figure full = null;
        if (options.runs("topology") || options.runs("stateful")) {
            RuleEngine engine = RuleEngine.load(RulesProperties.defaults());
            full = best(stack, topics, options, "full topology, bundled rules", engine, "bundled", work,
                    bundled.size() + " bundled audit rules and " + stateful.size() + " stateful rules, "
                            + TopologyThroughput.settingsNote());
            figures.add(full.against(raw, ">= 0.5"));
        }
        if (options.runs("stateful")) {
            RuleEngine perEvent = RuleEngine.load(new RulesProperties(null, null, null, stateful, null));
            Figure without = best(stack, topics, options, "full topology, no stateful rules", perEvent, "nostate",
                    work, bundled.size() + " bundled audit rules, the " + stateful.size() + " stateful ones disabled");
            figures.add(without);
            figures.add(full.against(without, ">= 0.8"));
        }
        if (options.runs("rules")) {
            Set<String> others = new HashSet<>(bundled);
            others.addAll(stateful);
            others.remove(SINGLE_RULE);
            RuleEngine one = RuleEngine.load(new RulesProperties(null, null, null, others, null));
            Figure single = best(stack, topics, options, "full topology, 1 rule", one, "one", work,
                    SINGLE_RULE + " only (matches every resource)");
            figures.add(single.against(raw, ""));
            Path variants = work.resolve("variants");
            RuleVariants.write(variants, MANY_RULES - bundled.size());
            RuleEngine many = RuleEngine.load(new RulesProperties(null, null, null, stateful, null),
                    List.of(variants));
            figures.add(best(stack, topics, options, "full topology, " + MANY_RULES + " rules", many, "many", work,
                    bundled.size() + " bundled + " + (MANY_RULES - bundled.size())
                            + " generated variants (matches spread over 24 resources, every 10th kept)")
                    .against(single, ">= 0.8"));
        }
        return figures;
    }

    /**
     * One untimed run of the whole topology over a small topic first, so that the first measured run does not pay
     * for class loading and JIT compilation alone.
     */
    private static void warmUp(BenchStack stack, Topics topics, Path work) throws Exception {
        String warmTopic = "bench.warmup.audit";
        stack.createTopics(Map.of(warmTopic, BenchStack.AUDIT_PARTITIONS));
        AuditLoad.write(stack.kafkaSettings(), warmTopic,
                new WorkloadGenerator(7, Instant.now().minusSeconds(7200), 2_000),
                WARM_UP_EVENTS);
        Topics warm = new Topics(warmTopic, topics.watch(), topics.alerts(), topics.evidence(), topics.dlq());
        once(stack, warm, "warm-up", RuleEngine.load(RulesProperties.defaults()), "warmup", work, "");
    }

    /** The fastest of {@code --repeat} runs, each under its own application id and output topics. */
    private static Figure best(BenchStack stack, Topics input, BenchOptions options, String name, RuleEngine engine,
                               String run, Path work, String note) throws Exception {
        Figure best = null;
        for (int i = 0; i < Math.max(1, options.repeat); i++) {
            String suffix = options.repeat > 1 ? "-" + i : "";
            Figure figure = once(stack, input, name, engine, run + suffix, work,
                    note + (options.repeat > 1 ? ", fastest of " + options.repeat : ""));
            if (best == null || figure.value() > best.value()) {
                best = figure;
            }
        }
        return best;
    }

    private static Figure once(BenchStack stack, Topics input, String name, RuleEngine engine, String run, Path work,
                               String note) throws Exception {
        Topics topics = new Topics(input.audit(), input.watch(), "bench." + run + ".alerts",
                "bench." + run + ".evidence", "bench." + run + ".dlq");
        stack.createTopics(Map.of(topics.alerts(), 1, topics.evidence(), BenchStack.AUDIT_PARTITIONS,
                topics.dlq(), 1));
        return TopologyThroughput.measure(name, stack.kafkaSettings(), topics, engine, "bench-" + run,
                work.resolve(run), note);
    }
}

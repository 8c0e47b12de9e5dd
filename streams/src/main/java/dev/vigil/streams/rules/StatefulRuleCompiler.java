package dev.vigil.streams.rules;

import dev.vigil.model.rule.RuleMeta;
import dev.vigil.streams.rules.cel.CelCompileException;
import dev.vigil.streams.rules.cel.CelRuleEnvironment;
import dev.vigil.streams.rules.cel.CompiledExpression;
import dev.vigil.streams.rules.file.RuleSpec;
import dev.vigil.streams.rules.file.StepSpec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Compiles {@code kind: threshold|sequence|new_terms} rules: each step through the {@link RuleCompiler} like an
 * audit rule, the key and value expressions, and the parameters ({@code params}, already overridden by
 * configuration) checked and typed. Problems go to the same list as the audit rules'.
 */
final class StatefulRuleCompiler {

    static final int DEFAULT_MAX_TERMS = 1000;

    private final RuleCompiler compiler;
    private final List<RuleProblem> problems;

    StatefulRuleCompiler(RuleCompiler compiler) {
        this.compiler = compiler;
        this.problems = compiler.problems();
    }

    CompiledStatefulRule compile(RuleSet.SourcedRule sourced, RuleMeta meta) {
        RuleSpec spec = sourced.spec();
        String file = sourced.location().name();
        int before = problems.size();
        StatefulKind kind = StatefulKind.of(spec.kind()).orElse(null);
        if (kind == null) {
            problem(file, spec.id(), "kind", "must be threshold, sequence or new_terms, not " + spec.kind());
            return null;
        }
        if (meta == null) {
            return null;
        }
        Params params = new Params(file, spec);
        List<CompiledStatefulRule.Step> steps = new ArrayList<>();
        StatefulRule rule = switch (kind) {
            case THRESHOLD -> {
                if (spec.threshold() == null || spec.threshold().key().isEmpty()) {
                    problem(file, spec.id(), "threshold.key", "missing: say what the count is kept per");
                    yield null;
                }
                CompiledRule counted = compiler.compile(sourced(sourced, spec.keyedBy(spec.threshold().key())), meta);
                String distinct = spec.threshold().distinct();
                List<CompiledExpression> values = distinct == null ? List.of()
                        : values(file, spec.id(), "threshold.distinct", List.of(distinct));
                if (counted != null) {
                    steps.add(new CompiledStatefulRule.Step(0, counted, null, values, false));
                }
                yield new StatefulRule(meta, kind, params.count("threshold"), params.duration("window", null),
                        null, null, null, params.duration("grace", Duration.ZERO), 0, distinct != null, List.of());
            }
            case NEW_TERMS -> {
                if (spec.newTerms() == null || spec.newTerms().key().isEmpty() || spec.newTerms().terms().isEmpty()) {
                    problem(file, spec.id(), "new_terms", "give key and terms");
                    yield null;
                }
                CompiledRule seen = compiler.compile(sourced(sourced, spec.keyedBy(spec.newTerms().key())), meta);
                List<CompiledExpression> terms = values(file, spec.id(), "new_terms.terms", spec.newTerms().terms());
                if (seen != null) {
                    steps.add(new CompiledStatefulRule.Step(0, seen, null, terms, Boolean.TRUE.equals(spec.newTerms().each())));
                }
                yield new StatefulRule(meta, kind, 0, null, null, params.duration("history", null),
                        params.duration("learning", Duration.ZERO), params.duration("grace", Duration.ZERO),
                        (int) params.count("max_terms", DEFAULT_MAX_TERMS), false, List.of());
            }
            case SEQUENCE -> {
                if (spec.sequence() == null || spec.sequence().steps().size() != 2) {
                    problem(file, spec.id(), "sequence.steps", "give exactly two steps");
                    yield null;
                }
                List<String> names = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    StepSpec step = spec.sequence().steps().get(i);
                    String where = "sequence.steps[" + i + "]";
                    if (step.key() == null || step.key().isBlank()) {
                        problem(file, spec.id(), where + ".key", "missing: the join key of the step");
                        continue;
                    }
                    names.add(step.name() == null ? "step" + (i + 1) : step.name());
                    CompiledRule compiled = compiler.compile(sourced(sourced, spec.step(step)), meta);
                    List<CompiledExpression> key = values(file, spec.id(), where + ".key", List.of(step.key()));
                    if (compiled != null && key.size() == 1) {
                        steps.add(new CompiledStatefulRule.Step(i, compiled, key.get(0), List.of(), false));
                    }
                }
                yield new StatefulRule(meta, kind, 0, null, params.duration("within", null), null, null,
                        params.duration("grace", Duration.ZERO), 0, false, names);
            }
        };
        if (problems.size() > before || rule == null) {
            return null;
        }
        return new CompiledStatefulRule(rule, steps);
    }

    private static RuleSet.SourcedRule sourced(RuleSet.SourcedRule rule, RuleSpec spec) {
        return new RuleSet.SourcedRule(spec, rule.ruleset(), rule.version(), rule.location());
    }

    private List<CompiledExpression> values(String file, String id, String where, List<String> texts) {
        List<CompiledExpression> compiled = new ArrayList<>();
        CelRuleEnvironment environment = compiler.environment(file);
        for (int i = 0; i < texts.size(); i++) {
            try {
                compiled.add(environment.compileValue(texts.get(i)));
            } catch (CelCompileException e) {
                String at = texts.size() == 1 ? where : where + "[" + i + "]";
                problem(file, id, e.position() == null || e.position().isEmpty() ? at : at + " " + e.position(),
                        e.getMessage());
            }
        }
        return compiled;
    }

    private void problem(String file, String id, String where, String message) {
        problems.add(new RuleProblem(file, id, where, message));
    }

    /** The rule's {@code params}, typed; a missing required or malformed one is a problem. */
    private final class Params {
        private final String file;
        private final String id;
        private final Map<String, Object> values;

        Params(String file, RuleSpec spec) {
            this.file = file;
            this.id = spec.id();
            this.values = spec.params();
        }

        Duration duration(String name, Duration fallback) {
            Object value = values.get(name);
            if (value == null) {
                if (fallback == null) {
                    problem(file, id, "params." + name, "missing");
                    return Duration.ofMinutes(1);
                }
                return fallback;
            }
            try {
                Duration parsed = Durations.parse(String.valueOf(value));
                if (parsed.isNegative() || parsed.isZero() && fallback == null) {
                    problem(file, id, "params." + name, "must be positive, not " + value);
                }
                return parsed;
            } catch (IllegalArgumentException e) {
                problem(file, id, "params." + name, e.getMessage());
                return Duration.ofMinutes(1);
            }
        }

        long count(String name) {
            return count(name, -1);
        }

        long count(String name, long fallback) {
            Object value = values.get(name);
            if (value == null && fallback > 0) {
                return fallback;
            }
            try {
                long parsed = Long.parseLong(String.valueOf(value).strip());
                if (parsed > 0 && parsed <= Integer.MAX_VALUE) {
                    return parsed;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            problem(file, id, "params." + name, value == null ? "missing" : "must be a positive whole number, not "
                    + value);
            return 1;
        }
    }
}

package dev.vigil.streams.rules;

import dev.vigil.model.rule.RuleMeta;
import dev.vigil.streams.rules.cel.CelCompileException;
import dev.vigil.streams.rules.cel.CelRuleEnvironment;
import dev.vigil.streams.rules.cel.CompiledExpression;
import dev.vigil.streams.rules.cel.MessageTemplate;
import dev.vigil.streams.rules.file.DedupSpec;
import dev.vigil.streams.rules.file.RuleSpec;
import dev.vigil.streams.rules.file.SeverityOverride;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns the merged rule specs into {@link CompiledRule}s: checks the required keys, compiles every CEL
 * expression once, and reports each problem with file, rule id, part and position.
 */
final class RuleCompiler {

    static final Duration DEFAULT_WINDOW = Duration.ofHours(1);
    static final List<String> DEFAULT_DEDUP_KEY = List.of("user.username", "k8s.target(objectRef, path)");
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]*");

    private final CelRuleEnvironment environment;
    private final Set<String> lists;
    private final List<RuleProblem> problems = new ArrayList<>();

    RuleCompiler(CelRuleEnvironment environment, Set<String> lists) {
        this.environment = environment;
        this.lists = lists;
    }

    List<RuleProblem> problems() {
        return problems;
    }

    /** Metadata of any rule (audit or watch); null when the rule has problems. */
    RuleMeta meta(RuleSet.SourcedRule sourced) {
        RuleSpec spec = sourced.spec();
        String file = sourced.location().name();
        int before = problems.size();
        if (!ID.matcher(spec.id()).matches()) {
            problem(file, spec.id(), "id", "use lower-case letters, digits and '-'");
        }
        if (blank(spec.name())) {
            problem(file, spec.id(), "name", "missing");
        }
        if (blank(spec.description())) {
            problem(file, spec.id(), "description", "missing (say what fires and how to tune it)");
        }
        if (spec.severity() == null) {
            problem(file, spec.id(), "severity", "missing (critical, high, medium, low or info)");
        }
        if (!spec.isWatch() && !RuleSpec.AUDIT.equals(spec.source())) {
            problem(file, spec.id(), "source", "must be audit or watch, not " + spec.source());
        }
        Duration window = window(file, spec);
        if (problems.size() > before) {
            return null;
        }
        return new RuleMeta(spec.id(), spec.name(), spec.description().strip(), sourced.version(), sourced.ruleset(),
                spec.severity(), spec.bsi(), spec.mitre(), spec.category(), window);
    }

    /** The compiled audit rule, or null (with problems recorded). */
    CompiledRule compile(RuleSet.SourcedRule sourced, RuleMeta meta) {
        RuleSpec spec = sourced.spec();
        String file = sourced.location().name();
        int before = problems.size();
        if (spec.match() == null) {
            problem(file, spec.id(), "match", "missing: say which apiGroups/resources/verbs the rule applies to");
        }
        for (String list : spec.inactiveUntil()) {
            if (!lists.contains(list)) {
                problem(file, spec.id(), "inactive_until", "no rule file defines a list " + list);
            }
        }
        CompiledExpression condition = condition(file, spec.id(), "condition", spec.condition());
        List<CompiledRule.Override> overrides = new ArrayList<>();
        for (int i = 0; i < spec.severityOverrides().size(); i++) {
            SeverityOverride override = spec.severityOverrides().get(i);
            CompiledExpression when = condition(file, spec.id(), "severity_overrides[" + i + "].when",
                    override == null ? null : override.when());
            if (override != null && override.severity() == null) {
                problem(file, spec.id(), "severity_overrides[" + i + "].severity", "missing");
            } else if (when != null) {
                overrides.add(new CompiledRule.Override(when, override.severity()));
            }
        }
        List<CompiledExpression> key = new ArrayList<>();
        DedupSpec dedup = spec.dedup();
        List<String> keyTexts = dedup == null || dedup.key() == null || dedup.key().isEmpty()
                ? DEFAULT_DEDUP_KEY : dedup.key();
        for (int i = 0; i < keyTexts.size(); i++) {
            CompiledExpression part = value(file, spec.id(), "dedup.key[" + i + "]", keyTexts.get(i));
            if (part != null) {
                key.add(part);
            }
        }
        MessageTemplate message = null;
        if (blank(spec.message())) {
            problem(file, spec.id(), "message", "missing");
        } else {
            try {
                message = MessageTemplate.compile(environment, spec.message().strip());
            } catch (CelCompileException e) {
                problem(file, spec.id(), join("message", e.position()), e.getMessage());
            }
        }
        Map<String, CompiledExpression> details = new LinkedHashMap<>();
        spec.details().forEach((name, text) -> {
            CompiledExpression detail = value(file, spec.id(), "details." + name, text);
            if (detail != null) {
                details.put(name, detail);
            }
        });
        List<ExceptionMatcher> exceptions = new ArrayList<>();
        spec.exceptions().forEach((name, exception) -> {
            if (exception == null || exception.isEmpty()) {
                problem(file, spec.id(), "exceptions." + name, "empty: give users, groups, serviceAccounts, "
                        + "namespaces or images");
            } else {
                exceptions.add(ExceptionMatcher.of(name, exception));
            }
        });
        if (problems.size() > before || meta == null) {
            return null;
        }
        return new CompiledRule(meta, spec, file, RuleMatcher.of(spec.match()), condition, exceptions, overrides, key,
                message, details);
    }

    private Duration window(String file, RuleSpec spec) {
        if (spec.dedup() == null || blank(spec.dedup().window())) {
            return DEFAULT_WINDOW;
        }
        try {
            return Durations.parse(spec.dedup().window());
        } catch (IllegalArgumentException e) {
            problem(file, spec.id(), "dedup.window", e.getMessage());
            return DEFAULT_WINDOW;
        }
    }

    private CompiledExpression condition(String file, String id, String where, String text) {
        try {
            return environment.compileCondition(text);
        } catch (CelCompileException e) {
            problem(file, id, join(where, e.position()), e.getMessage());
            return null;
        }
    }

    private CompiledExpression value(String file, String id, String where, String text) {
        try {
            return environment.compileValue(text);
        } catch (CelCompileException e) {
            problem(file, id, join(where, e.position()), e.getMessage());
            return null;
        }
    }

    private void problem(String file, String id, String where, String message) {
        problems.add(new RuleProblem(file, id, where, message));
    }

    private static String join(String where, String position) {
        return position == null || position.isEmpty() ? where : where + " " + position;
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}

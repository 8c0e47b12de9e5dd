package dev.vigil.streams.rules;

import dev.vigil.model.rule.RuleMeta;
import dev.vigil.model.rule.RuleTuning;
import dev.vigil.streams.rules.cel.CelCompileException;
import dev.vigil.streams.rules.cel.CelRuleEnvironment;
import dev.vigil.streams.rules.cel.CompiledExpression;
import dev.vigil.streams.rules.cel.MessageTemplate;
import dev.vigil.streams.rules.file.DedupSpec;
import dev.vigil.streams.rules.file.FieldCondition;
import dev.vigil.streams.rules.file.RuleException;
import dev.vigil.streams.rules.file.RuleSpec;
import dev.vigil.streams.rules.file.SeverityOverride;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the merged rule specs into {@link CompiledRule}s: checks the required keys, compiles every CEL
 * expression once, and reports each problem with file, rule id, part and position.
 */
final class RuleCompiler {

    static final Duration DEFAULT_WINDOW = Duration.ofHours(1);
    static final List<String> DEFAULT_DEDUP_KEY = List.of("user.username", "k8s.target(objectRef, path)");
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(.*?)}}", Pattern.DOTALL);

    private final RuleSet set;
    /** One environment per rule file: the lists and macros that file sees (its own and core.yaml's). */
    private final Map<String, CelRuleEnvironment> environments = new HashMap<>();
    private final List<RuleProblem> problems = new ArrayList<>();
    private CelRuleEnvironment environment;
    private Set<String> visible;

    RuleCompiler(RuleSet set) {
        this.set = set;
    }

    /** Points the compiler at the scope of one rule file. */
    private void scope(String file) {
        visible = set.visibleTo(file);
        environment = environments.computeIfAbsent(file, f -> {
            Map<String, String> macros = new HashMap<>();
            set.macros().forEach((name, text) -> {
                if (visible.contains(name)) {
                    macros.put(name, text);
                }
            });
            return new CelRuleEnvironment(set.lists().keySet().stream().filter(visible::contains).toList(), macros);
        });
    }

    /** The CEL environment of one rule file's scope (for the stateful rules' key and term expressions). */
    CelRuleEnvironment environment(String file) {
        scope(file);
        return environment;
    }

    List<RuleProblem> problems() {
        return problems;
    }

    /** Metadata of any rule (audit or watch); null when the rule has problems. */
    RuleMeta meta(RuleSet.SourcedRule sourced) {
        RuleSpec spec = sourced.spec();
        String file = sourced.location().name();
        int before = problems.size();
        scope(file);
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
        scope(file);
        if (spec.match() == null) {
            problem(file, spec.id(), "match", "missing: say which apiGroups/resources/verbs the rule applies to");
        } else {
            spec.match().listNames().forEach(list -> checkList(file, spec.id(), "match", list));
        }
        for (String list : spec.inactiveUntil()) {
            checkList(file, spec.id(), "inactive_until", list);
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
        spec.exceptions().forEach((name, exception) ->
                exception(file, spec.id(), "exceptions." + name, name, exception, exceptions));
        for (String setName : spec.exceptionSets()) {
            Map<String, RuleException> entries = set.exceptionSets().get(setName);
            if (entries == null || !visible.contains(setName)) {
                problem(file, spec.id(), "exception_sets", "no exception set " + setName
                        + " in this file or core.yaml");
                continue;
            }
            entries.forEach((name, exception) -> exception(file, spec.id(), "exception_sets." + setName + "." + name,
                    setName + "." + name, exception, exceptions));
        }
        if (problems.size() > before || meta == null) {
            return null;
        }
        return new CompiledRule(meta, spec, file, RuleMatcher.of(spec.match(), set.lists()), condition, exceptions,
                overrides, key, message, details);
    }

    /**
     * How to tune a rule: the lists its expressions, match and exceptions read (through macros too), its exception
     * entries and sets, parameters and {@code inactive_until} lists ({@code inactive} is filled in by the engine).
     */
    RuleTuning tuning(RuleSet.SourcedRule sourced) {
        RuleSpec spec = sourced.spec();
        scope(sourced.location().name());
        Set<String> lists = new LinkedHashSet<>();
        List<String> texts = new ArrayList<>();
        texts.add(spec.condition());
        spec.severityOverrides().stream().filter(o -> o != null).forEach(o -> texts.add(o.when()));
        texts.addAll(spec.details().values());
        if (spec.dedup() != null && spec.dedup().key() != null) {
            texts.addAll(spec.dedup().key());
        }
        if (spec.message() != null) {
            Matcher placeholder = PLACEHOLDER.matcher(spec.message());
            while (placeholder.find()) {
                texts.add(placeholder.group(1));
            }
        }
        statefulTexts(spec, texts);
        texts.forEach(text -> lists.addAll(environment.listsUsedBy(text)));
        if (spec.match() != null) {
            lists.addAll(spec.match().listNames());
        }
        if (spec.sequence() != null) {
            spec.sequence().steps().stream().filter(step -> step != null && step.match() != null)
                    .forEach(step -> lists.addAll(step.match().listNames()));
        }
        List<RuleException> exceptions = new ArrayList<>(spec.exceptions().values());
        spec.exceptionSets().forEach(name -> exceptions.addAll(set.exceptionSets().getOrDefault(name, Map.of()).values()));
        exceptions.stream().filter(e -> e != null).flatMap(e -> e.fields().stream())
                .forEach(field -> {
                    lists.addAll(environment.listsUsedBy(field.field()));
                    if (field.values() != null && field.values().isNamed()) {
                        lists.add(field.values().list());
                    }
                });
        lists.addAll(spec.inactiveUntil());
        Map<String, String> params = new LinkedHashMap<>();
        spec.params().forEach((name, value) -> params.put(name, String.valueOf(value)));
        return new RuleTuning(List.copyOf(lists), List.copyOf(spec.exceptions().keySet()), spec.exceptionSets(), params,
                spec.inactiveUntil(), false);
    }

    /** The expressions of a stateful rule's blocks (keys, terms, sequence steps), for the lists they read. */
    private static void statefulTexts(RuleSpec spec, List<String> texts) {
        if (spec.threshold() != null) {
            texts.addAll(spec.threshold().key());
            if (spec.threshold().distinct() != null) {
                texts.add(spec.threshold().distinct());
            }
        }
        if (spec.newTerms() != null) {
            texts.addAll(spec.newTerms().key());
            texts.addAll(spec.newTerms().terms());
        }
        if (spec.sequence() != null) {
            spec.sequence().steps().stream().filter(step -> step != null).forEach(step -> {
                texts.add(step.condition());
                texts.add(step.key());
                texts.addAll(step.details().values());
            });
        }
    }

    private void checkList(String file, String id, String where, String list) {
        if (!set.lists().containsKey(list) || !visible.contains(list)) {
            problem(file, id, where, "no list " + list + " in this file or core.yaml");
        }
    }

    /** Compiles one exception entry (its field conditions in the rule file's scope) into {@code into}. */
    private void exception(String file, String id, String where, String name, RuleException exception,
                           List<ExceptionMatcher> into) {
        if (exception == null || exception.isEmpty()) {
            problem(file, id, where, "empty: give users, groups, serviceAccounts, namespaces, images or field "
                    + "conditions");
            return;
        }
        int before = problems.size();
        List<FieldMatcher> fields = new ArrayList<>();
        for (int i = 0; i < exception.fields().size(); i++) {
            FieldCondition condition = exception.fields().get(i);
            String at = where + "[" + i + "]";
            if (!FieldCondition.OPERATORS.contains(String.valueOf(condition.op()))) {
                problem(file, id, at + ".op", "use one of " + FieldCondition.OPERATORS + ", not " + condition.op());
            }
            if (condition.values() == null) {
                problem(file, id, at + ".values", "missing: a list of values or the name of a list");
            } else if (condition.values().isNamed()) {
                checkList(file, id, at + ".values", condition.values().list());
            }
            CompiledExpression field = value(file, id, at + ".field", condition.field());
            if (problems.size() == before) {
                fields.add(new FieldMatcher(field, condition.op(), condition.values(), condition.any()));
            }
        }
        if (problems.size() == before) {
            into.add(ExceptionMatcher.of(name, exception, fields));
        }
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

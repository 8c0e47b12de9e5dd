package dev.vigil.streams.rules;

import dev.vigil.streams.rules.cel.CelRuleEnvironment;
import dev.vigil.streams.rules.file.RuleFile;
import dev.vigil.streams.rules.file.RuleFileReader;
import dev.vigil.streams.rules.file.RuleLocation;
import dev.vigil.streams.rules.file.RuleSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads rule files and merges them: later files replace lists, macros and rules (by id) of earlier ones;
 * configuration then extends lists and exceptions. Every problem is collected instead of stopping at the first.
 */
final class RuleSetLoader {

    private static final Logger LOG = LoggerFactory.getLogger(RuleSetLoader.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Map<String, List<String>> lists = new LinkedHashMap<>();
    private final Map<String, String> macros = new LinkedHashMap<>();
    private final Map<String, RuleSet.SourcedRule> rules = new LinkedHashMap<>();
    private final List<RuleProblem> problems = new ArrayList<>();

    static RuleSet load(List<RuleLocation> locations, RulesProperties properties) {
        RuleSetLoader loader = new RuleSetLoader();
        for (RuleLocation location : locations) {
            loader.add(location);
        }
        return loader.configure(properties);
    }

    private void add(RuleLocation location) {
        RuleFile file;
        try {
            file = RuleFileReader.read(location);
        } catch (RuleFileReader.RuleFileException e) {
            problems.add(new RuleProblem(e.file(), "", e.position(), e.getMessage()));
            return;
        }
        String name = location.name();
        if (file.requiredEngineVersion() == null) {
            problems.add(new RuleProblem(name, "", "required_engine_version", "missing"));
        } else if (file.requiredEngineVersion() > RuleEngine.ENGINE_VERSION) {
            problems.add(new RuleProblem(name, "", "required_engine_version", "needs engine version "
                    + file.requiredEngineVersion() + ", this is " + RuleEngine.ENGINE_VERSION));
            return;
        }
        if (blank(file.ruleset()) || blank(file.version())) {
            problems.add(new RuleProblem(name, "", "ruleset/version", "both are required"));
        }
        file.lists().forEach((list, values) -> {
            if (checkName(name, "list", list)) {
                lists.put(list, values == null ? List.of() : values.stream().map(String::valueOf).toList());
            }
        });
        file.macros().forEach((macro, text) -> {
            if (checkName(name, "macro", macro)) {
                macros.put(macro, text);
            }
        });
        for (RuleSpec rule : file.rules()) {
            if (rule == null || blank(rule.id())) {
                problems.add(new RuleProblem(name, "", "id", "a rule without id"));
                continue;
            }
            RuleSet.SourcedRule previous = rules.put(rule.id(),
                    new RuleSet.SourcedRule(rule, file.ruleset(), file.version(), location));
            if (previous != null) {
                LOG.info("Rule {} from {} replaces the one from {}", rule.id(), name, previous.location().name());
            }
        }
    }

    private boolean checkName(String file, String kind, String name) {
        if (!NAME.matcher(name).matches() || CelRuleEnvironment.reservedNames().contains(name)) {
            problems.add(new RuleProblem(file, "", kind + " " + name,
                    "not a usable name (letters, digits, _; not a variable name)"));
            return false;
        }
        if (kind.equals("list") && macros.containsKey(name) || kind.equals("macro") && lists.containsKey(name)) {
            problems.add(new RuleProblem(file, "", kind + " " + name, "a list and a macro share this name"));
            return false;
        }
        return true;
    }

    private RuleSet configure(RulesProperties properties) {
        properties.lists().forEach((configured, extra) -> {
            String list = configured.replace('-', '_');
            if (!lists.containsKey(list)) {
                problems.add(new RuleProblem("vigil.rules.lists." + configured, "", "",
                        "no rule file defines a list " + list + " (lists: " + lists.keySet() + ")"));
            } else {
                List<String> merged = new ArrayList<>(lists.get(list));
                extra.stream().filter(v -> !merged.contains(v)).forEach(merged::add);
                lists.put(list, List.copyOf(merged));
            }
        });
        properties.exceptions().forEach((ruleId, extra) -> {
            RuleSet.SourcedRule rule = rules.get(ruleId);
            if (rule == null) {
                problems.add(new RuleProblem("vigil.rules.exceptions." + ruleId, ruleId, "", "no such rule"));
            } else {
                rules.put(ruleId, new RuleSet.SourcedRule(rule.spec().withExceptions(extra), rule.ruleset(),
                        rule.version(), rule.location()));
            }
        });
        RuleParams.apply(rules, properties, problems);
        for (String id : properties.disabled()) {
            if (!rules.containsKey(id)) {
                LOG.warn("vigil.rules.disabled names {}, which no rule file defines", id);
            }
        }
        return new RuleSet(Map.copyOf(lists), Map.copyOf(macros), List.copyOf(rules.values()), properties.disabled(),
                List.copyOf(problems));
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}

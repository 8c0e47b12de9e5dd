package dev.vigil.streams.rules;

import dev.vigil.streams.rules.cel.CelRuleEnvironment;
import dev.vigil.streams.rules.file.RuleException;
import dev.vigil.streams.rules.file.RuleFile;
import dev.vigil.streams.rules.file.RuleFileReader;
import dev.vigil.streams.rules.file.RuleLocation;
import dev.vigil.streams.rules.file.RuleSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads rule files and merges them. Lists, macros and exception sets are scoped: a file's rules see the names of
 * {@code core.yaml} and of the file itself. A name is defined once across all files; a later file that redefines
 * one must say {@code override: true} (the new definition then replaces the old one wherever it was seen, and the
 * loader logs it), an unmarked redefinition is an error. A rule with the id of an earlier one replaces it. The
 * pack's version is stated once: a file that states another version than its pack's is an error. Configuration
 * then extends lists, rules' exceptions and exception sets. Every problem is collected, not only the first.
 */
final class RuleSetLoader {

    /** The file whose lists, macros and exception sets every file sees. */
    static final String CORE_FILE = "core.yaml";

    private static final Logger LOG = LoggerFactory.getLogger(RuleSetLoader.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** Where a name was defined (or last overridden). */
    private record Origin(String kind, String file) {
    }

    private final Map<String, List<String>> lists = new LinkedHashMap<>();
    private final Map<String, String> macros = new LinkedHashMap<>();
    private final Map<String, Map<String, RuleException>> exceptionSets = new LinkedHashMap<>();
    private final Map<String, Origin> origins = new HashMap<>();
    private final Set<String> shared = new HashSet<>();
    private final Map<String, Set<String>> own = new HashMap<>();
    private final Map<String, String[]> packVersions = new HashMap<>();
    private final Map<String, RuleSet.SourcedRule> rules = new LinkedHashMap<>();
    private final List<String> overrides = new ArrayList<>();
    private final List<RuleProblem> problems = new ArrayList<>();

    static RuleSet load(List<RuleLocation> locations, RulesProperties properties) {
        RuleSetLoader loader = new RuleSetLoader();
        for (RuleLocation location : locations) {
            loader.add(location);
        }
        return loader.configure(properties);
    }

    static boolean isCore(String fileName) {
        return fileName.equals(CORE_FILE) || fileName.endsWith("/" + CORE_FILE)
                || fileName.endsWith("\\" + CORE_FILE);
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
        String version = version(name, file);
        file.lists().forEach((list, def) -> {
            if (define(name, "list", list, def != null && def.overrides(), def == null ? "" : def.items().size() + " items")) {
                lists.put(list, def == null ? List.of() : def.items());
            }
        });
        file.macros().forEach((macro, def) -> {
            if (def == null || def.expression() == null) {
                problems.add(new RuleProblem(name, "", "macros." + macro, "no expression"));
            } else if (define(name, "macro", macro, def.overrides(), "expression " + def.expression().strip())) {
                macros.put(macro, def.expression());
            }
        });
        file.exceptionSets().forEach((set, entries) -> {
            if (entries == null || entries.isEmpty()) {
                problems.add(new RuleProblem(name, "", "exception_sets." + set, "no entries"));
            } else if (define(name, "exception set", set, false, "")) {
                exceptionSets.put(set, new LinkedHashMap<>(entries));
            }
        });
        for (RuleSpec rule : file.rules()) {
            if (rule == null || blank(rule.id())) {
                problems.add(new RuleProblem(name, "", "id", "a rule without id"));
                continue;
            }
            RuleSet.SourcedRule previous = rules.put(rule.id(),
                    new RuleSet.SourcedRule(rule, file.ruleset(), version, location));
            if (previous != null) {
                LOG.info("Rule {} from {} replaces the one from {}", rule.id(), name, previous.location().name());
            }
        }
    }

    /** The pack version this file's rules carry: stated once per pack, inherited by files that omit it. */
    private String version(String file, RuleFile content) {
        if (blank(content.ruleset())) {
            problems.add(new RuleProblem(file, "", "ruleset", "missing"));
            return content.version();
        }
        String[] known = packVersions.get(content.ruleset());
        if (known == null) {
            if (blank(content.version())) {
                problems.add(new RuleProblem(file, "", "version", "missing: the first file of rule pack "
                        + content.ruleset() + " states the pack's version"));
                return null;
            }
            packVersions.put(content.ruleset(), new String[] {content.version().strip(), file});
            return content.version().strip();
        }
        if (!blank(content.version()) && !content.version().strip().equals(known[0])) {
            problems.add(new RuleProblem(file, "", "version", "says " + content.version().strip() + ", but rule pack "
                    + content.ruleset() + " is version " + known[0] + " (stated in " + known[1]
                    + "); state the version once, or the same"));
        }
        return known[0];
    }

    /** Whether this definition may be used: a new name, or a marked override of an earlier one (logged). */
    private boolean define(String file, String kind, String name, boolean override, String what) {
        String where = plural(kind) + "." + name;
        if (!NAME.matcher(name).matches() || CelRuleEnvironment.reservedNames().contains(name)) {
            problems.add(new RuleProblem(file, "", where, "not a usable name (letters, digits, _; not a variable name)"));
            return false;
        }
        Origin earlier = origins.get(name);
        if (earlier == null) {
            if (override) {
                problems.add(new RuleProblem(file, "", where, "override: true, but no earlier file defines " + kind
                        + " " + name));
                return false;
            }
            origins.put(name, new Origin(kind, file));
            (isCore(file) ? shared : own.computeIfAbsent(file, f -> new HashSet<>())).add(name);
            return true;
        }
        if (!earlier.kind().equals(kind)) {
            problems.add(new RuleProblem(file, "", where, "a " + earlier.kind() + " of " + earlier.file()
                    + " has this name; choose another"));
            return false;
        }
        if (!override) {
            problems.add(new RuleProblem(file, "", where, kind + " " + name + " is already defined in "
                    + earlier.file() + "; mark the entry override: true to replace it, or choose another name"
                    + (kind.equals("exception set") ? " (extend a set with vigil.rules.exceptions."
                    + name.replace('_', '-') + ".*)" : "")));
            return false;
        }
        String before = kind.equals("list") ? lists.get(name).size() + " items" : "expression " + macros.get(name).strip();
        String notice = "Rule file " + file + " overrides " + kind + " " + name + " of " + earlier.file() + ": " + what
                + " instead of " + before;
        LOG.info(notice);
        overrides.add(notice);
        own.computeIfAbsent(file, f -> new HashSet<>()).add(name);
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
        properties.exceptions().forEach(this::configureExceptions);
        RuleParams.apply(rules, properties, problems);
        for (String id : properties.disabled()) {
            if (!rules.containsKey(id)) {
                LOG.warn("vigil.rules.disabled names {}, which no rule file defines", id);
            }
        }
        Map<String, Set<String>> owned = new HashMap<>();
        own.forEach((file, names) -> owned.put(file, Set.copyOf(names)));
        Map<String, Map<String, RuleException>> sets = new LinkedHashMap<>();
        exceptionSets.forEach((set, entries) -> sets.put(set, java.util.Collections.unmodifiableMap(entries)));
        return new RuleSet(Map.copyOf(lists), Map.copyOf(macros), java.util.Collections.unmodifiableMap(sets),
                Set.copyOf(shared), Map.copyOf(owned), List.copyOf(rules.values()), properties.disabled(),
                List.copyOf(overrides), List.copyOf(problems));
    }

    /** {@code vigil.rules.exceptions.<rule-id or exception-set>.<entry>.*}: extends a rule's or a set's entries. */
    private void configureExceptions(String target, Map<String, RuleException> extra) {
        String property = "vigil.rules.exceptions." + target;
        RuleSet.SourcedRule rule = rules.get(target);
        String set = target.replace('-', '_');
        Map<String, RuleException> entries = exceptionSets.get(set);
        if (rule != null && entries != null) {
            problems.add(new RuleProblem(property, target, "", "names both a rule and the exception set " + set));
            return;
        }
        if (rule == null && entries == null) {
            problems.add(new RuleProblem(property, target, "", "no such rule or exception set (sets: "
                    + exceptionSets.keySet() + ")"));
            return;
        }
        Map<String, RuleException> existing = rule != null ? rule.spec().exceptions() : entries;
        extra.forEach((entry, exception) -> {
            if (existing.containsKey(entry) && !exception.fields().isEmpty()) {
                problems.add(new RuleProblem(property + "." + entry, target, "fields",
                        "field conditions go into an entry of their own name (here they would narrow " + entry + ")"));
            }
        });
        if (rule != null) {
            rules.put(target, new RuleSet.SourcedRule(rule.spec().withExceptions(extra), rule.ruleset(),
                    rule.version(), rule.location()));
        } else {
            extra.forEach((entry, exception) -> entries.merge(entry, exception, RuleException::plus));
        }
    }

    private static String plural(String kind) {
        return kind.equals("exception set") ? "exception_sets" : kind + "s";
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}

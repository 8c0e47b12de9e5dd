package dev.vigil.bench.rules;

import dev.vigil.streams.rules.file.RuleLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Generated variants of the bundled audit rules, to see whether the rule index keeps the cost of 100 rules close
 * to that of one. A variant keeps its original's condition, dedup and message, gets a new id, and has its
 * {@code match} moved to one of {@link #RESOURCES} (any API group) — the way a real rule set spreads over
 * resources; every tenth variant keeps the original match, so wildcard rules multiply too.
 */
public final class RuleVariants {

    static final List<String> RESOURCES = List.of("pods", "deployments", "configmaps", "secrets", "services",
            "serviceaccounts", "roles", "rolebindings", "clusterroles", "clusterrolebindings", "namespaces", "nodes",
            "networkpolicies", "daemonsets", "statefulsets", "replicasets", "jobs", "cronjobs", "ingresses",
            "persistentvolumeclaims", "leases", "events", "endpoints", "customresourcedefinitions");

    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private RuleVariants() {
    }

    /**
     * Writes {@code variants} rules, generated round-robin from the bundled audit rules, for
     * {@code RuleEngine.load(properties, List.of(folder))} after the bundled rules. Lists and macros are scoped to
     * their file, so the variants of each bundled file go into a file of their own that carries that file's lists and
     * macros again, marked as (identical) overrides. Returns the folder.
     */
    public static Path write(Path folder, int variants) throws IOException {
        List<Source> sources = bundledAuditRules();
        List<ObjectNode> originals = sources.stream().flatMap(source -> source.rules().stream()).toList();
        Map<Source, ArrayNode> generated = new LinkedHashMap<>();
        for (int i = 0; i < variants; i++) {
            ObjectNode original = originals.get(i % originals.size());
            ObjectNode variant = original.deepCopy();
            variant.put("id", variant.path("id").asString() + "-variant-" + i);
            variant.remove("tests");
            if (i % 10 != 9) {
                ObjectNode match = YAML.createObjectNode();
                match.putArray("resources").add(RESOURCES.get(i % RESOURCES.size()));
                JsonNode originalMatch = variant.path("match");
                for (String keep : new String[] {"subresources", "verbs", "stages"}) {
                    if (originalMatch.has(keep)) {
                        match.set(keep, originalMatch.get(keep));
                    }
                }
                variant.set("match", match);
            }
            Source source = sources.stream().filter(s -> s.rules().contains(original)).findFirst().orElseThrow();
            generated.computeIfAbsent(source, s -> YAML.createArrayNode()).add(variant);
        }
        Files.createDirectories(folder);
        int n = 0;
        for (Map.Entry<Source, ArrayNode> entry : generated.entrySet()) {
            ObjectNode file = YAML.createObjectNode();
            file.put("required_engine_version", 1);
            file.put("ruleset", "bench-variants");
            file.put("version", "1.0.0");
            overrides(entry.getKey().file().path("lists"), "items").ifPresent(lists -> file.set("lists", lists));
            overrides(entry.getKey().file().path("macros"), "expression").ifPresent(macros -> file.set("macros", macros));
            file.set("rules", entry.getValue());
            Files.writeString(folder.resolve(String.format("bench-variants-%02d.yaml", n++)), YAML.writeValueAsString(file));
        }
        return folder;
    }

    /** A bundled file's lists or macros as explicit overrides of themselves. */
    private static java.util.Optional<ObjectNode> overrides(JsonNode definitions, String valueKey) {
        if (!definitions.isObject() || definitions.isEmpty()) {
            return java.util.Optional.empty();
        }
        ObjectNode marked = YAML.createObjectNode();
        for (Map.Entry<String, JsonNode> definition : definitions.properties()) {
            JsonNode value = definition.getValue();
            ObjectNode entry = marked.putObject(definition.getKey()).put("override", true);
            entry.set(valueKey, value.isObject() && value.has(valueKey) ? value.get(valueKey) : value);
        }
        return java.util.Optional.of(marked);
    }

    /** A bundled rule file and its audit rules. */
    private record Source(JsonNode file, List<ObjectNode> rules) {
    }

    /** Ids of the bundled stateful rules ({@code kind: threshold|sequence|new_terms}). */
    public static Set<String> bundledStatefulRuleIds() throws IOException {
        Set<String> ids = new LinkedHashSet<>();
        for (RuleLocation location : RuleLocation.bundled()) {
            for (JsonNode rule : YAML.readTree(location.read()).path("rules")) {
                if (rule.has("kind")) {
                    ids.add(rule.path("id").asString());
                }
            }
        }
        return ids;
    }

    /** Ids of the bundled per-event audit rules (watch rules such as long-lived-pod and stateful rules excluded). */
    public static List<String> bundledAuditRuleIds() throws IOException {
        return bundledAuditRules().stream().flatMap(source -> source.rules().stream())
                .map(rule -> rule.path("id").asString()).toList();
    }

    private static List<Source> bundledAuditRules() throws IOException {
        List<Source> sources = new ArrayList<>();
        for (RuleLocation location : RuleLocation.bundled()) {
            JsonNode file = YAML.readTree(location.read());
            List<ObjectNode> rules = new ArrayList<>();
            for (JsonNode rule : file.path("rules")) {
                if (rule.isObject() && !"watch".equals(rule.path("source").asString("audit"))
                        && rule.path("kind").asString("event").equals("event")) {
                    rules.add((ObjectNode) rule);
                }
            }
            if (!rules.isEmpty()) {
                sources.add(new Source(file, rules));
            }
        }
        if (sources.isEmpty()) {
            throw new IllegalStateException("no bundled audit rules found");
        }
        return sources;
    }
}

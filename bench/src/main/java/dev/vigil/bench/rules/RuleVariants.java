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
import java.util.LinkedHashSet;
import java.util.List;
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
     * Writes {@code variants} rules, generated round-robin from the bundled audit rules, into one rule file in
     * {@code folder}, for {@code RuleEngine.load(properties, List.of(folder))} after the bundled rules.
     */
    public static Path write(Path folder, int variants) throws IOException {
        List<ObjectNode> originals = bundledAuditRules();
        ArrayNode generated = YAML.createArrayNode();
        for (int i = 0; i < variants; i++) {
            ObjectNode variant = originals.get(i % originals.size()).deepCopy();
            variant.put("id", variant.path("id").asString() + "-variant-" + i);
            variant.remove("tests");
            if (i % 10 != 9) {
                ObjectNode match = YAML.createObjectNode();
                match.putArray("resources").add(RESOURCES.get(i % RESOURCES.size()));
                JsonNode original = variant.path("match");
                for (String keep : new String[] {"subresources", "verbs", "stages"}) {
                    if (original.has(keep)) {
                        match.set(keep, original.get(keep));
                    }
                }
                variant.set("match", match);
            }
            generated.add(variant);
        }
        ObjectNode file = YAML.createObjectNode();
        file.put("required_engine_version", 1);
        file.put("ruleset", "bench-variants");
        file.put("version", "1.0.0");
        file.set("rules", generated);
        Files.createDirectories(folder);
        Path path = folder.resolve("bench-variants.yaml");
        Files.writeString(path, YAML.writeValueAsString(file));
        return path;
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
        return bundledAuditRules().stream().map(rule -> rule.path("id").asString()).toList();
    }

    private static List<ObjectNode> bundledAuditRules() throws IOException {
        List<ObjectNode> rules = new ArrayList<>();
        for (RuleLocation location : RuleLocation.bundled()) {
            JsonNode file = YAML.readTree(location.read());
            for (JsonNode rule : file.path("rules")) {
                if (rule.isObject() && !"watch".equals(rule.path("source").asString("audit"))
                        && !rule.has("kind")) {
                    rules.add((ObjectNode) rule);
                }
            }
        }
        if (rules.isEmpty()) {
            throw new IllegalStateException("no bundled audit rules found");
        }
        return rules;
    }
}

package dev.vigil.alerting.index;

import dev.vigil.alerting.opensearch.OpenSearchRest;
import dev.vigil.alerting.opensearch.OpenSearchRest.JsonResponse;
import dev.vigil.model.json.VigilJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Retention with the OpenSearch index-management plugin: one ISM policy per index family that deletes a daily
 * index {@code retention + 1 day} after its creation (the extra day lets the last events of the day age fully),
 * attached to new indices by its {@code ism_template} and to existing ones explicitly. ISM counts from the index
 * creation, so indices created by a replay of old logs are kept for the full retention from the replay on.
 */
public final class IsmRetention {

    static final String PLUGIN = "opensearch-index-management";
    /** Bumped whenever the policy shape changes; part of the description that decides whether to update. */
    static final int POLICY_VERSION = 1;

    private static final Logger LOG = LoggerFactory.getLogger(IsmRetention.class);

    private final OpenSearchRest rest;

    public IsmRetention(OpenSearchRest rest) {
        this.rest = rest;
    }

    /** True when the index-management plugin answers: listed in {@code _cat/plugins} or its API responds. */
    public boolean available() {
        JsonResponse plugins = rest.get("/_cat/plugins", Map.of("format", "json"));
        if (plugins.ok()) {
            for (JsonNode plugin : plugins.body()) {
                if (PLUGIN.equals(plugin.path("component").asString(""))) {
                    return true;
                }
            }
            return false;
        }
        // _cat/plugins may be forbidden to Vigil's user; the ISM API itself answers 400 "no handler" without the plugin
        return rest.get("/_plugins/_ism/policies", Map.of("size", "1")).ok();
    }

    /** Installs or updates the policies of both families; returns the ids of the policies written. */
    public List<String> install(RetentionProperties retention) {
        List<String> written = new ArrayList<>();
        for (IndexFamily family : IndexFamily.values()) {
            if (install(family, retention.of(family))) {
                written.add(policyId(family));
            }
        }
        return written;
    }

    public static String policyId(IndexFamily family) {
        return family.prefix() + "-retention";
    }

    static ObjectNode policy(IndexFamily family, Duration retention) {
        ObjectNode root = VigilJson.mapper().createObjectNode();
        ObjectNode policy = root.putObject("policy");
        policy.put("description", description(family, retention));
        policy.put("default_state", "keep");
        ArrayNode states = policy.putArray("states");
        ObjectNode keep = states.addObject();
        keep.put("name", "keep");
        keep.putArray("actions");
        ObjectNode transition = keep.putArray("transitions").addObject();
        transition.put("state_name", "delete");
        transition.putObject("conditions").put("min_index_age", timeValue(retention.plusDays(1)));
        ObjectNode delete = states.addObject();
        delete.put("name", "delete");
        delete.putArray("actions").addObject().putObject("delete");
        delete.putArray("transitions");
        ObjectNode template = policy.putArray("ism_template").addObject();
        template.putArray("index_patterns").add(family.pattern());
        template.put("priority", 100);
        return root;
    }

    private boolean install(IndexFamily family, Duration retention) {
        String id = policyId(family);
        String path = "/_plugins/_ism/policies/" + id;
        ObjectNode wanted = policy(family, retention);
        JsonResponse existing = rest.get(path);
        JsonResponse put;
        if (existing.ok()) {
            if (existing.body().path("policy").path("description").asString("")
                    .equals(wanted.path("policy").path("description").asString())) {
                return false;
            }
            put = rest.put(path, Map.of("if_seq_no", existing.body().path("_seq_no").asString(),
                    "if_primary_term", existing.body().path("_primary_term").asString()), wanted);
        } else if (existing.notFound()) {
            put = rest.put(path, wanted);
        } else {
            throw new IllegalStateException("cannot read ISM policy " + id + ": " + existing.status() + " "
                    + existing.error());
        }
        if (!put.ok()) {
            throw new IllegalStateException("OpenSearch refused ISM policy " + id + ": " + put.status() + " "
                    + put.error());
        }
        ObjectNode policyId = VigilJson.mapper().createObjectNode().put("policy_id", id);
        if (existing.ok()) {
            rest.post("/_plugins/_ism/change_policy/" + family.pattern(), policyId);
        }
        // indices created before the policy are not matched by its ism_template; already managed ones are skipped
        rest.post("/_plugins/_ism/add/" + family.pattern(), policyId);
        LOG.info("ISM policy {} {}: {}", id, existing.ok() ? "updated" : "installed",
                wanted.path("policy").path("description").asString());
        return true;
    }

    private static String description(IndexFamily family, Duration retention) {
        return "Vigil retention (policy v" + POLICY_VERSION + "): delete " + family.pattern() + " "
                + timeValue(retention.plusDays(1)) + " after index creation (retention " + timeValue(retention) + ")";
    }

    /** An OpenSearch time value: whole days as {@code 30d}, anything else in seconds. */
    static String timeValue(Duration duration) {
        return duration.toSeconds() % 86_400 == 0 ? duration.toDays() + "d" : duration.toSeconds() + "s";
    }
}

package dev.vigil.alerting.index;

import dev.vigil.model.json.VigilJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Stream;

/**
 * The index templates Vigil installs, kept as plain JSON files under {@code opensearch/} (one file per template,
 * exactly the body of the PUT request; the dashboards read them too). Component templates come first because the
 * composable templates name them. A template's {@code version} is bumped whenever its file changes.
 */
public final class IndexTemplates {

    /** Where a template lives in the API: {@code _component_template} or {@code _index_template}. */
    public enum Kind {
        COMPONENT("_component_template", "component_templates", "component_template"),
        INDEX("_index_template", "index_templates", "index_template");

        private final String endpoint;
        private final String listField;
        private final String itemField;

        Kind(String endpoint, String listField, String itemField) {
            this.endpoint = endpoint;
            this.listField = listField;
            this.itemField = itemField;
        }

        String path(String name) {
            return "/" + endpoint + "/" + name;
        }

        /** The installed template's body inside a GET answer. */
        JsonNode installed(JsonNode getAnswer) {
            for (JsonNode item : getAnswer.path(listField)) {
                return item.path(itemField);
            }
            return MissingNode.getInstance();
        }

        String resourceFolder() {
            return endpoint.substring(1);
        }
    }

    /** One template: its kind, name and the body from its resource file. */
    public record Template(Kind kind, String name, JsonNode body) {
        public long version() {
            return body.path("version").asLong(0);
        }

        String path() {
            return kind.path(name);
        }
    }

    /**
     * Primary shards of a daily evidence index when {@code vigil.indexer.evidence-shards} is not set. One shard is
     * indexed by one write thread of one node; more let a node index several bulks of one day at once.
     */
    public static final int DEFAULT_EVIDENCE_SHARDS = 1;

    /** The template that sets the evidence indices' own settings (after {@code vigil-ecs}, so it wins). */
    static final String EVIDENCE_COMPONENT = "vigil-audit";

    private static final List<String> COMPONENTS = List.of("vigil-ecs", "vigil-alert", "vigil-audit");
    private static final List<String> INDEX_TEMPLATES = List.of("vigil-alerts", "vigil-audit");

    private IndexTemplates() {
    }

    /** Every template in installation order: components, then the composable templates using them. */
    public static List<Template> all() {
        return all(DEFAULT_EVIDENCE_SHARDS);
    }

    /** {@link #all()} with {@code evidenceShards} primary shards for each new evidence index. */
    public static List<Template> all(int evidenceShards) {
        return Stream.concat(
                        COMPONENTS.stream().map(name -> load(Kind.COMPONENT, name)),
                        INDEX_TEMPLATES.stream().map(name -> load(Kind.INDEX, name)))
                .map(template -> EVIDENCE_COMPONENT.equals(template.name()) && template.kind() == Kind.COMPONENT
                        ? withShards(template, evidenceShards) : template)
                .toList();
    }

    /** The primary shards a template body sets, or null when it sets none. */
    static String shards(JsonNode body) {
        JsonNode shards = body.path("template").path("settings").path("index").path("number_of_shards");
        return shards.isMissingNode() || shards.isNull() ? null : shards.asString();
    }

    private static Template withShards(Template template, int shards) {
        ObjectNode body = (ObjectNode) template.body().deepCopy();
        body.withObjectProperty("template").withObjectProperty("settings").withObjectProperty("index")
                .put("number_of_shards", shards);
        return new Template(template.kind(), template.name(), body);
    }

    /** The resource path of a template file, e.g. {@code opensearch/index_template/vigil-audit.json}. */
    public static String resource(Kind kind, String name) {
        return "opensearch/" + kind.resourceFolder() + "/" + name + ".json";
    }

    static Template load(Kind kind, String name) {
        String resource = resource(kind, name);
        try (InputStream in = IndexTemplates.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing template resource " + resource);
            }
            return new Template(kind, name, VigilJson.mapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}

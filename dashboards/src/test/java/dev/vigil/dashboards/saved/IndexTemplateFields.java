package dev.vigil.dashboards.saved;

import dev.vigil.model.json.VigilJson;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The field types OpenSearch will give Vigil's indices, read from the alerting module's composable index templates
 * ({@code opensearch/index_template/*.json} composed of {@code opensearch/component_template/*.json}).
 */
final class IndexTemplateFields {

    private final Map<String, JsonNode> indexTemplates;
    private final Map<String, JsonNode> componentTemplates;

    private IndexTemplateFields(Map<String, JsonNode> indexTemplates, Map<String, JsonNode> componentTemplates) {
        this.indexTemplates = indexTemplates;
        this.componentTemplates = componentTemplates;
    }

    static IndexTemplateFields fromClasspath() {
        return new IndexTemplateFields(load("opensearch/index_template"), load("opensearch/component_template"));
    }

    Map<String, JsonNode> indexTemplates() {
        return indexTemplates;
    }

    /** Flat field name → mapping type of the index template whose {@code index_patterns} contain {@code pattern}. */
    Optional<Map<String, String>> fieldsFor(String pattern) {
        return indexTemplates.values().stream()
                .filter(template -> template.path("index_patterns").valueStream()
                        .anyMatch(candidate -> candidate.asString().equals(pattern)))
                .findFirst()
                .map(this::fields);
    }

    private Map<String, String> fields(JsonNode indexTemplate) {
        Map<String, String> fields = new LinkedHashMap<>();
        indexTemplate.path("composed_of").valueStream().forEach(name -> {
            JsonNode component = componentTemplates.get(name.asString());
            if (component == null) {
                throw new IllegalStateException("component template " + name + " is not in the alerting module");
            }
            flatten("", component.path("template").path("mappings").path("properties"), fields);
        });
        flatten("", indexTemplate.path("template").path("mappings").path("properties"), fields);
        return fields;
    }

    private static void flatten(String prefix, JsonNode properties, Map<String, String> into) {
        properties.properties().forEach(entry -> {
            String name = prefix + entry.getKey();
            JsonNode mapping = entry.getValue();
            if (mapping.has("type")) {
                into.put(name, mapping.path("type").asString());
                mapping.path("fields").properties().forEach(multi ->
                        into.put(name + "." + multi.getKey(), multi.getValue().path("type").asString()));
            }
            if (mapping.has("properties")) {
                flatten(name + ".", mapping.path("properties"), into);
            }
        });
    }

    private static Map<String, JsonNode> load(String folder) {
        try {
            Map<String, JsonNode> templates = new HashMap<>();
            for (Resource resource : new PathMatchingResourcePatternResolver().getResources("classpath*:" + folder + "/*.json")) {
                try (InputStream in = resource.getInputStream()) {
                    String name = resource.getFilename().replaceFirst("\\.json$", "");
                    templates.put(name, VigilJson.mapper().readTree(in));
                }
            }
            return templates;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

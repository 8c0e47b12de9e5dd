package dev.vigil.alerting.index;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The template files: what the dashboards and the indexer rely on, checked without a node. */
class IndexTemplatesTest {

    @Test
    void installsComponentsBeforeTheTemplatesThatComposeThem() {
        List<IndexTemplates.Template> all = IndexTemplates.all();

        assertThat(all).extracting(IndexTemplates.Template::name)
                .containsExactly("vigil-ecs", "vigil-alert", "vigil-audit", "vigil-alerts", "vigil-audit");
        assertThat(all).allSatisfy(template -> assertThat(template.version()).isPositive());
        assertThat(IndexTemplates.resource(IndexTemplates.Kind.INDEX, "vigil-audit"))
                .isEqualTo("opensearch/index_template/vigil-audit.json");
    }

    @Test
    void composableTemplatesCoverTheDailyIndicesOfEachFamily() {
        Map<String, JsonNode> bodies = Map.of(
                "vigil-alerts", IndexTemplates.load(IndexTemplates.Kind.INDEX, "vigil-alerts").body(),
                "vigil-audit", IndexTemplates.load(IndexTemplates.Kind.INDEX, "vigil-audit").body());

        assertThat(bodies.get("vigil-alerts").path("index_patterns").get(0).stringValue())
                .isEqualTo(IndexFamily.ALERTS.pattern());
        assertThat(bodies.get("vigil-audit").path("index_patterns").get(0).stringValue())
                .isEqualTo(IndexFamily.EVIDENCE.pattern());
        assertThat(bodies.get("vigil-alerts").path("composed_of").toString()).isEqualTo("[\"vigil-ecs\",\"vigil-alert\"]");
        assertThat(bodies.get("vigil-audit").path("composed_of").toString()).isEqualTo("[\"vigil-ecs\",\"vigil-audit\"]");
    }

    @Test
    void mapsTheFieldsTheContractNames() {
        JsonNode ecs = properties("vigil-ecs");
        JsonNode audit = properties("vigil-audit").path("kubernetes").path("properties").path("audit");
        JsonNode alert = properties("vigil-alert");

        assertThat(type(ecs, "@timestamp")).isEqualTo("date");
        assertThat(type(ecs, "source", "ip")).isEqualTo("ip");
        assertThat(type(ecs, "orchestrator", "cluster", "name")).isEqualTo("keyword");
        assertThat(type(ecs, "message")).isEqualTo("text");
        assertThat(type(alert, "vigil", "severity")).isEqualTo("keyword");
        assertThat(type(alert, "vigil", "count")).isEqualTo("long");
        assertThat(type(alert, "vigil", "evidence", "details")).isEqualTo("flat_object");
        assertThat(audit.path("dynamic").asBoolean(true)).isFalse();
        assertThat(type(audit.path("properties"), "requestObject")).isEqualTo("flat_object");
        // stored in _source, not indexed: the largest share of the node's CPU per document, queried by nothing
        assertThat(type(audit.path("properties"), "responseObject")).isEqualTo("object");
        assertThat(audit.path("properties").path("responseObject").path("enabled").asBoolean(true)).isFalse();
        assertThat(type(audit.path("properties"), "annotations")).isEqualTo("flat_object");
        assertThat(type(audit.path("properties"), "responseStatus", "code")).isEqualTo("integer");
    }

    @Test
    void indexesEachEvidenceTimeOnce() {
        JsonNode ecs = properties("vigil-ecs");
        JsonNode evidence = properties("vigil-audit");
        JsonNode audit = evidence.path("kubernetes").path("properties").path("audit").path("properties");

        // @timestamp is the stage time and event.created ingest's receipt: their copies stay in _source only
        assertThat(type(ecs, "@timestamp")).isEqualTo("date");
        assertThat(type(ecs, "event", "created")).isEqualTo("date");
        assertThat(type(audit, "requestReceivedTimestamp")).isEqualTo("date");
        assertThat(audit.has("stageTimestamp")).isFalse();
        assertThat(evidence.path("vigil").path("properties").has("received_at")).isFalse();
    }

    @Test
    void keepsNoDocValuesOfTheEvidenceKeywordsUniqueToAnEvent() {
        JsonNode ecs = properties("vigil-ecs");
        JsonNode audit = properties("vigil-audit").path("kubernetes").path("properties").path("audit")
                .path("properties");

        // matched only (term, wildcard, the console's simple query string): no per-document column of unique values
        assertThat(audit.at("/auditID/doc_values").asBoolean(true)).isFalse();
        assertThat(audit.at("/requestURI/doc_values").asBoolean(true)).isFalse();
        assertThat(audit.at("/objectRef/properties/uid/doc_values").asBoolean(true)).isFalse();
        assertThat(audit.at("/objectRef/properties/resourceVersion/doc_values").asBoolean(true)).isFalse();
        // the console sorts by event.id (the same id) to break ties of @timestamp: it keeps them
        assertThat(ecs.at("/event/properties/id").has("doc_values")).isFalse();
        assertThat(type(audit, "auditID")).isEqualTo("keyword");
    }

    private static JsonNode properties(String component) {
        return IndexTemplates.load(IndexTemplates.Kind.COMPONENT, component).body()
                .path("template").path("mappings").path("properties");
    }

    private static String type(JsonNode properties, String... path) {
        JsonNode node = properties;
        for (int i = 0; i < path.length; i++) {
            node = node.path(path[i]);
            if (i < path.length - 1) {
                node = node.path("properties");
            }
        }
        return node.path("type").asString("");
    }
}

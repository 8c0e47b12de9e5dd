package dev.vigil.alerting.index;

import dev.vigil.alerting.testing.OpenSearchProbe;
import dev.vigil.alerting.testing.TestDocuments;
import dev.vigil.embedded.EmbeddedOpenSearch;
import dev.vigil.embedded.WithEmbeddedOpenSearch;
import dev.vigil.model.alert.Alert;
import dev.vigil.model.alert.Severity;
import dev.vigil.model.audit.AuditEvent;
import dev.vigil.model.evidence.Evidence;
import dev.vigil.model.json.VigilJson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.core.BulkResponse;
import org.opensearch.client.opensearch.core.bulk.BulkResponseItem;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.vigil.alerting.testing.OpenSearchProbe.json;
import static org.assertj.core.api.Assertions.assertThat;

/** The templates on the real embedded node: installed once, re-installed as a no-op, and fit for real documents. */
@WithEmbeddedOpenSearch
class IndexTemplatesIT {

    private static OpenSearchProbe probe;

    @BeforeAll
    static void connect(EmbeddedOpenSearch openSearch) {
        probe = new OpenSearchProbe(openSearch.url());
    }

    @AfterAll
    static void disconnect() {
        probe.close();
    }

    @Test
    void installsEveryTemplateOnceAndReinstallingChangesNothing() {
        for (String template : List.of("vigil-alerts", "vigil-audit")) {
            probe.rest().delete("/_index_template/" + template);
        }
        for (String component : List.of("vigil-ecs", "vigil-alert", "vigil-audit")) {
            probe.rest().delete("/_component_template/" + component);
        }
        TemplateInstaller installer = new TemplateInstaller(probe.rest());

        List<TemplateInstaller.Result> first = installer.install();
        List<TemplateInstaller.Result> second = installer.install();

        assertThat(first).extracting(TemplateInstaller.Result::outcome).containsOnly(TemplateInstaller.Outcome.CREATED)
                .hasSize(5);
        assertThat(second).extracting(TemplateInstaller.Result::outcome)
                .containsOnly(TemplateInstaller.Outcome.UNCHANGED).hasSize(5);
        JsonNode installed = probe.rest().get("/_index_template/vigil-audit").body()
                .path("index_templates").get(0).path("index_template");
        assertThat(installed.path("version").asLong()).isEqualTo(1);
        assertThat(installed.path("composed_of").toString()).isEqualTo("[\"vigil-ecs\",\"vigil-audit\"]");

        // evidence indices refresh less often than alert indices (the later component template wins)
        JsonNode evidenceSettings = probe.rest().post("/_index_template/_simulate_index/vigil-audit-2031.01.01", null)
                .body().path("template").path("settings").path("index");
        JsonNode alertSettings = probe.rest().post("/_index_template/_simulate_index/vigil-alerts-2031.01.01", null)
                .body().path("template").path("settings").path("index");
        assertThat(evidenceSettings.path("refresh_interval").asString()).isEqualTo("5s");
        assertThat(alertSettings.path("refresh_interval").asString()).isEqualTo("1s");
    }

    @Test
    void updatesAnOlderTemplateAndKeepsANewerOne() {
        TemplateInstaller installer = new TemplateInstaller(probe.rest());
        installer.install();
        IndexTemplates.Template ecs = IndexTemplates.load(IndexTemplates.Kind.COMPONENT, "vigil-ecs");
        IndexTemplates.Template alerts = IndexTemplates.load(IndexTemplates.Kind.INDEX, "vigil-alerts");
        probe.rest().put("/_component_template/vigil-ecs", ((tools.jackson.databind.node.ObjectNode) ecs.body().deepCopy())
                .put("version", 0));
        probe.rest().put("/_index_template/vigil-alerts", ((tools.jackson.databind.node.ObjectNode) alerts.body()
                .deepCopy()).put("version", 7));

        Map<String, TemplateInstaller.Outcome> outcomes = new HashMap<>();
        installer.install().forEach(result -> outcomes.merge(result.name(), result.outcome(), (a, b) -> b));

        assertThat(outcomes.get("vigil-ecs")).isEqualTo(TemplateInstaller.Outcome.UPDATED);
        assertThat(outcomes.get("vigil-alerts")).isEqualTo(TemplateInstaller.Outcome.KEPT_NEWER);
        assertThat(outcomes.get("vigil-alert")).isEqualTo(TemplateInstaller.Outcome.UNCHANGED);
        probe.rest().put("/_index_template/vigil-alerts", alerts.body()); // back to this Vigil's version
    }

    @Test
    void evidenceIndicesGetTheConfiguredShardsAndAnotherCountIsInstalledAgain() {
        new TemplateInstaller(probe.rest()).install();
        try {
            List<TemplateInstaller.Result> changed = new TemplateInstaller(probe.rest(), 3).install();
            List<TemplateInstaller.Result> again = new TemplateInstaller(probe.rest(), 3).install();

            // components vigil-ecs, vigil-alert, vigil-audit, then the index templates: only the evidence component
            assertThat(changed).extracting(TemplateInstaller.Result::outcome).containsExactly(
                    TemplateInstaller.Outcome.UNCHANGED, TemplateInstaller.Outcome.UNCHANGED,
                    TemplateInstaller.Outcome.UPDATED, TemplateInstaller.Outcome.UNCHANGED,
                    TemplateInstaller.Outcome.UNCHANGED);
            assertThat(again).extracting(TemplateInstaller.Result::outcome)
                    .containsOnly(TemplateInstaller.Outcome.UNCHANGED);
            assertThat(simulatedShards("vigil-audit-2031.01.01")).isEqualTo("3");
            assertThat(simulatedShards("vigil-alerts-2031.01.01")).isEqualTo("1");
        } finally {
            new TemplateInstaller(probe.rest()).install(); // the shared node's other tests expect the default
        }
        assertThat(simulatedShards("vigil-audit-2031.01.01"))
                .isEqualTo(String.valueOf(IndexTemplates.DEFAULT_EVIDENCE_SHARDS));
    }

    private static String simulatedShards(String index) {
        return probe.rest().post("/_index_template/_simulate_index/" + index, null).body()
                .path("template").path("settings").path("index").path("number_of_shards").asString();
    }

    @Test
    void aNewerAlertComponentAddsItsFieldsToTheExistingAlertIndices() {
        TemplateInstaller installer = new TemplateInstaller(probe.rest());
        installer.install();
        IndexTemplates.Template alert = IndexTemplates.load(IndexTemplates.Kind.COMPONENT, "vigil-alert");
        var older = (tools.jackson.databind.node.ObjectNode) alert.body().deepCopy();
        older.put("version", 1);
        var vigil = (tools.jackson.databind.node.ObjectNode) older.at("/template/mappings/properties/vigil/properties");
        vigil.remove(List.of("status", "resolved_at"));
        probe.rest().put("/_component_template/vigil-alert", older);
        String index = "vigil-alerts-2033.01." + (10 + Math.floorMod(UUID.randomUUID().hashCode(), 18));
        assertThat(probe.rest().put("/" + index, json("{}")).ok()).isTrue();
        try {
            assertThat(probe.rest().get("/" + index + "/_mapping").body()
                    .at("/" + index + "/mappings/properties/vigil/properties/status").isMissingNode()).isTrue();

            Map<String, TemplateInstaller.Outcome> outcomes = new HashMap<>();
            installer.install().forEach(result -> outcomes.put(result.name(), result.outcome()));

            assertThat(outcomes.get("vigil-alert")).isEqualTo(TemplateInstaller.Outcome.UPDATED);
            JsonNode mapping = probe.rest().get("/" + index + "/_mapping").body()
                    .at("/" + index + "/mappings/properties/vigil/properties");
            assertThat(mapping.at("/status/type").asString()).isEqualTo("keyword");
            assertThat(mapping.at("/resolved_at/type").asString()).isEqualTo("date");
        } finally {
            probe.rest().delete("/" + index);
        }
    }

    @Test
    void indexesEveryThirdPartyEventAsEvidenceWithoutExplodingTheMapping() throws IOException {
        new TemplateInstaller(probe.rest()).install();
        String cluster = "templates-" + UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<AuditEvent> events = TestDocuments.thirdPartyEvents();
        List<Evidence> evidence = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            // each event keeps its content; ids are made unique because the data sets reuse some auditIDs
            evidence.add(TestDocuments.evidence(TestDocuments.copy(events.get(i), "tpl-" + i + "-" + cluster,
                    now.minusSeconds(i)), cluster, now));
        }
        Alert alert = TestDocuments.alert("anonymous-admin-action:" + cluster, "anonymous-admin-action",
                Severity.CRITICAL, "APP.4.4.A3", cluster, "kube-system", now, "tpl-0-" + cluster);

        BulkResponse response = probe.client().bulk(bulk -> {
            for (Evidence document : evidence) {
                bulk.operations(op -> op.<JsonNode>index(index -> index.index(IndexFamily.EVIDENCE.indexFor(
                        document.timestamp())).id(document.documentId()).document(VigilJson.tree(document))));
            }
            bulk.operations(op -> op.<JsonNode>index(index -> index.index(IndexFamily.ALERTS.indexFor(alert.timestamp()))
                    .id(alert.id()).document(VigilJson.tree(alert))));
            return bulk;
        });

        assertThat(response.items()).filteredOn(item -> item.error() != null)
                .extracting(item -> item.id() + ": " + item.error().reason()).isEmpty();
        assertThat(response.items()).extracting(BulkResponseItem::status).containsOnly(201);
        assertThat(probe.count(IndexFamily.EVIDENCE.pattern(), cluster)).isEqualTo(events.size());
        assertThat(events.size()).isGreaterThan(250);

        String index = IndexFamily.EVIDENCE.indexFor(now);
        JsonNode mapping = probe.rest().get("/" + index + "/_mapping").body().path(index).path("mappings");
        assertThat(leafFields(mapping.path("properties"))).isBetween(60, 120);
        assertThat(mapping.at("/properties/source/properties/ip/type").asString()).isEqualTo("ip");
        assertThat(mapping.at("/properties/@timestamp/type").asString()).isEqualTo("date");
        assertThat(mapping.at("/properties/kubernetes/properties/audit/properties/requestObject/type").asString())
                .isEqualTo("flat_object");

        // flat_object: any leaf of the request body is searchable by its path, as a keyword
        List<JsonNode> privileged = probe.search(IndexFamily.EVIDENCE.pattern(), json("""
                {"bool": {"filter": [
                  {"term": {"orchestrator.cluster.name": "%s"}},
                  {"term": {"kubernetes.audit.requestObject.spec.containers.securityContext.privileged": "true"}}]}}
                """.formatted(cluster)), 100);
        assertThat(privileged).isNotEmpty().allSatisfy(document ->
                assertThat(document.at("/kubernetes/audit/objectRef/resource").asString()).isIn("pods", "deployments",
                        "daemonsets", "replicasets", "statefulsets", "jobs", "cronjobs"));
        assertThat(probe.count(IndexFamily.ALERTS.pattern(), cluster)).isEqualTo(1);

        // audit id and request URI have no doc values: still found by term and by wildcard
        Evidence first = evidence.get(0);
        assertThat(probe.search(IndexFamily.EVIDENCE.pattern(), json("""
                {"bool": {"filter": [{"term": {"orchestrator.cluster.name": "%s"}},
                  {"term": {"kubernetes.audit.auditID": "%s"}}]}}""".formatted(cluster,
                first.kubernetes().audit().auditID())), 10))
                .hasSize(1);
        assertThat(probe.search(IndexFamily.EVIDENCE.pattern(), json("""
                {"bool": {"filter": [{"term": {"orchestrator.cluster.name": "%s"}},
                  {"wildcard": {"kubernetes.audit.requestURI": "/api*"}}]}}""".formatted(cluster)), 1000))
                .isNotEmpty();

        // panther's fixtures include a source address "not-an-ip": kept in _source, left out of the ip field
        List<JsonNode> malformed = probe.search(IndexFamily.EVIDENCE.pattern(), json("""
                {"bool": {"filter": [{"term": {"orchestrator.cluster.name": "%s"}},
                  {"term": {"_ignored": "source.ip"}}]}}""".formatted(cluster)), 10);
        assertThat(malformed).extracting(document -> document.at("/source/ip").asString()).containsExactly("not-an-ip");
    }

    private static int leafFields(JsonNode properties) {
        int count = 0;
        for (Map.Entry<String, JsonNode> field : properties.properties()) {
            JsonNode definition = field.getValue();
            count += definition.has("properties") ? leafFields(definition.path("properties")) : 1;
            count += definition.path("fields").size();
        }
        return count;
    }
}

package dev.vigil.alerting.index;

import dev.vigil.alerting.opensearch.OpenSearchRest;
import dev.vigil.alerting.testing.OpenSearchProbe;
import dev.vigil.alerting.testing.TestDocuments;
import dev.vigil.model.audit.AuditEvent;
import dev.vigil.model.evidence.Evidence;
import dev.vigil.model.json.VigilJson;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch._types.Refresh;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static dev.vigil.alerting.testing.OpenSearchProbe.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The re-keying of old evidence documents that docs/upgrading.md describes, step for step, on a real OpenSearch (the
 * official image: the embedded node has no Painless). Needs Docker; skipped where there is none.
 */
@Testcontainers(disabledWithoutDocker = true)
class EvidenceRekeyContainerIT {

    @Container
    private static final GenericContainer<?> OPENSEARCH = new GenericContainer<>("opensearchproject/opensearch:2.19.1")
            .withEnv("discovery.type", "single-node")
            .withEnv("DISABLE_SECURITY_PLUGIN", "true")
            .withEnv("DISABLE_INSTALL_DEMO_CONFIG", "true")
            .withEnv("OPENSEARCH_JAVA_OPTS", "-Xms512m -Xmx512m")
            .withExposedPorts(9200)
            .waitingFor(Wait.forHttp("/_cluster/health").forPort(9200).forStatusCode(200))
            .withStartupTimeout(Duration.ofMinutes(3));

    private static final String WAIT = "?wait_for_completion=true&refresh=true";
    private static final String OLD_IDS = "{\"bool\": {\"must_not\": {\"wildcard\": {\"event.id\": \"*/*\"}}}}";

    @Test
    void givesOldEvidenceItsClusterScopedIdAndKeepsANewerCopy() throws IOException {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String index = "vigil-audit-2091.01." + (10 + Math.floorMod(id.hashCode(), 18));
        String scratch = "vigil-upgrade-" + id;
        Instant time = Instant.parse(index.substring("vigil-audit-".length()).replace('.', '-') + "T10:00:00Z");
        AuditEvent base = TestDocuments.thirdPartyEvents().get(0);
        Evidence a = TestDocuments.evidence(TestDocuments.copy(base, "a-" + id, time), "east-" + id, time);
        Evidence b = TestDocuments.evidence(TestDocuments.copy(base, "b-" + id, time), "west-" + id, time);
        String url = "http://" + OPENSEARCH.getHost() + ":" + OPENSEARCH.getMappedPort(9200);
        try (OpenSearchProbe probe = new OpenSearchProbe(url)) {
            OpenSearchRest rest = probe.rest();
            new TemplateInstaller(rest).install();
            // two documents as an older version wrote them, and a's redelivery since the upgrade
            String oldA = AuditEvent.stageId("a-" + id, base.stage());
            String oldB = AuditEvent.stageId("b-" + id, base.stage());
            index(probe, index, oldA, oldShape(a, oldA));
            index(probe, index, oldB, oldShape(b, oldB));
            index(probe, index, a.documentId(), VigilJson.tree(a));

            ok(rest.put("/" + scratch, json("{\"mappings\": " + rest.get("/" + index + "/_mapping").body()
                    .path(index).path("mappings") + "}")));
            ok(rest.post("/_reindex" + WAIT, json("""
                    {"source": {"index": "%s", "query": %s}, "dest": {"index": "%s"},
                     "script": {"lang": "painless", "source":
                       "def c = ctx._source.orchestrator?.cluster?.name; ctx._id = (c == null ? '' : c) + '/' + ctx._id; if (ctx._source.event != null) { ctx._source.event.id = ctx._id; }"}}
                    """.formatted(index, OLD_IDS, scratch))));
            ok(rest.post("/_reindex" + WAIT, json("""
                    {"source": {"index": "%s"}, "dest": {"index": "%s", "op_type": "create"}, "conflicts": "proceed"}
                    """.formatted(scratch, index))));
            ok(rest.post("/" + index + "/_delete_by_query" + WAIT,
                    json("{\"query\": " + OLD_IDS + "}")));
            ok(rest.delete("/" + scratch));

            List<String> ids = new ArrayList<>();
            for (JsonNode hit : rest.post("/" + index + "/_search", json("{\"size\": 10}")).body().path("hits").path("hits")) {
                ids.add(hit.path("_id").asString());
                assertThat(hit.at("/_source/event/id").asString()).isEqualTo(hit.path("_id").asString());
            }
            assertThat(ids).containsExactlyInAnyOrder(a.documentId(), b.documentId());
        }
    }

    private static void index(OpenSearchProbe probe, String index, String id, JsonNode document) throws IOException {
        probe.client().index(request -> request.index(index).id(id).document(document).refresh(Refresh.True));
    }

    private static JsonNode oldShape(Evidence evidence, String oldId) {
        ObjectNode document = (ObjectNode) VigilJson.tree(evidence);
        ((ObjectNode) document.get("event")).put("id", oldId);
        return document;
    }

    private static void ok(OpenSearchRest.JsonResponse response) {
        assertThat(response.ok()).as(response.error()).isTrue();
    }
}

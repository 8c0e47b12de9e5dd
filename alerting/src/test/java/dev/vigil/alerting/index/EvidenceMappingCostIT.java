package dev.vigil.alerting.index;

import dev.vigil.alerting.testing.OpenSearchProbe;
import dev.vigil.alerting.testing.TestDocuments;
import dev.vigil.embedded.EmbeddedOpenSearch;
import dev.vigil.embedded.WithEmbeddedOpenSearch;
import dev.vigil.model.evidence.Evidence;
import dev.vigil.model.json.VigilJson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.core.BulkResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the evidence mapping costs OpenSearch per document (docs/performance.md, "Evidence"): the same evidence of the
 * third-party data bulk-indexed into indices mapped as the templates map {@code vigil-audit-*}, as the template before
 * (two more date fields), as version 3 (doc values of the audit id and request URI), as version 4 (the response
 * object a {@code flat_object}), and as variants without the {@code flat_object} request object or without the
 * last audit date, in alternating rounds on the embedded node (the first round warms the node up). Reports the node's own indexing time per document ({@code _stats} {@code index_time_in_millis}),
 * the bulk wall time and the store size; it asserts only that every variant indexed every document, the figures are
 * for the reader (the machine is shared, so compare variants of one run). {@code mvn verify} runs it small (every
 * variant indexes every document); measure with {@code -Dvigil.mappingcost.docs=2000 -Dvigil.mappingcost.rounds=3}.
 */
@WithEmbeddedOpenSearch
class EvidenceMappingCostIT {

    private static final int DOCUMENTS = Integer.getInteger("vigil.mappingcost.docs", 300);
    private static final int ROUNDS = Integer.getInteger("vigil.mappingcost.rounds", 1);
    private static final int BULK = 500;

    private static OpenSearchProbe probe;

    @BeforeAll
    static void connect(EmbeddedOpenSearch openSearch) {
        probe = new OpenSearchProbe(openSearch.url());
    }

    @AfterAll
    static void disconnect() {
        probe.close();
    }

    /** The variants: name → change to the evidence mapping's properties. */
    private static Map<String, Consumer<ObjectNode>> variants() {
        Map<String, Consumer<ObjectNode>> variants = new LinkedHashMap<>();
        variants.put("as-shipped", properties -> { });
        variants.put("version-2-duplicate-dates", properties -> {
            // the template before: stageTimestamp (= @timestamp) and vigil.received_at (= event.created) indexed too
            audit(properties).set("stageTimestamp", date());
            ((ObjectNode) properties.path("vigil").path("properties")).set("received_at", date());
        });
        variants.put("objects-unindexed", properties -> {
            audit(properties).set("requestObject", unindexed());
            audit(properties).set("responseObject", unindexed());
        });
        variants.put("version-4-response-flat-object", properties -> audit(properties).set("responseObject",
                VigilJson.mapper().createObjectNode().put("type", "flat_object"))); // the template before
        variants.put("no-audit-dates", properties -> audit(properties).remove("requestReceivedTimestamp"));
        variants.put("version-3-unique-doc-values", properties -> {
            // the template before: audit id and request URI (unique to nearly every event) with doc values
            ((ObjectNode) audit(properties).path("auditID")).remove("doc_values");
            ((ObjectNode) audit(properties).path("requestURI")).remove("doc_values");
        });
        return variants;
    }

    private static ObjectNode audit(ObjectNode properties) {
        return (ObjectNode) properties.path("kubernetes").path("properties").path("audit").path("properties");
    }

    private static ObjectNode date() {
        return VigilJson.mapper().createObjectNode().put("type", "date");
    }

    private static ObjectNode unindexed() {
        return VigilJson.mapper().createObjectNode().put("type", "object").put("enabled", false);
    }

    @Test
    void measuresTheEvidenceMappingVariants() throws IOException {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<JsonNode> documents = new ArrayList<>(DOCUMENTS);
        List<String> ids = new ArrayList<>(DOCUMENTS);
        for (Evidence evidence : TestDocuments.manyEvidence(TestDocuments.thirdPartyEvents(), DOCUMENTS, "cost", now)) {
            documents.add(VigilJson.tree(evidence));
            ids.add(evidence.documentId());
        }
        Map<String, List<long[]>> figures = new LinkedHashMap<>();
        for (int round = 0; round < ROUNDS; round++) {
            List<Map.Entry<String, Consumer<ObjectNode>>> order = new ArrayList<>(variants().entrySet());
            java.util.Collections.rotate(order, -round); // no variant is always the first of a round
            for (Map.Entry<String, Consumer<ObjectNode>> variant : order) {
                String index = "mapping-cost-" + variant.getKey().replace('+', '-') + "-" + round;
                ObjectNode properties = mergedProperties();
                variant.getValue().accept(properties);
                create(index, properties);
                long cpu = nodeCpuNanos();
                long start = System.nanoTime();
                for (int from = 0; from < DOCUMENTS; from += BULK) {
                    bulk(index, documents, ids, from, Math.min(DOCUMENTS, from + BULK));
                }
                long wallMicros = (System.nanoTime() - start) / 1_000;
                probe.rest().post("/" + index + "/_refresh", null);
                probe.rest().post("/" + index + "/_flush", null);
                long cpuMicros = (nodeCpuNanos() - cpu) / 1_000;
                JsonNode stats = probe.rest().get("/" + index + "/_stats/indexing,store,docs").body()
                        .path("indices").path(index).path("primaries");
                assertThat(stats.path("docs").path("count").asLong()).as(index).isEqualTo(DOCUMENTS);
                figures.computeIfAbsent(variant.getKey(), name -> new ArrayList<>()).add(new long[]{
                        stats.path("indexing").path("index_time_in_millis").asLong() * 1_000 / DOCUMENTS,
                        wallMicros / DOCUMENTS, stats.path("store").path("size_in_bytes").asLong() / DOCUMENTS,
                        cpuMicros / DOCUMENTS});
                probe.rest().delete("/" + index);
            }
        }
        StringBuilder report = new StringBuilder("evidence mapping cost, " + DOCUMENTS + " documents, " + ROUNDS
                + " rounds (per document: node index time µs, bulk wall µs, store bytes, CPU µs of the node's write,"
                + " refresh and flush threads)\n");
        figures.forEach((variant, rounds) -> {
            report.append(String.format(Locale.ROOT, "  %-32s", variant));
            rounds.forEach(r -> report.append(String.format(Locale.ROOT, "  %5d µs %5d µs %6d B %5d µs cpu", r[0], r[1],
                    r[2], r[3])));
            report.append('\n');
        });
        System.out.println(report);
    }

    /**
     * CPU time of the node's threads that index, refresh and flush: on a shared machine the node's wall-clock
     * indexing time moves with the load, its CPU time much less.
     */
    private static long nodeCpuNanos() {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && (info.getThreadName().contains("[write]") || info.getThreadName().contains("[refresh]")
                    || info.getThreadName().contains("[flush]"))) {
                sum += Math.max(threads.getThreadCpuTime(info.getThreadId()), 0);
            }
        }
        return sum;
    }

    /** The properties of {@code vigil-ecs} and {@code vigil-audit} as the composable template merges them. */
    private static ObjectNode mergedProperties() {
        ObjectNode merged = VigilJson.mapper().createObjectNode();
        for (String component : List.of("vigil-ecs", "vigil-audit")) {
            JsonNode properties = IndexTemplates.load(IndexTemplates.Kind.COMPONENT, component).body()
                    .path("template").path("mappings").path("properties");
            merge(merged, properties);
        }
        return merged;
    }

    private static void merge(ObjectNode target, JsonNode source) {
        for (Map.Entry<String, JsonNode> field : source.properties()) {
            JsonNode existing = target.get(field.getKey());
            if (existing instanceof ObjectNode object && field.getValue().isObject()) {
                merge(object, field.getValue());
            } else {
                target.set(field.getKey(), field.getValue().deepCopy());
            }
        }
    }

    private static void create(String index, ObjectNode properties) {
        ObjectNode body = VigilJson.mapper().createObjectNode();
        body.putObject("settings").putObject("index").put("number_of_shards", 1).put("number_of_replicas", 0)
                .put("refresh_interval", "5s");
        ObjectNode mappings = body.putObject("mappings");
        mappings.put("dynamic", false);
        mappings.set("properties", properties);
        var response = probe.rest().put("/" + index, body);
        assertThat(response.ok()).as(response.error()).isTrue();
    }

    private static void bulk(String index, List<JsonNode> documents, List<String> ids, int from, int to)
            throws IOException {
        BulkResponse response = probe.client().bulk(bulk -> {
            for (int i = from; i < to; i++) {
                JsonNode document = documents.get(i);
                String id = ids.get(i);
                bulk.operations(op -> op.<JsonNode>index(item -> item.index(index).id(id).document(document)));
            }
            return bulk;
        });
        assertThat(response.items()).filteredOn(item -> item.error() != null)
                .extracting(item -> item.id() + ": " + item.error().reason()).isEmpty();
    }
}

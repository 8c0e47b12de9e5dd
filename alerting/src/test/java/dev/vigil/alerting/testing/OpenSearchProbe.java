package dev.vigil.alerting.testing;

import dev.vigil.alerting.opensearch.OpenSearchClients;
import dev.vigil.alerting.opensearch.OpenSearchProperties;
import dev.vigil.alerting.opensearch.OpenSearchRest;
import dev.vigil.model.json.VigilJson;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.transport.OpenSearchTransport;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What the integration tests look at in OpenSearch: counts and documents of one test's cluster, mappings. */
public final class OpenSearchProbe implements AutoCloseable {

    private final OpenSearchTransport transport;
    private final OpenSearchClient client;
    private final OpenSearchRest rest;

    public OpenSearchProbe(String url) {
        this.transport = OpenSearchClients.transport(OpenSearchProperties.of(url));
        this.client = new OpenSearchClient(transport);
        this.rest = new OpenSearchRest(client);
    }

    public OpenSearchClient client() {
        return client;
    }

    public OpenSearchRest rest() {
        return rest;
    }

    /** Documents of {@code cluster} in the indices of {@code pattern}, after a refresh; 0 while OpenSearch is down. */
    public long count(String pattern, String cluster) {
        try {
            rest.post("/" + pattern + "/_refresh", null);
            OpenSearchRest.JsonResponse answer = rest.post("/" + pattern + "/_count", clusterQuery(cluster));
            return answer.ok() ? answer.body().path("count").asLong() : 0;
        } catch (UncheckedIOException e) {
            return 0;
        }
    }

    /** The sources of the documents matching {@code query} (a query clause), at most {@code size}. */
    public List<JsonNode> search(String pattern, JsonNode query, int size) {
        rest.post("/" + pattern + "/_refresh", null);
        ObjectNode body = VigilJson.mapper().createObjectNode();
        body.set("query", query);
        body.put("size", size);
        OpenSearchRest.JsonResponse answer = rest.post("/" + pattern + "/_search", body);
        if (!answer.ok()) {
            throw new IllegalStateException(answer.status() + " " + answer.error());
        }
        List<JsonNode> sources = new ArrayList<>();
        for (JsonNode hit : answer.body().path("hits").path("hits")) {
            sources.add(hit.path("_source"));
        }
        return sources;
    }

    public static JsonNode clusterQuery(String cluster) {
        return VigilJson.mapper().valueToTree(Map.of("query", Map.of("term",
                Map.of("orchestrator.cluster.name", cluster))));
    }

    public static JsonNode json(String text) {
        return VigilJson.mapper().readTree(text);
    }

    @Override
    public void close() {
        try {
            transport.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.vigil.bench.measure;

import dev.vigil.model.json.VigilJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Asks {@code vigil-audit-*} which of the given evidence documents (ids {@code <cluster>/<auditID>-<stage>}) are
 * searchable yet, without forcing a refresh: what a forensic search would find at that moment.
 */
final class EvidencePoller {

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI search;

    EvidencePoller(String openSearchUrl) {
        this.search = URI.create(openSearchUrl + "/vigil-audit-*/_search?ignore_unavailable=true&allow_no_indices=true");
    }

    /** Index operations the node has done on {@code vigil-audit-*} (primaries), 0 when it cannot tell. */
    long indexed() throws Exception {
        URI stats = search.resolve("/vigil-audit-*/_stats/indexing?ignore_unavailable=true&allow_no_indices=true");
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(stats).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            return 0;
        }
        return VigilJson.mapper().readTree(response.body()).path("_all").path("primaries").path("indexing")
                .path("index_total").asLong(0);
    }

    Set<String> searchable(List<String> documentIds) throws Exception {
        Set<String> found = new HashSet<>();
        if (documentIds.isEmpty()) {
            return found;
        }
        ObjectNode query = VigilJson.mapper().createObjectNode();
        query.put("size", documentIds.size());
        query.put("_source", false);
        ArrayNode ids = query.putObject("query").putObject("ids").putArray("values");
        documentIds.forEach(ids::add);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(search)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(query.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            return found;
        }
        for (JsonNode hit : VigilJson.mapper().readTree(response.body()).path("hits").path("hits")) {
            found.add(hit.path("_id").asString());
        }
        return found;
    }
}

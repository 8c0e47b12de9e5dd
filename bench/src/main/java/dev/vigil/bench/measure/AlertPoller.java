package dev.vigil.bench.measure;

import dev.vigil.model.json.VigilJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Asks {@code vigil-alerts-*} which of the given audit ids are evidence of a searchable alert. */
final class AlertPoller {

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI search;

    AlertPoller(String openSearchUrl) {
        this.search = URI.create(openSearchUrl + "/vigil-alerts-*/_search?ignore_unavailable=true&allow_no_indices=true");
    }

    /** The markers found, each with its alert's {@code event.created} (null if it has none). */
    Map<String, Instant> searchable(List<String> auditIds) throws Exception {
        if (auditIds.isEmpty()) {
            return Map.of();
        }
        ObjectNode query = VigilJson.mapper().createObjectNode();
        query.put("size", auditIds.size());
        query.putArray("_source").add("vigil.evidence.audit_ids").add("event.created");
        ArrayNode terms = query.putObject("query").putObject("terms").putArray("vigil.evidence.audit_ids");
        auditIds.forEach(terms::add);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(search)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(query.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        Map<String, Instant> found = new java.util.HashMap<>();
        if (response.statusCode() != 200) {
            return found;
        }
        for (JsonNode hit : VigilJson.mapper().readTree(response.body()).path("hits").path("hits")) {
            JsonNode created = hit.path("_source").path("event").path("created");
            Instant createdAt = created.isString() ? Instant.parse(created.asString()) : null;
            hit.path("_source").path("vigil").path("evidence").path("audit_ids")
                    .forEach(id -> found.put(id.asString(), createdAt));
        }
        return found;
    }
}

package dev.vigil.app.faults;

import dev.vigil.model.json.VigilJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads every document of an index pattern through the scroll API (plain HTTP, so the check depends on nothing
 * but OpenSearch itself): ids, and chosen source fields.
 */
final class OpenSearchScan {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** One document: its id, its index and the requested source (or null). */
    record Doc(String id, String index, JsonNode source) {
    }

    private static final int BUSY_RETRIES = 5;

    private final String url;

    OpenSearchScan(String url) {
        this.url = url;
    }

    /** Refreshes the pattern and counts its documents; 0 while the indices do not exist yet. */
    long count(String pattern) throws IOException, InterruptedException {
        send("POST", "/" + pattern + "/_refresh?ignore_unavailable=true&allow_no_indices=true", null);
        JsonNode answer = send("GET", "/" + pattern + "/_count?ignore_unavailable=true&allow_no_indices=true", null);
        return answer.path("count").asLong(0);
    }

    List<Doc> all(String pattern, String... sourceFields) throws IOException, InterruptedException {
        send("POST", "/" + pattern + "/_refresh?ignore_unavailable=true&allow_no_indices=true", null);
        ObjectNode query = VigilJson.mapper().createObjectNode();
        query.put("size", 5_000);
        query.putArray("sort").add("_doc");
        if (sourceFields.length == 0) {
            query.put("_source", false);
        } else {
            var includes = query.putArray("_source");
            for (String field : sourceFields) {
                includes.add(field);
            }
        }
        List<Doc> docs = new ArrayList<>();
        JsonNode page = send("POST", "/" + pattern + "/_search?scroll=1m&ignore_unavailable=true&allow_no_indices=true",
                query.toString());
        while (true) {
            JsonNode hits = page.path("hits").path("hits");
            if (hits.isEmpty()) {
                break;
            }
            for (JsonNode hit : hits) {
                docs.add(new Doc(hit.path("_id").asString(), hit.path("_index").asString(), hit.get("_source")));
            }
            ObjectNode next = VigilJson.mapper().createObjectNode();
            next.put("scroll", "1m");
            next.put("scroll_id", page.path("_scroll_id").asString());
            page = send("POST", "/_search/scroll", next.toString());
        }
        return docs;
    }

    private JsonNode send(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        // 429 is OpenSearch's circuit breaker (the node shares this JVM's heap with the scan): wait for a GC, retry
        for (int attempt = 1; response.statusCode() == 429 && attempt <= BUSY_RETRIES; attempt++) {
            System.gc();
            Thread.sleep(2_000L * attempt);
            response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
        if (response.statusCode() >= 300) {
            throw new IOException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return VigilJson.mapper().readTree(response.body());
    }
}

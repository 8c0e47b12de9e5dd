package dev.vigil.alerting.opensearch;

import dev.vigil.model.json.VigilJson;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch.generic.Body;
import org.opensearch.client.opensearch.generic.OpenSearchGenericClient;
import org.opensearch.client.opensearch.generic.Requests;
import org.opensearch.client.opensearch.generic.Response;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * JSON requests that the typed client does not model well (index templates kept as files, ISM policies of a plugin
 * the client has no types for), sent through the client's generic API with bodies and answers as Jackson 3 trees.
 * HTTP errors are answers here, not exceptions; an unreachable node throws {@link UncheckedIOException}.
 */
public final class OpenSearchRest {

    /** A status code and the parsed body ({@link MissingNode} when there is none). */
    public record JsonResponse(int status, JsonNode body) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }

        public boolean notFound() {
            return status == 404;
        }

        /** The error type and reason of a failed request, for a log line or an exception message. */
        public String error() {
            JsonNode error = body.path("error");
            return error.isObject()
                    ? error.path("type").asString("") + ": " + error.path("reason").asString("")
                    : body.toString();
        }
    }

    private final OpenSearchGenericClient generic;

    public OpenSearchRest(OpenSearchClient client) {
        this.generic = client.generic();
    }

    public JsonResponse get(String path) {
        return send("GET", path, Map.of(), null);
    }

    public JsonResponse get(String path, Map<String, String> query) {
        return send("GET", path, query, null);
    }

    public JsonResponse put(String path, JsonNode body) {
        return send("PUT", path, Map.of(), body);
    }

    public JsonResponse put(String path, Map<String, String> query, JsonNode body) {
        return send("PUT", path, query, body);
    }

    public JsonResponse post(String path, JsonNode body) {
        return send("POST", path, Map.of(), body);
    }

    public JsonResponse delete(String path) {
        return send("DELETE", path, Map.of(), null);
    }

    private JsonResponse send(String method, String path, Map<String, String> query, JsonNode body) {
        Requests.JsonBodyBuilder request = Requests.builder().method(method).endpoint(path).query(query);
        if (body != null) {
            request.json(VigilJson.write(body));
        }
        try (Response response = generic.execute(request.build())) {
            JsonNode parsed = response.getBody()
                    .map(OpenSearchRest::parse)
                    .orElse(MissingNode.getInstance());
            return new JsonResponse(response.getStatus(), parsed);
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed: " + e.getMessage(), e);
        }
    }

    private static JsonNode parse(Body body) {
        byte[] bytes = body.bodyAsBytes();
        return bytes.length == 0 ? MissingNode.getInstance() : VigilJson.mapper().readTree(bytes);
    }
}

package dev.vigil.dashboards.saved;

import dev.vigil.model.json.VigilJson;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/** One call of the OpenSearch Dashboards saved-objects import API ({@code POST /api/saved_objects/_import}). */
final class SavedObjectsClient {

    private static final MediaType NDJSON = MediaType.parseMediaType("application/ndjson");
    private static final int MAX_REASON_CHARS = 500;

    private final DashboardsProperties properties;
    private final RestClient client;

    SavedObjectsClient(DashboardsProperties properties) {
        this.properties = properties;
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(properties.requestTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
        requests.setReadTimeout(properties.requestTimeout());
        this.client = RestClient.builder().requestFactory(requests).build();
    }

    /** Uploads the NDJSON file, overwriting objects with the same ids; never throws. */
    ImportOutcome importObjects(byte[] ndjson) {
        MultipartBodyBuilder body = new MultipartBodyBuilder();
        body.part("file", new ByteArrayResource(ndjson)).filename(SavedObjects.FILE_NAME).contentType(NDJSON);
        try {
            return client.post()
                    .uri(properties.importEndpoint())
                    .headers(headers -> {
                        headers.set("osd-xsrf", "true");
                        if (properties.hasCredentials()) {
                            headers.setBasicAuth(properties.username(),
                                    properties.password() == null ? "" : properties.password(), StandardCharsets.UTF_8);
                        }
                    })
                    .contentType(MediaType.MULTIPART_FORM_DATA)
                    .body(body.build())
                    .exchange((request, response) -> outcome(response.getStatusCode(), read(response.getBody())));
        } catch (ResourceAccessException e) {
            return new ImportOutcome.RetryLater("Dashboards not reachable: " + (e.getCause() == null ? e.getMessage() : e.getCause()));
        }
    }

    private static ImportOutcome outcome(HttpStatusCode status, String body) {
        int code = status.value();
        if (status.is2xxSuccessful()) {
            return imported(body);
        }
        String reason = "HTTP " + code + ": " + abbreviate(body);
        boolean transientFailure = status.is5xxServerError() || code == 408 || code == 429;
        return transientFailure ? new ImportOutcome.RetryLater(reason) : new ImportOutcome.Rejected(reason);
    }

    /** {@code {"success":true,"successCount":n}} or {@code {"success":false,"errors":[{id,type,error:{type}}…]}}. */
    private static ImportOutcome imported(String body) {
        JsonNode answer;
        try {
            answer = VigilJson.mapper().readTree(body);
        } catch (JacksonException e) {
            return new ImportOutcome.Rejected("not a saved-objects import answer: " + abbreviate(body));
        }
        if (answer.path("success").asBoolean(false)) {
            return new ImportOutcome.Imported(answer.path("successCount").asInt(0));
        }
        String errors = StreamSupport.stream(answer.path("errors").spliterator(), false)
                .map(error -> error.path("type").asString("?") + "/" + error.path("id").asString("?") + ": "
                        + error.path("error").path("type").asString("unknown"))
                .collect(Collectors.joining(", "));
        return new ImportOutcome.Rejected("Dashboards imported " + answer.path("successCount").asInt(0)
                + " objects and refused " + (errors.isEmpty() ? abbreviate(body) : errors));
    }

    private static String read(InputStream body) throws IOException {
        return new String(body.readAllBytes(), StandardCharsets.UTF_8);
    }

    private static String abbreviate(String text) {
        String flat = text == null ? "" : text.replaceAll("\\s+", " ").strip();
        return flat.length() <= MAX_REASON_CHARS ? flat : flat.substring(0, MAX_REASON_CHARS) + "…";
    }
}

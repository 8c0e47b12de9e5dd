package dev.vigil.app.opensearch;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import dev.vigil.alerting.tls.PemTrust;
import dev.vigil.alerting.opensearch.OpenSearchProperties;
import dev.vigil.model.json.VigilJson;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import tools.jackson.databind.JsonNode;

/**
 * {@code /actuator/health} component {@code opensearch}: up when {@code GET /} of the configured URL answers 2xx
 * within the timeout, with the same credentials and TLS trust the indexer uses. Credentials never appear in the
 * details: the URL is shown without user info.
 */
final class OpenSearchHealthIndicator extends AbstractHealthIndicator {

    private final OpenSearchProperties properties;
    private final Duration timeout;
    private final HttpClient client;

    OpenSearchHealthIndicator(OpenSearchProperties properties, Duration timeout) {
        super("OpenSearch health check failed");
        this.properties = properties;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .sslContext(PemTrust.sslContext(properties.caCertificate()))
                .build();
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        builder.withDetail("url", OpenSearchUrls.display(properties.url()));
        HttpResponse<String> response = client.send(request(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            builder.down().withDetail("status", response.statusCode());
            return;
        }
        JsonNode root = VigilJson.mapper().readTree(response.body());
        builder.up()
                .withDetail("clusterName", root.path("cluster_name").asString(""))
                .withDetail("version", root.path("version").path("number").asString(""));
    }

    private HttpRequest request() {
        HttpRequest.Builder request = HttpRequest.newBuilder(properties.url().resolve("/"))
                .timeout(timeout)
                .header("Accept", "application/json")
                .GET();
        if (hasText(properties.username())) {
            String credentials = properties.username() + ":" + (properties.password() == null ? "" : properties.password());
            request.header("Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        if (hasText(properties.apiKey())) {
            boolean authorization = "Authorization".equalsIgnoreCase(properties.apiKeyHeader());
            request.header(properties.apiKeyHeader(), authorization ? "ApiKey " + properties.apiKey() : properties.apiKey());
        }
        return request.build();
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }
}

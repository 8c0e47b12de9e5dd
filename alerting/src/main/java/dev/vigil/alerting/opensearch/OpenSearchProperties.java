package dev.vigil.alerting.opensearch;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How Vigil reaches OpenSearch ({@code vigil.opensearch.*}, also from the environment, e.g.
 * {@code VIGIL_OPENSEARCH_PASSWORD}). Secrets are masked in {@link #toString()} and never logged.
 *
 * @param url             base URL of the OpenSearch HTTP API; {@code https} enables TLS
 * @param username        user for HTTP basic authentication; empty for none
 * @param password        password for HTTP basic authentication
 * @param apiKey          API key sent in {@code apiKeyHeader} on every request; empty for none
 * @param apiKeyHeader    header that carries the API key; for {@code Authorization} the value is {@code ApiKey <key>}
 * @param caCertificate   PEM file with the CA certificate(s) that signed the server certificate; empty to trust the
 *                        JVM's default trust store
 * @param connectTimeout  time allowed to open a connection
 * @param responseTimeout time allowed for a response (a bulk request of the indexer included)
 */
@ConfigurationProperties("vigil.opensearch")
@Validated
public record OpenSearchProperties(
        @DefaultValue("http://127.0.0.1:9200") @NotNull URI url,
        String username,
        String password,
        String apiKey,
        @DefaultValue("Authorization") @NotNull String apiKeyHeader,
        Path caCertificate,
        @DefaultValue("5s") @NotNull Duration connectTimeout,
        @DefaultValue("60s") @NotNull Duration responseTimeout) {

    static final String MASK = "******";

    public OpenSearchProperties {
        if (url != null && !"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
            throw new IllegalArgumentException("vigil.opensearch.url must be an http or https URL, not " + url);
        }
        if (hasText(password) && !hasText(username)) {
            throw new IllegalArgumentException("vigil.opensearch.password is set without vigil.opensearch.username");
        }
        if (hasText(username) && hasText(apiKey) && "Authorization".equalsIgnoreCase(apiKeyHeader)) {
            throw new IllegalArgumentException(
                    "basic authentication and an API key in the Authorization header exclude each other");
        }
    }

    /** Plain HTTP to the given URL without authentication, with the default timeouts (the embedded node, tests). */
    public static OpenSearchProperties of(String url) {
        return new OpenSearchProperties(URI.create(url), null, null, null, "Authorization", null,
                Duration.ofSeconds(5), Duration.ofSeconds(60));
    }

    boolean basicAuth() {
        return hasText(username);
    }

    boolean apiKeyAuth() {
        return hasText(apiKey);
    }

    @Override
    public String toString() {
        return "OpenSearchProperties[url=" + url + ", username=" + username
                + ", password=" + (hasText(password) ? MASK : null)
                + ", apiKey=" + (hasText(apiKey) ? MASK : null) + ", apiKeyHeader=" + apiKeyHeader
                + ", caCertificate=" + caCertificate + ", connectTimeout=" + connectTimeout
                + ", responseTimeout=" + responseTimeout + "]";
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }
}

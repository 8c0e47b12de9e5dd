package dev.vigil.alerting.opensearch;

import dev.vigil.alerting.tls.PemTrust;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.message.BasicHeader;
import org.apache.hc.core5.util.Timeout;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.transport.OpenSearchTransport;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLContext;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Builds the opensearch-java client (Apache HttpClient 5 transport) from {@link OpenSearchProperties}: basic or
 * API-key authentication sent pre-emptively as a default header, TLS trusting a custom CA, and timeouts.
 */
public final class OpenSearchClients {

    private static final Logger LOG = LoggerFactory.getLogger(OpenSearchClients.class);

    private OpenSearchClients() {
    }

    public static OpenSearchClient create(OpenSearchProperties properties) {
        return new OpenSearchClient(transport(properties));
    }

    /** The transport alone: it owns the HTTP connections and must be closed when no longer used. */
    public static OpenSearchTransport transport(OpenSearchProperties properties) {
        HttpHost host = HttpHost.create(properties.url());
        SSLContext sslContext = sslContext(properties);
        ApacheHttpClient5TransportBuilder builder = ApacheHttpClient5TransportBuilder.builder(host)
                .setMapper(OpenSearchJson.mapper())
                .setDefaultHeaders(authHeaders(properties).toArray(Header[]::new))
                .setRequestConfigCallback(request -> request
                        .setResponseTimeout(Timeout.of(properties.responseTimeout()))
                        .setConnectionRequestTimeout(Timeout.of(properties.responseTimeout())))
                .setHttpClientConfigCallback(http -> http.setConnectionManager(
                        PoolingAsyncClientConnectionManagerBuilder.create()
                                .setDefaultConnectionConfig(ConnectionConfig.custom()
                                        .setConnectTimeout(Timeout.of(properties.connectTimeout()))
                                        .setSocketTimeout(Timeout.of(properties.responseTimeout()))
                                        .build())
                                .setTlsStrategy(ClientTlsStrategyBuilder.create().setSslContext(sslContext).build())
                                .setMaxConnPerRoute(10)
                                .setMaxConnTotal(30)
                                .build()));
        String path = properties.url().getPath();
        if (path != null && !path.isEmpty() && !"/".equals(path)) {
            builder.setPathPrefix(path);
        }
        LOG.info("OpenSearch at {} ({}{})", host.toURI(), authDescription(properties),
                properties.caCertificate() == null ? "" : ", trusting the CA in " + properties.caCertificate());
        return builder.build();
    }

    static List<Header> authHeaders(OpenSearchProperties properties) {
        List<Header> headers = new ArrayList<>();
        if (properties.basicAuth()) {
            String password = properties.password() == null ? "" : properties.password();
            String token = Base64.getEncoder().encodeToString(
                    (properties.username() + ":" + password).getBytes(StandardCharsets.UTF_8));
            headers.add(new BasicHeader(HttpHeaders.AUTHORIZATION, "Basic " + token, true));
        }
        if (properties.apiKeyAuth()) {
            boolean authorization = HttpHeaders.AUTHORIZATION.equalsIgnoreCase(properties.apiKeyHeader());
            headers.add(new BasicHeader(properties.apiKeyHeader(),
                    authorization ? "ApiKey " + properties.apiKey() : properties.apiKey(), true));
        }
        return headers;
    }

    private static String authDescription(OpenSearchProperties properties) {
        if (properties.basicAuth()) {
            return "basic authentication as " + properties.username();
        }
        return properties.apiKeyAuth() ? "API key in header " + properties.apiKeyHeader() : "no authentication";
    }

    private static SSLContext sslContext(OpenSearchProperties properties) {
        if (properties.caCertificate() != null) {
            return PemTrust.sslContext(properties.caCertificate());
        }
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no default TLS context", e);
        }
    }
}

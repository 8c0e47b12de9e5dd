package dev.vigil.alerting.notify.target;

import jakarta.validation.constraints.NotNull;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/** A generic JSON webhook: each alert document is POSTed as is, optionally signed with HMAC-SHA256. */
public class WebhookProperties extends TargetProperties {

    /** The http(s) URL the alert JSON is POSTed to; treated as a secret (it may carry a token). */
    @NotNull
    private URI url;

    /** Shared secret for the {@code X-Vigil-Signature} HMAC-SHA256 header; unset: requests are not signed. */
    private String secret;

    /** Extra request headers, e.g. {@code Authorization}; their values are treated as secrets. */
    private Map<String, String> headers = new LinkedHashMap<>();

    @Override
    public String type() {
        return "webhook";
    }

    @Override
    public String destination() {
        return masked(url) + (secret == null ? "" : " (signed)")
                + (headers.isEmpty() ? "" : " headers " + headers.keySet() + " (values masked)");
    }

    public URI getUrl() {
        return url;
    }

    public void setUrl(URI url) {
        this.url = url;
    }

    public String getSecret() {
        return secret;
    }

    public void setSecret(String secret) {
        this.secret = secret;
    }

    public Map<String, String> getHeaders() {
        return headers;
    }

    public void setHeaders(Map<String, String> headers) {
        this.headers = headers;
    }
}

package dev.vigil.alerting.notify.http;

import dev.vigil.alerting.notify.target.DeliveryException;
import dev.vigil.alerting.notify.target.Product;
import dev.vigil.alerting.notify.target.TargetProperties;
import dev.vigil.alerting.tls.PemTrust;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * POSTs one body to one webhook URL and classifies the answer: 2xx delivered; 408, 425, 429 and 5xx, connection
 * errors and timeouts retryable; any other status permanent. Redirects are not followed (a signed body must not
 * travel to another host). Error messages name the masked destination only, never the URL or a header value.
 */
final class HttpPoster {

    private static final Set<Integer> RETRYABLE_4XX = Set.of(408, 425, 429);
    private static final int MAX_ERROR_BODY = 200;

    private final URI url;
    private final String notifier;
    private final Duration timeout;
    private final HttpClient client;

    HttpPoster(URI url, TargetProperties target) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
            throw new IllegalArgumentException("notifier " + target.getName() + ": url must be an http(s) URL with a host");
        }
        this.url = url;
        this.notifier = target.getName();
        this.timeout = target.getTimeout();
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(target.getConnectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER);
        if (scheme.equals("https")) {
            builder.sslContext(PemTrust.sslContext(target.getCaFile()));
        }
        this.client = builder.build();
    }

    /** Fails at start-up, not at the first alert, on headers the HTTP client refuses (e.g. Host, Content-Length). */
    void checkHeaders(Map<String, String> headers) {
        headers.forEach((name, value) -> {
            try {
                HttpRequest.newBuilder(url).header(name, value);
            } catch (IllegalArgumentException e) {
                // The client's message may quote the value, which is a secret: name the header only.
                throw new IllegalArgumentException("notifier " + notifier + ": header '" + name
                        + "' cannot be sent (restricted name or invalid value)");
            }
        });
    }

    void post(byte[] body, Map<String, String> headers) throws DeliveryException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("User-Agent", Product.NAME + "/" + Product.version())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw DeliveryException.retryable("no answer within the timeout (" + e.getClass().getSimpleName() + ")");
        } catch (IOException e) {
            throw DeliveryException.retryable("connection failed (" + e.getClass().getSimpleName() + ")");
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return;
        }
        String reason = "HTTP " + status + answer(response.body());
        if (status >= 500 || RETRYABLE_4XX.contains(status)) {
            Duration retryAfter = response.headers().firstValue("Retry-After").flatMap(HttpPoster::seconds).orElse(null);
            throw DeliveryException.retryable(reason, retryAfter);
        }
        throw DeliveryException.permanent(reason);
    }

    private static String answer(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String text = body.strip().replaceAll("\\p{Cntrl}+", " ");
        return ": " + (text.length() > MAX_ERROR_BODY ? text.substring(0, MAX_ERROR_BODY) + "…" : text);
    }

    private static Optional<Duration> seconds(String retryAfter) {
        try {
            return Optional.of(Duration.ofSeconds(Long.parseLong(retryAfter.trim())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}

package dev.vigil.alerting.notify.http;

import dev.vigil.alerting.notify.target.AlertSender;
import dev.vigil.alerting.notify.target.DeliveryException;
import dev.vigil.alerting.notify.target.HeldBackSummary;
import dev.vigil.alerting.notify.target.WebhookProperties;
import dev.vigil.model.alert.Alert;
import dev.vigil.model.json.VigilJson;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The generic JSON webhook: POSTs the contract alert document exactly as on {@code vigil.alerts}
 * ({@code X-Vigil-Event: alert}) and rate-limit summaries ({@code X-Vigil-Event: rate-limit-summary}), signed with
 * {@code X-Vigil-Timestamp} / {@code X-Vigil-Signature} when a secret is configured.
 */
public final class JsonWebhookSender implements AlertSender {

    public static final String EVENT_HEADER = "X-Vigil-Event";
    public static final String ALERT_ID_HEADER = "X-Vigil-Alert-Id";
    public static final String TIMESTAMP_HEADER = "X-Vigil-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Vigil-Signature";

    private final HttpPoster poster;
    private final HmacSigner signer;
    private final Map<String, String> extraHeaders;
    private final Clock clock;

    public JsonWebhookSender(WebhookProperties target, Clock clock) {
        this.poster = new HttpPoster(target.getUrl(), target);
        this.signer = target.getSecret() == null || target.getSecret().isEmpty() ? null : new HmacSigner(target.getSecret());
        this.extraHeaders = Map.copyOf(target.getHeaders());
        poster.checkHeaders(extraHeaders);
        this.clock = clock;
    }

    @Override
    public void send(Alert alert) throws DeliveryException, InterruptedException {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(EVENT_HEADER, "alert");
        if (alert.id() != null && alert.id().matches("[!-~]{1,200}")) {
            headers.put(ALERT_ID_HEADER, alert.id());
        }
        post(VigilJson.writeBytes(alert), headers);
    }

    @Override
    public void sendSummary(HeldBackSummary summary) throws DeliveryException, InterruptedException {
        post(VigilJson.writeBytes(summary), new LinkedHashMap<>(Map.of(EVENT_HEADER, "rate-limit-summary")));
    }

    private void post(byte[] body, Map<String, String> headers) throws DeliveryException, InterruptedException {
        headers.putAll(extraHeaders);
        headers.put("Content-Type", "application/json");
        if (signer != null) {
            String timestamp = Long.toString(clock.instant().getEpochSecond());
            headers.put(TIMESTAMP_HEADER, timestamp);
            headers.put(SIGNATURE_HEADER, signer.sign(timestamp, body));
        }
        poster.post(body, headers);
    }
}

package dev.vigil.alerting.notify.http;

import dev.vigil.alerting.notify.target.AlertSender;
import dev.vigil.alerting.notify.target.ChatProperties;
import dev.vigil.alerting.notify.target.ConsoleLinks;
import dev.vigil.alerting.notify.target.DeliveryException;
import dev.vigil.alerting.notify.target.HeldBackSummary;
import dev.vigil.model.alert.Alert;
import dev.vigil.model.json.VigilJson;

import java.util.Map;

/**
 * Slack / Mattermost / Teams-compatible incoming webhook: POSTs {@code {"text": …}} with a readable message per
 * alert (see {@link ChatText}) and one per rate-limit summary.
 */
public final class ChatWebhookSender implements AlertSender {

    private static final Map<String, String> HEADERS = Map.of("Content-Type", "application/json; charset=utf-8");

    private final HttpPoster poster;
    private final ChatText text;
    private final ConsoleLinks links;

    public ChatWebhookSender(ChatProperties target, ConsoleLinks links) {
        this.poster = new HttpPoster(target.getUrl(), target);
        this.text = new ChatText(target.getFlavor());
        this.links = links;
    }

    @Override
    public void send(Alert alert) throws DeliveryException, InterruptedException {
        post(text.alert(alert, links.alert(alert.id())));
    }

    @Override
    public void sendSummary(HeldBackSummary summary) throws DeliveryException, InterruptedException {
        post(text.summary(summary, links.alerts()));
    }

    private void post(String message) throws DeliveryException, InterruptedException {
        poster.post(VigilJson.writeBytes(Map.of("text", message)), HEADERS);
    }
}

package dev.vigil.alerting.notify;

import dev.vigil.alerting.notify.target.ChatProperties;
import dev.vigil.alerting.notify.target.TargetProperties;
import dev.vigil.alerting.notify.target.WebhookProperties;
import dev.vigil.alerting.notify.target.SyslogProperties;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code vigil.notify}: the SOC notifiers. Each configured target runs as its own consumer of {@code vigil.alerts}
 * (group {@code vigil-notify-<name>}), so a slow or unreachable target never delays indexing or the other targets.
 */
@ConfigurationProperties("vigil.notify")
@Validated
public class NotifierProperties {

    /** Base URL of the Vigil console; chat messages and CEF events link to {@code <console-base-url>/alerts/<id>}. */
    @NotNull
    private URI consoleBaseUrl = URI.create("http://127.0.0.1:8080");

    /** Generic JSON webhooks: the alert document POSTed as is, optionally HMAC-signed. */
    private List<@Valid WebhookProperties> webhooks = new ArrayList<>();

    /** Slack / Mattermost / Teams-compatible incoming webhooks: a readable text message per alert. */
    private List<@Valid ChatProperties> chat = new ArrayList<>();

    /** Syslog receivers (SIEMs): RFC 5424 with a CEF payload over udp, tcp or tls. */
    private List<@Valid SyslogProperties> syslog = new ArrayList<>();

    /** Every configured target that is enabled, webhooks first. */
    public List<TargetProperties> enabledTargets() {
        return Stream.of(webhooks, chat, syslog).flatMap(List::stream)
                .map(TargetProperties.class::cast)
                .filter(TargetProperties::isEnabled)
                .toList();
    }

    public URI getConsoleBaseUrl() {
        return consoleBaseUrl;
    }

    public void setConsoleBaseUrl(URI consoleBaseUrl) {
        this.consoleBaseUrl = consoleBaseUrl;
    }

    public List<WebhookProperties> getWebhooks() {
        return webhooks;
    }

    public void setWebhooks(List<WebhookProperties> webhooks) {
        this.webhooks = webhooks;
    }

    public List<ChatProperties> getChat() {
        return chat;
    }

    public void setChat(List<ChatProperties> chat) {
        this.chat = chat;
    }

    public List<SyslogProperties> getSyslog() {
        return syslog;
    }

    public void setSyslog(List<SyslogProperties> syslog) {
        this.syslog = syslog;
    }

    @Override
    public String toString() {
        return "NotifierProperties[console-base-url=" + consoleBaseUrl + ", targets=" + enabledTargets() + "]";
    }
}

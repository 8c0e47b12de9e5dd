package dev.vigil.alerting.notify.target;

import jakarta.validation.constraints.NotNull;

import java.net.URI;

/** A Slack, Mattermost or Teams-compatible incoming webhook: a readable {@code {"text": …}} message per alert. */
public class ChatProperties extends TargetProperties {

    /** The incoming-webhook URL; treated as a secret (its path is the token). */
    @NotNull
    private URI url;

    /** Markup of the text: slack (Slack mrkdwn) or markdown (Mattermost, Teams). */
    @NotNull
    private Flavor flavor = Flavor.SLACK;

    /** Text markup understood by the chat system. */
    public enum Flavor {
        /** Slack mrkdwn: {@code *bold*}, {@code &<>} escaped. */
        SLACK,
        /** Markdown: {@code **bold**} (Mattermost, Microsoft Teams). */
        MARKDOWN
    }

    @Override
    public String type() {
        return "chat";
    }

    @Override
    public String destination() {
        return masked(url);
    }

    public URI getUrl() {
        return url;
    }

    public void setUrl(URI url) {
        this.url = url;
    }

    public Flavor getFlavor() {
        return flavor;
    }

    public void setFlavor(Flavor flavor) {
        this.flavor = flavor;
    }
}

package dev.vigil.alerting.notify.http;

import dev.vigil.alerting.notify.target.ChatProperties;
import dev.vigil.alerting.notify.target.ChatProperties.Flavor;
import dev.vigil.alerting.notify.target.ConsoleLinks;
import dev.vigil.alerting.notify.target.HeldBackSummary;
import dev.vigil.alerting.notify.HttpReceiver;
import dev.vigil.alerting.notify.TestAlerts;
import dev.vigil.model.alert.Severity;
import dev.vigil.model.json.VigilJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ChatWebhookSenderTest {

    private static final ConsoleLinks LINKS = new ConsoleLinks(URI.create("https://vigil.example.com/"));
    private final HttpReceiver receiver = new HttpReceiver();

    ChatWebhookSenderTest() throws IOException {
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    private ChatWebhookSender sender(Flavor flavor) {
        ChatProperties target = new ChatProperties();
        target.setName("slack");
        target.setUrl(receiver.url("/services/T000/B000/XXXX"));
        target.setFlavor(flavor);
        return new ChatWebhookSender(target, LINKS);
    }

    private String postedText() throws IOException {
        HttpReceiver.Request request = receiver.requests().get(receiver.requests().size() - 1);
        JsonNode json = VigilJson.mapper().readTree(request.body());
        assertThat(json.propertyNames()).containsExactly("text");
        return json.path("text").asString();
    }

    @Test
    void textTellsSeverityRuleWhoWhatWhereAndLinksTheConsole() throws Exception {
        sender(Flavor.SLACK).send(TestAlerts.anonymousAdmin("abc 123"));

        String text = postedText();
        assertThat(text.lines().toList()).containsExactly(
                "*[CRITICAL] Anonymous admin action* (`anonymous-admin-action`)",
                "`Anonymous user created clusterrolebindings/pwn (allowed)`",
                "*Who:* `system:anonymous` (groups `system:unauthenticated`) from `203.0.113.7` using `curl/8.5.0`",
                "*What:* `create` `clusterrolebindings/pwn` (`rbac.authorization.k8s.io/v1`)",
                "*Where:* cluster `prod-1`, namespace `kube-system`",
                "*Refs:* BSI `APP.4.4.A3` · MITRE ATT&amp;CK `T1078.001`",
                "*Seen:* at 2026-11-23T10:00:00Z",
                "*Alert:* https://vigil.example.com/alerts/abc%20123");
        assertThat(receiver.requests().get(0).header("Content-Type")).startsWith("application/json");
    }

    @Test
    void markdownFlavorUsesDoubleAsterisksAndTellsRepeats() throws Exception {
        sender(Flavor.MARKDOWN).send(TestAlerts.repeated(TestAlerts.anonymousAdmin("md"), 3));

        String text = postedText();
        assertThat(text).startsWith("**[CRITICAL] Anonymous admin action**")
                .contains("**Where:** cluster `prod-1`", "**Refs:** BSI `APP.4.4.A3` · MITRE ATT&CK `T1078.001`",
                        "**Seen:** 3× between 2026-11-23T10:00:00Z and 2026-11-23T10:03:00Z");
    }

    @Test
    void attackerControlledValuesCannotMentionFormatOrAddLines() throws Exception {
        sender(Flavor.SLACK).send(TestAlerts.hostile("hostile"));

        String text = postedText();
        assertThat(text).doesNotContain("<!channel>", "<!here>", "`kubectl`")
                .contains("`evil=user\\name|x &lt;!channel&gt; @all`", "`'kubectl' &lt;!here&gt; *bold*`");
        assertThat(text.lines()).hasSize(8).noneMatch(line -> line.startsWith("second line"));
    }

    @Test
    void summaryTellsHowManyAlertsWereHeldBack() throws Exception {
        sender(Flavor.SLACK).sendSummary(new HeldBackSummary("slack", 12, TestAlerts.AT, TestAlerts.AT.plusSeconds(60),
                10, Duration.ofMinutes(1), Map.of("privileged-pod", 12L), Severity.CRITICAL, List.of("x")));

        assertThat(postedText()).isEqualTo("*[RATE LIMIT] Vigil held back 12 alerts* for this channel (limit 10 per PT1M)"
                + " between 2026-11-23T10:00:00Z and 2026-11-23T10:01:00Z, highest severity critical:"
                + " `privileged-pod` ×12\n*Alerts:* https://vigil.example.com/alerts");
    }
}

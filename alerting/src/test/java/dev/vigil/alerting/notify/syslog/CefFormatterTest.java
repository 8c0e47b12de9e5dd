package dev.vigil.alerting.notify.syslog;

import dev.vigil.alerting.notify.target.HeldBackSummary;
import dev.vigil.alerting.notify.target.Product;
import dev.vigil.alerting.notify.TestAlerts;
import dev.vigil.model.alert.Severity;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CefFormatterTest {

    private static final String LINK = "https://vigil.example.com/alerts/a1";
    private final CefFormatter cef = new CefFormatter();

    @Test
    void mapsTheAlertToCefHeaderAndExtension() {
        String line = cef.alert(TestAlerts.repeated(TestAlerts.anonymousAdmin("a1"), 2), LINK);
        CefEvent event = CefEvent.parse(line);

        assertThat(line).startsWith("CEF:0|Vigil|Vigil|" + Product.version()
                + "|anonymous-admin-action|Anonymous admin action|10|rt=");
        assertThat(event.header()).containsExactly("CEF:0", "Vigil", "Vigil", Product.version(),
                "anonymous-admin-action", "Anonymous admin action", "10");
        assertThat(event.extension()).containsAllEntriesOf(Map.ofEntries(
                Map.entry("rt", Long.toString(TestAlerts.AT.toEpochMilli())),
                Map.entry("start", Long.toString(TestAlerts.AT.toEpochMilli())),
                Map.entry("end", Long.toString(TestAlerts.AT.plusSeconds(120).toEpochMilli())),
                Map.entry("cnt", "2"),
                Map.entry("msg", "Anonymous user created clusterrolebindings/pwn (allowed)"),
                Map.entry("suser", "system:anonymous"),
                Map.entry("src", "203.0.113.7"),
                Map.entry("requestClientApplication", "curl/8.5.0"),
                Map.entry("act", "create"),
                Map.entry("cat", "iam"),
                Map.entry("externalId", "a1")));
        assertThat(event.custom("cluster")).isEqualTo("prod-1");
        assertThat(event.custom("namespace")).isEqualTo("kube-system");
        assertThat(event.custom("resource")).isEqualTo("clusterrolebindings/pwn");
        assertThat(event.custom("bsi")).isEqualTo("APP.4.4.A3");
        assertThat(event.custom("mitre")).isEqualTo("T1078.001");
        assertThat(event.custom("console")).isEqualTo(LINK);
    }

    @Test
    void escapesPipesBackslashesEqualsAndLineBreaksSoNoFieldCanBeForged() {
        String line = cef.alert(TestAlerts.hostile("h1"), LINK);
        CefEvent event = CefEvent.parse(line);

        assertThat(line).doesNotContain("\n", "\r")
                .contains("|Privileged \\| pod|", "suser=evil\\=user\\\\name|x <!channel> @all",
                        "msg=created a\\=b | c\\\\d\\nsecond line");
        assertThat(event.header().get(5)).isEqualTo("Privileged | pod");
        assertThat(event.ext("suser")).isEqualTo("evil=user\\name|x <!channel> @all");
        assertThat(event.ext("msg")).isEqualTo("created a=b | c\\d\nsecond line");
        assertThat(event.ext("requestClientApplication")).isEqualTo("`kubectl`\n<!here> *bold*");
        assertThat(event.ext("src")).isEqualTo("2001:db8::7");
        assertThat(event.extension()).doesNotContainKey("user");
    }

    @Test
    void headerEscapingTurnsLineBreaksIntoSpaces() {
        assertThat(CefFormatter.headerField("a|b\\c\r\nd")).isEqualTo("a\\|b\\\\c d");
        assertThat(CefFormatter.extensionValue("k=v\\w\r\nx\ry")).isEqualTo("k\\=v\\\\w\\nx\\ry");
    }

    @Test
    void severityMapsToTheCefScale() {
        assertThat(Arrays.stream(Severity.values()).map(CefFormatter::severity))
                .containsExactly(10, 8, 5, 3, 0);
    }

    @Test
    void leavesOutSourceAddressesThatAreNoIpLiteral() {
        var alert = TestAlerts.anonymousAdmin("x");
        var spoofed = new dev.vigil.model.alert.Alert(alert.timestamp(), alert.message(), alert.event(), alert.rule(),
                alert.threat(), alert.user(), new dev.vigil.model.ecs.EcsSource("evil.example.com cs1=forged"),
                alert.userAgent(), alert.orchestrator(), alert.vigil());

        CefEvent event = CefEvent.parse(cef.alert(spoofed, LINK));

        assertThat(event.extension()).doesNotContainKey("src");
        assertThat(event.custom("cluster")).isEqualTo("prod-1");
    }

    @Test
    void summarisesHeldBackAlerts() {
        CefEvent event = CefEvent.parse(cef.summary(new HeldBackSummary("siem", 5, TestAlerts.AT,
                TestAlerts.AT.plusSeconds(60), 2, Duration.ofMinutes(1), Map.of("privileged-pod", 5L), Severity.HIGH,
                List.of("a")), "https://vigil.example.com/alerts"));

        assertThat(event.header().subList(4, 7)).containsExactly("vigil-rate-limit",
                "Alerts held back by the notifier rate limit", "8");
        assertThat(event.ext("cnt")).isEqualTo("5");
        assertThat(event.ext("msg")).startsWith("5 alerts held back by rate limit 2/PT1M");
        assertThat(event.custom("console")).isEqualTo("https://vigil.example.com/alerts");
    }
}

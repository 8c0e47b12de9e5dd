package dev.vigil.alerting.notify;

import dev.vigil.alerting.notify.target.ChatProperties;
import dev.vigil.alerting.notify.target.TargetProperties;
import dev.vigil.alerting.notify.target.WebhookProperties;
import dev.vigil.alerting.notify.target.SyslogProperties;
import dev.vigil.alerting.notify.target.ChatProperties.Flavor;
import dev.vigil.alerting.notify.target.SyslogProperties.Facility;
import dev.vigil.alerting.notify.target.SyslogProperties.Protocol;
import dev.vigil.alerting.notify.target.TargetProperties.NotifyOn;
import dev.vigil.alerting.notify.target.TargetProperties.StartFrom;
import dev.vigil.model.alert.Severity;
import dev.vigil.model.kafka.KafkaClientSettings;
import dev.vigil.model.kafka.Topics;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NotifierAutoConfigurationTest {

    /** Nothing listens on port 1: the notifiers start and stop without reaching a broker. */
    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(NotifierAutoConfiguration.class))
            .withBean(KafkaClientSettings.class, () -> KafkaClientSettings.of("127.0.0.1:1"))
            .withBean(Topics.class, Topics::defaults);

    @Test
    void bindsEveryNotifierTypeAndRunsOneNotifierPerTarget() {
        context.withPropertyValues(
                "vigil.notify.console-base-url=https://vigil.example.com",
                "vigil.notify.webhooks[0].name=soar",
                "vigil.notify.webhooks[0].url=https://soar.example.com/hooks/tokenXYZ",
                "vigil.notify.webhooks[0].secret=hmac-secret-value",
                "vigil.notify.webhooks[0].headers.Authorization=Bearer header-secret",
                "vigil.notify.webhooks[0].min-severity=high",
                "vigil.notify.webhooks[0].rules.include=privileged-pod,anonymous-*",
                "vigil.notify.webhooks[0].notify-on=escalation",
                "vigil.notify.webhooks[0].escalation-thresholds=5,50",
                "vigil.notify.webhooks[0].rate-limit.max=10",
                "vigil.notify.webhooks[0].rate-limit.period=30s",
                "vigil.notify.webhooks[0].retry.max-attempts=3",
                "vigil.notify.webhooks[0].timeout=2s",
                "vigil.notify.webhooks[0].start-from=earliest",
                "vigil.notify.chat[0].name=slack",
                "vigil.notify.chat[0].url=https://hooks.slack.com/services/T000/B000/XXXX",
                "vigil.notify.chat[0].flavor=markdown",
                "vigil.notify.syslog[0].name=siem",
                "vigil.notify.syslog[0].host=127.0.0.1",
                "vigil.notify.syslog[0].protocol=udp",
                "vigil.notify.syslog[0].facility=authpriv",
                "vigil.notify.syslog[1].name=disabled-one",
                "vigil.notify.syslog[1].host=127.0.0.1",
                "vigil.notify.syslog[1].enabled=false"
        ).run(context -> {
            assertThat(context).hasNotFailed();
            Notifiers notifiers = context.getBean(Notifiers.class);
            assertThat(notifiers.names()).containsExactly("soar", "slack", "siem");
            assertThat(notifiers.isRunning()).isTrue();

            NotifierProperties properties = context.getBean(NotifierProperties.class);
            WebhookProperties webhook = properties.getWebhooks().get(0);
            assertThat(properties.getConsoleBaseUrl()).isEqualTo(URI.create("https://vigil.example.com"));
            assertThat(webhook.getMinSeverity()).isEqualTo(Severity.HIGH);
            assertThat(webhook.getRules().getInclude()).containsExactly("privileged-pod", "anonymous-*");
            assertThat(webhook.getNotifyOn()).isEqualTo(NotifyOn.ESCALATION);
            assertThat(webhook.getEscalationThresholds()).containsExactly(5L, 50L);
            assertThat(webhook.getRateLimit().getMax()).isEqualTo(10);
            assertThat(webhook.getRateLimit().getPeriod()).isEqualTo(Duration.ofSeconds(30));
            assertThat(webhook.getRetry().getMaxAttempts()).isEqualTo(3);
            assertThat(webhook.getRetry().getInitialBackoff()).isEqualTo(Duration.ofSeconds(1));
            assertThat(webhook.getTimeout()).isEqualTo(Duration.ofSeconds(2));
            assertThat(webhook.getStartFrom()).isEqualTo(StartFrom.EARLIEST);
            assertThat(properties.getChat().get(0).getFlavor()).isEqualTo(Flavor.MARKDOWN);
            SyslogProperties syslog = properties.getSyslog().get(0);
            assertThat(syslog.getProtocol()).isEqualTo(Protocol.UDP);
            assertThat(syslog.effectivePort()).isEqualTo(514);
            assertThat(syslog.getFacility()).isEqualTo(Facility.AUTHPRIV);
            assertThat(syslog.getAppName()).isEqualTo("vigil");

            assertThat(properties.toString())
                    .contains("https://soar.example.com/****", "https://hooks.slack.com/****", "udp://127.0.0.1:514")
                    .doesNotContain("tokenXYZ", "hmac-secret-value", "header-secret", "XXXX", "disabled-one");
        });
    }

    @Test
    void defaultsNeedOnlyANameAndADestination() {
        context.withPropertyValues("vigil.notify.syslog[0].name=siem", "vigil.notify.syslog[0].host=siem.example.com")
                .run(context -> {
                    SyslogProperties syslog = context.getBean(NotifierProperties.class).getSyslog().get(0);
                    assertThat(syslog.getProtocol()).isEqualTo(Protocol.TCP);
                    assertThat(syslog.effectivePort()).isEqualTo(514);
                    assertThat(syslog.getFacility()).isEqualTo(Facility.LOCAL0);
                    assertThat(syslog.getMinSeverity()).isEqualTo(Severity.LOW);
                    assertThat(syslog.getNotifyOn()).isEqualTo(NotifyOn.FIRST);
                    assertThat(syslog.getRateLimit().getMax()).isEqualTo(30);
                    assertThat(syslog.getRateLimit().getPeriod()).isEqualTo(Duration.ofMinutes(1));
                    assertThat(syslog.getRetry().getMaxAttempts()).isEqualTo(5);
                    assertThat(syslog.getStartFrom()).isEqualTo(StartFrom.LATEST);
                    assertThat(context.getBean(Notifiers.class).names()).containsExactly("siem");
                });
    }

    @Test
    void rejectsATargetWithoutUrlOrWithAnUnusableName() {
        context.withPropertyValues("vigil.notify.webhooks[0].name=Not Valid")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .rootCause().hasMessageContaining("webhooks[0].url").hasMessageContaining("webhooks[0].name"));
    }

    @Test
    void rejectsANameUsedTwice() {
        context.withPropertyValues(
                        "vigil.notify.webhooks[0].name=soc", "vigil.notify.webhooks[0].url=http://127.0.0.1:9/a",
                        "vigil.notify.syslog[0].name=soc", "vigil.notify.syslog[0].host=127.0.0.1")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .rootCause().hasMessageContaining("'soc' is used more than once"));
    }

    @Test
    void rejectsAWebhookThatIsNotHttp() {
        context.withPropertyValues("vigil.notify.chat[0].name=chat", "vigil.notify.chat[0].url=ftp://example.com/x")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .rootCause().hasMessageContaining("notifier chat: url must be an http(s) URL"));
    }

    @Test
    void runsOnlyInTheAlertingRole() {
        context.withPropertyValues("vigil.roles=ingest,streams,console",
                        "vigil.notify.syslog[0].name=siem", "vigil.notify.syslog[0].host=127.0.0.1")
                .run(context -> assertThat(context).doesNotHaveBean(Notifiers.class));
        context.withPropertyValues("vigil.roles=alerting")
                .run(context -> assertThat(context.getBean(Notifiers.class).names()).isEqualTo(List.of()));
    }
}

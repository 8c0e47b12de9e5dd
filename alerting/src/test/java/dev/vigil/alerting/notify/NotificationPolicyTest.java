package dev.vigil.alerting.notify;

import dev.vigil.alerting.notify.target.TargetProperties;
import dev.vigil.alerting.notify.target.WebhookProperties;
import dev.vigil.alerting.notify.NotificationPolicy.Verdict;
import dev.vigil.alerting.notify.target.TargetProperties.NotifyOn;
import dev.vigil.model.alert.Alert;
import dev.vigil.model.alert.Severity;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NotificationPolicyTest {

    private static WebhookProperties target() {
        WebhookProperties target = new WebhookProperties();
        target.setName("soc");
        return target;
    }

    @Test
    void holdsBackAlertsBelowTheMinimumSeverity() {
        WebhookProperties target = target();
        target.setMinSeverity(Severity.HIGH);
        NotificationPolicy policy = new NotificationPolicy(target);

        assertThat(policy.decide(TestAlerts.alert("a", "privileged-pod", "p", Severity.CRITICAL))).isEqualTo(Verdict.NOTIFY);
        assertThat(policy.decide(TestAlerts.alert("b", "privileged-pod", "p", Severity.HIGH))).isEqualTo(Verdict.NOTIFY);
        assertThat(policy.decide(TestAlerts.alert("c", "privileged-pod", "p", Severity.MEDIUM)))
                .isEqualTo(Verdict.BELOW_MIN_SEVERITY);
        assertThat(policy.decide(TestAlerts.alert("d", "long-lived-pod", "l", Severity.INFO)))
                .isEqualTo(Verdict.BELOW_MIN_SEVERITY);
    }

    @Test
    void notifiesIncludedRulesUnlessExcluded() {
        WebhookProperties target = target();
        target.getRules().setInclude(List.of("pod-*", "privileged-pod", "anonymous-admin-action"));
        target.getRules().setExclude(List.of("pod-security-*"));
        NotificationPolicy policy = new NotificationPolicy(target);

        assertThat(policy.decide(TestAlerts.alert("1", "privileged-pod", "p", Severity.HIGH))).isEqualTo(Verdict.NOTIFY);
        assertThat(policy.decide(TestAlerts.alert("2", "pod-default-service-account", "p", Severity.HIGH)))
                .isEqualTo(Verdict.NOTIFY);
        assertThat(policy.decide(TestAlerts.alert("3", "pod-security-restricted", "p", Severity.HIGH)))
                .isEqualTo(Verdict.RULE_FILTERED);
        assertThat(policy.decide(TestAlerts.alert("4", "cni-change", "c", Severity.HIGH))).isEqualTo(Verdict.RULE_FILTERED);
    }

    @Test
    void emptyIncludeMeansEveryRuleAndPatternsMatchWholeIds() {
        WebhookProperties target = target();
        target.getRules().setExclude(List.of("cni"));
        NotificationPolicy policy = new NotificationPolicy(target);

        assertThat(policy.decide(TestAlerts.alert("1", "cni-change", "c", Severity.HIGH))).isEqualTo(Verdict.NOTIFY);
        assertThat(policy.decide(TestAlerts.alert("2", "cni", "c", Severity.HIGH))).isEqualTo(Verdict.RULE_FILTERED);
    }

    @Test
    void notifiesOnlyTheFirstOccurrenceByDefault() {
        NotificationPolicy policy = new NotificationPolicy(target());
        Alert first = TestAlerts.anonymousAdmin("dedup-1");

        assertThat(policy.decide(first)).isEqualTo(Verdict.NOTIFY);
        assertThat(policy.decide(TestAlerts.repeated(first, 2))).isEqualTo(Verdict.REPEAT);
        assertThat(policy.decide(TestAlerts.repeated(first, 50))).isEqualTo(Verdict.REPEAT);
        assertThat(policy.decide(first)).as("a re-delivered first occurrence").isEqualTo(Verdict.REPEAT);
        assertThat(policy.decide(TestAlerts.anonymousAdmin("dedup-2"))).isEqualTo(Verdict.NOTIFY);
    }

    @Test
    void escalationNotifiesAgainWhenTheCountCrossesAThresholdEvenIfItJumps() {
        WebhookProperties target = target();
        target.setNotifyOn(NotifyOn.ESCALATION);
        target.setEscalationThresholds(List.of(100L, 10L));
        NotificationPolicy policy = new NotificationPolicy(target);
        Alert first = TestAlerts.anonymousAdmin("esc");

        assertThat(policy.decide(first)).isEqualTo(Verdict.NOTIFY);
        assertThat(policy.decide(TestAlerts.repeated(first, 2))).isEqualTo(Verdict.REPEAT);
        assertThat(policy.decide(TestAlerts.repeated(first, 9))).isEqualTo(Verdict.REPEAT);
        assertThat(policy.decide(TestAlerts.repeated(first, 12))).as("9 -> 12 crosses 10").isEqualTo(Verdict.NOTIFY);
        assertThat(policy.decide(TestAlerts.repeated(first, 12))).as("same count again").isEqualTo(Verdict.REPEAT);
        assertThat(policy.decide(TestAlerts.repeated(first, 99))).isEqualTo(Verdict.REPEAT);
        assertThat(policy.decide(TestAlerts.repeated(first, 100))).isEqualTo(Verdict.NOTIFY);
        assertThat(policy.decide(TestAlerts.repeated(first, 101))).isEqualTo(Verdict.REPEAT);
    }

    @Test
    void escalationOfAnAlertFirstSeenMidwayCountsFromTheOneBefore() {
        WebhookProperties target = target();
        target.setNotifyOn(NotifyOn.ESCALATION);
        NotificationPolicy policy = new NotificationPolicy(target);
        Alert first = TestAlerts.anonymousAdmin("midway");

        assertThat(policy.decide(TestAlerts.repeated(first, 10))).isEqualTo(Verdict.NOTIFY);
        assertThat(policy.decide(TestAlerts.repeated(first, 11))).isEqualTo(Verdict.REPEAT);
    }

    @Test
    void everyNotifiesEachUpdate() {
        WebhookProperties target = target();
        target.setNotifyOn(NotifyOn.EVERY);
        NotificationPolicy policy = new NotificationPolicy(target);
        Alert first = TestAlerts.anonymousAdmin("every");

        assertThat(List.of(policy.decide(first), policy.decide(TestAlerts.repeated(first, 2)),
                policy.decide(TestAlerts.repeated(first, 3)))).containsOnly(Verdict.NOTIFY);
    }

    @Test
    void severityFallsBackToTheEcsScore() {
        Alert alert = TestAlerts.alert("s", "r", "r", Severity.HIGH);
        Alert withoutWord = new Alert(alert.timestamp(), alert.message(), alert.event(), alert.rule(), alert.threat(),
                alert.user(), alert.source(), alert.userAgent(), alert.orchestrator(), null);

        assertThat(NotificationPolicy.severityOf(withoutWord)).isEqualTo(Severity.HIGH);
        assertThat(NotificationPolicy.severityOf(alert)).isEqualTo(Severity.HIGH);
    }
}

package dev.vigil.alerting.notify;

import dev.vigil.alerting.notify.target.AlertSender;
import dev.vigil.alerting.notify.target.ConsoleLinks;
import dev.vigil.alerting.notify.target.TargetProperties;
import dev.vigil.alerting.notify.target.WebhookProperties;
import dev.vigil.alerting.notify.AlertDispatcher.Outcome;
import dev.vigil.alerting.notify.HttpReceiver.Answer;
import dev.vigil.alerting.notify.NotificationPolicy.Verdict;
import dev.vigil.model.alert.Severity;
import dev.vigil.model.json.VigilJson;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole per-alert path (filter, rate limit, retries, metrics) against a real local webhook receiver. */
class AlertDispatcherTest {

    private final HttpReceiver receiver = new HttpReceiver();
    private final MutableClock clock = new MutableClock(TestAlerts.AT);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    AlertDispatcherTest() throws IOException {
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    private WebhookProperties target() {
        WebhookProperties target = new WebhookProperties();
        target.setName("soc");
        target.setUrl(receiver.url("/alerts"));
        target.getRetry().setMaxAttempts(4);
        target.getRetry().setInitialBackoff(Duration.ofMillis(5));
        target.getRetry().setMaxBackoff(Duration.ofMillis(20));
        return target;
    }

    private AlertDispatcher dispatcher(TargetProperties target) {
        AlertSender sender = Notifiers.sender(target, new ConsoleLinks(URI.create("http://127.0.0.1:8080")), clock);
        return new AlertDispatcher(target, sender, new NotificationPolicy(target),
                new RateLimiter(target.getName(), target.getRateLimit(), clock), new RetryPolicy(target.getRetry()),
                new NotifierMetrics(registry, target));
    }

    private double count(String metric) {
        return registry.get(metric).tag("notifier", "soc").tag("type", "webhook").counter().count();
    }

    private List<String> receivedIds() {
        return receiver.requests().stream()
                .map(request -> request.header("X-Vigil-Alert-Id")).toList();
    }

    @Test
    void retriesAfterAServerErrorUntilTheAlertIsDelivered() throws Exception {
        receiver.script(Answer.of(500), Answer.of(502));

        Outcome outcome = dispatcher(target()).dispatch(TestAlerts.anonymousAdmin("retry-1"));

        assertThat(outcome).isEqualTo(new Outcome.Sent(3));
        assertThat(receivedIds()).containsExactly("retry-1", "retry-1", "retry-1");
        assertThat(receiver.requests()).extracting(HttpReceiver.Request::text).containsOnly(
                VigilJson.write(TestAlerts.anonymousAdmin("retry-1")));
        assertThat(count("vigil.notify.sent")).isEqualTo(1.0);
        assertThat(count("vigil.notify.failed")).isZero();
    }

    @Test
    void doesNotRetryAClientErrorAndGivesUpWithTheReason() throws Exception {
        receiver.script(new Answer(400, Map.of(), "unknown field"));

        Outcome outcome = dispatcher(target()).dispatch(TestAlerts.anonymousAdmin("bad-1"));

        assertThat(outcome).isEqualTo(new Outcome.GaveUp("webhook notifier soc (http://127.0.0.1:"
                + receiver.url("/").getPort() + "/****) gave up after 1 attempt(s): HTTP 400: unknown field", 1));
        assertThat(receiver.requests()).hasSize(1);
        assertThat(count("vigil.notify.failed")).isEqualTo(1.0);
        assertThat(count("vigil.notify.sent")).isZero();
        assertThat(registry.get("vigil.notifier.failures").tag("target", "soc").counter().count()).isEqualTo(1.0);
        assertThat(registry.get("vigil.notifier.failures").meter().getId().getDescription()).isNotBlank();
    }

    @Test
    void givesUpAfterTheLastRetryOfAPersistentServerError() throws Exception {
        receiver.otherwise(Answer.of(503));

        Outcome outcome = dispatcher(target()).dispatch(TestAlerts.anonymousAdmin("down-1"));

        assertThat(outcome).isInstanceOf(Outcome.GaveUp.class);
        assertThat(((Outcome.GaveUp) outcome).attempts()).isEqualTo(4);
        assertThat(((Outcome.GaveUp) outcome).reason()).endsWith("gave up after 4 attempt(s): HTTP 503");
        assertThat(receiver.requests()).hasSize(4);
        assertThat(registry.get("vigil.notifier.failures").tag("target", "soc").counter().count())
                .as("one notification given up, not one per attempt").isEqualTo(1.0);
    }

    @Test
    void holdsBackAlertsOverTheRateLimitAndReportsThemInASummary() throws Exception {
        WebhookProperties target = target();
        target.getRateLimit().setMax(2);
        target.getRateLimit().setPeriod(Duration.ofMinutes(1));
        AlertDispatcher dispatcher = dispatcher(target);

        List<Outcome> outcomes = new java.util.ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            outcomes.add(dispatcher.dispatch(TestAlerts.anonymousAdmin("burst-" + i)));
        }
        dispatcher.flushHeldBack();
        List<String> beforeSummary = receivedIds();
        clock.advance(Duration.ofMinutes(1));
        dispatcher.flushHeldBack();

        assertThat(outcomes).containsExactly(new Outcome.Sent(1), new Outcome.Sent(1), new Outcome.HeldBack(),
                new Outcome.HeldBack(), new Outcome.HeldBack());
        assertThat(beforeSummary).containsExactly("burst-1", "burst-2");
        assertThat(count("vigil.notify.rate.limited")).isEqualTo(3.0);
        HttpReceiver.Request summary = receiver.requests().get(2);
        assertThat(summary.header("X-Vigil-Event")).isEqualTo("rate-limit-summary");
        JsonNode json = VigilJson.mapper().readTree(summary.body());
        assertThat(json.path("held_back").asLong()).isEqualTo(3);
        assertThat(json.path("alert_ids").valueStream().map(JsonNode::asString).toList())
                .containsExactly("burst-3", "burst-4", "burst-5");
        assertThat(json.at("/by_rule/anonymous-admin-action").asLong()).isEqualTo(3);
        assertThat(receiver.requests()).hasSize(3);
    }

    @Test
    void skipsAlertsBelowTheMinimumSeverityOrOfFilteredRules() throws Exception {
        WebhookProperties target = target();
        target.setMinSeverity(Severity.HIGH);
        target.getRules().setExclude(List.of("cni-*"));
        AlertDispatcher dispatcher = dispatcher(target);

        Outcome low = dispatcher.dispatch(TestAlerts.alert("low", "privileged-pod", "p", Severity.LOW));
        Outcome excluded = dispatcher.dispatch(TestAlerts.alert("cni", "cni-change", "c", Severity.CRITICAL));
        Outcome wanted = dispatcher.dispatch(TestAlerts.alert("high", "privileged-pod", "p", Severity.HIGH));

        assertThat(low).isEqualTo(new Outcome.Skipped(Verdict.BELOW_MIN_SEVERITY));
        assertThat(excluded).isEqualTo(new Outcome.Skipped(Verdict.RULE_FILTERED));
        assertThat(wanted).isEqualTo(new Outcome.Sent(1));
        assertThat(receivedIds()).containsExactly("high");
    }

    @Test
    void anUpdatedAlertDoesNotPageAgain() throws Exception {
        AlertDispatcher dispatcher = dispatcher(target());

        Outcome first = dispatcher.dispatch(TestAlerts.anonymousAdmin("dedup"));
        Outcome update = dispatcher.dispatch(TestAlerts.repeated(TestAlerts.anonymousAdmin("dedup"), 2));

        assertThat(first).isEqualTo(new Outcome.Sent(1));
        assertThat(update).isEqualTo(new Outcome.Skipped(Verdict.REPEAT));
        assertThat(receiver.requests()).hasSize(1);
    }
}

package dev.vigil.streams.pods;

import dev.vigil.model.alert.Alert;
import dev.vigil.model.ecs.Orchestrator;
import dev.vigil.model.json.VigilJson;
import dev.vigil.streams.alerts.AlertFactory;
import dev.vigil.streams.alerts.AlertIds;
import dev.vigil.streams.rules.DetectionEngine;
import dev.vigil.streams.rules.LongLivedPodPolicy;
import dev.vigil.model.rule.RuleMeta;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Builds the {@code long-lived-pod} alert of a pod past the limit. The rule's metadata comes from the loaded rules;
 * when that rule is not loaded or a user disabled it, no alert is raised.
 */
final class LongLivedPodAlerts {

    static final String RULE_ID = LongLivedPodPolicy.RULE_ID;

    private final DetectionEngine engine;
    private final AlertFactory factory;
    private final Duration limit;

    LongLivedPodAlerts(DetectionEngine engine, AlertFactory factory, Duration limit) {
        this.engine = engine;
        this.factory = factory;
        this.limit = limit;
    }

    /** The rule's metadata while it is loaded and not disabled. */
    Optional<RuleMeta> rule() {
        if (engine.isDisabled(RULE_ID)) {
            return Optional.empty();
        }
        return engine.rule(RULE_ID);
    }

    boolean enabled() {
        return rule().isPresent();
    }

    Optional<Alert> alert(PodState pod, Instant now) {
        Optional<RuleMeta> rule = rule();
        if (rule.isEmpty()) {
            return Optional.empty();
        }
        Duration age = pod.age(now).withNanos(0);
        String id = AlertIds.of(RULE_ID, pod.cluster(), pod.key(), limit.toMillis());
        String owner = pod.owner() == null ? "" : " (owner " + pod.owner().kind() + "/" + pod.owner().name() + ")";
        String message = "Pod " + pod.namespace() + "/" + pod.name() + owner + " has been running for " + human(age)
                + ", longer than the " + human(limit) + " limit";
        ObjectNode details = VigilJson.mapper().createObjectNode();
        details.put("pod", pod.name());
        details.put("namespace", pod.namespace());
        details.put("uid", pod.uid());
        details.put("start_time", pod.startTime().toString());
        details.put("age", age.toString());
        details.put("age_seconds", age.toSeconds());
        details.put("limit", limit.toString());
        details.put("phase", pod.phase());
        if (pod.owner() != null) {
            details.putObject("owner").put("kind", pod.owner().kind()).put("name", pod.owner().name());
        }
        Orchestrator orchestrator = Orchestrator.kubernetes(pod.cluster(), pod.namespace(), "pods", pod.name(), "v1");
        return Optional.of(factory.stateAlert(rule.get(), id, now, message, orchestrator, details));
    }

    /** {@code 1d 2h 3m}; seconds only for durations under a minute. */
    static String human(Duration duration) {
        if (duration.toMinutes() == 0) {
            return duration.toSeconds() + "s";
        }
        StringBuilder text = new StringBuilder();
        append(text, duration.toDays(), "d");
        append(text, duration.toHoursPart(), "h");
        append(text, duration.toMinutesPart(), "m");
        return text.toString();
    }

    private static void append(StringBuilder text, long amount, String unit) {
        if (amount > 0) {
            text.append(text.isEmpty() ? "" : " ").append(amount).append(unit);
        }
    }
}

package dev.vigil.streams.stateful;

import dev.vigil.model.alert.Alert;
import dev.vigil.model.json.VigilJson;
import dev.vigil.streams.alerts.AlertIds;
import dev.vigil.streams.rules.StatefulRule;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code kind: sequence}: keeps each step's events per join key in a changelogged window store (retention: the
 * longest {@code within} plus grace) and pairs a second step with the latest first step in {@code within} before it,
 * or a late first step with the second steps after it. One alert per first-step event: its id comes from the rule,
 * cluster, join key and the first event's audit id, it lists both events' audit ids, and each further second step
 * paired with the same first step raises its count. A hit more than {@code within} plus {@code grace} behind stream
 * time can pair with nothing kept any more and is dropped ({@code late-dropped}).
 */
final class SequenceJoiner {

    private final StatefulState state;
    private final StatefulSettings settings;

    SequenceJoiner(StatefulState state, StatefulSettings settings) {
        this.state = state;
        this.settings = settings;
    }

    void process(StatefulRule rule, StatefulHit hit) {
        long within = rule.within().toMillis();
        if (hit.time() + within + rule.grace().toMillis() <= state.streamTime()) {
            state.count(rule.id(), ThresholdCounter.LATE);
            return;
        }
        String base = hit.rule() + "|" + hit.key() + "|";
        String own = base + hit.step();
        if (!find(own, hit.time(), hit.time(), hit.auditId()).isEmpty()) {
            return; // the request's other stage, or a redelivery
        }
        SequenceStep step = new SequenceStep(hit.auditId(), hit.time(), hit.alert());
        state.step(own, step);
        if (hit.step() == 1) {
            SequenceStep first = null;
            for (SequenceStep candidate : find(base + 0, hit.time() - within, hit.time(), null)) {
                if (first == null || candidate.time() >= first.time()) {
                    first = candidate;
                }
            }
            if (first != null) {
                pair(rule, hit, first, step);
            }
        } else {
            for (SequenceStep second : find(base + 1, hit.time(), hit.time() + within, null)) {
                pair(rule, hit, step, second);
            }
        }
    }

    /** Kept events of a step in a time range; with {@code auditId}, only that event. */
    private List<SequenceStep> find(String key, long from, long to, String auditId) {
        List<SequenceStep> found = new ArrayList<>();
        for (SequenceStep step : state.steps(key, from, to)) {
            if (auditId == null || auditId.equals(step.auditId())) {
                found.add(step);
            }
        }
        return found;
    }

    private void pair(StatefulRule rule, StatefulHit hit, SequenceStep first, SequenceStep second) {
        String matchKey = hit.rule() + "|" + hit.key() + "|" + first.auditId();
        SequenceMatch match = state.match(matchKey, first.time());
        if (match != null && match.paired().contains(second.auditId())) {
            return;
        }
        Alert emitted;
        if (match == null) {
            Duration delay = Duration.ofMillis(second.time() - first.time());
            ObjectNode details = VigilJson.mapper().createObjectNode();
            details.set(rule.steps().get(0), stepDetails(first));
            details.set(rule.steps().get(1), stepDetails(second));
            details.put("within", StatefulAlerts.text(rule.within()));
            details.put("delay_seconds", delay.toSeconds());
            String message = first.alert().message() + ", then " + second.alert().message() + " ("
                    + StatefulAlerts.text(Duration.ofSeconds(delay.toSeconds())) + " later)";
            String id = AlertIds.of(rule.id(), hit.cluster(), hit.key() + "|" + first.auditId(), first.time());
            emitted = StatefulAlerts.alert(second.alert(), id, rule, 1, Instant.ofEpochMilli(first.time()),
                    Instant.ofEpochMilli(second.time()), List.of(first.auditId(), second.auditId()), details,
                    message);
        } else {
            Alert alert = match.alert();
            emitted = StatefulAlerts.updated(alert, alert.vigil().count() + 1, Instant.ofEpochMilli(second.time()),
                    second.auditId(), alert.vigil().evidence().details());
        }
        List<String> paired = new ArrayList<>(match == null ? List.of() : match.paired());
        if (paired.size() < settings.maxPaired()) {
            paired.add(second.auditId());
        }
        state.match(matchKey, first.time(), new SequenceMatch(emitted, paired));
        state.emit(emitted);
    }

    private static ObjectNode stepDetails(SequenceStep step) {
        ObjectNode node = StatefulAlerts.details(step.alert());
        node.put("audit_id", step.auditId());
        node.put("time", Instant.ofEpochMilli(step.time()).toString());
        node.put("message", step.alert().message());
        return node;
    }
}

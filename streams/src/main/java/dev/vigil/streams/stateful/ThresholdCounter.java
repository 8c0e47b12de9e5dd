package dev.vigil.streams.stateful;

import dev.vigil.model.alert.Alert;
import dev.vigil.model.alert.VigilAlertInfo;
import dev.vigil.streams.alerts.AlertIds;
import dev.vigil.streams.rules.StatefulRule;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;

/**
 * {@code kind: threshold}: counts per key in tumbling event-time windows ({@code params.window}, aligned to the
 * epoch) in a changelogged window store whose retention is the longest window plus grace. The hit that makes the count
 * reach {@code params.threshold} emits the alert (id from rule, cluster, key and window start); each later distinct
 * value in the same window emits the same alert with the higher count. A hit whose window closed more than
 * {@code params.grace} ago (by stream time, i.e. the newest event time seen) is dropped and counted in the
 * {@code late-dropped} metric.
 */
final class ThresholdCounter {

    static final String LATE = "late-dropped";

    private final StatefulState state;
    private final StatefulSettings settings;

    ThresholdCounter(StatefulState state, StatefulSettings settings) {
        this.state = state;
        this.settings = settings;
    }

    void process(StatefulRule rule, StatefulHit hit) {
        long window = rule.window().toMillis();
        long start = AlertIds.windowStart(hit.time(), window);
        if (start + window + rule.grace().toMillis() <= this.state.streamTime()) {
            this.state.count(rule.id(), LATE);
            return;
        }
        String key = hit.rule() + "|" + hit.key();
        ThresholdWindow state = this.state.window(key, start);
        if (state == null) {
            state = ThresholdWindow.empty(hit.time());
        }
        // without distinct, the event is what counts: its stages and redeliveries once
        long hash = ValueHashes.of(rule.distinct() ? hit.value() : hit.cluster() + "|" + hit.auditId());
        if (state.has(hash)) {
            return;
        }
        state = state.plus(hash, hit.time(), hit.auditId(), settings.maxDistinct(), VigilAlertInfo.MAX_AUDIT_IDS);
        Alert emitted;
        if (state.alert() != null) {
            ObjectNode details = StatefulAlerts.details(state.alert());
            details.put("count", state.count());
            emitted = StatefulAlerts.updated(state.alert(), state.count(), Instant.ofEpochMilli(hit.time()),
                    hit.auditId(), details);
        } else if (state.count() >= rule.threshold()) {
            ObjectNode details = StatefulAlerts.details(hit.alert());
            details.put("count", state.count());
            details.put("threshold", rule.threshold());
            details.put("window", StatefulAlerts.text(rule.window()));
            details.put("window_start", Instant.ofEpochMilli(start).toString());
            details.put("window_end", Instant.ofEpochMilli(start + window).toString());
            if (rule.distinct()) {
                details.put("counts", "distinct values");
            }
            String id = AlertIds.of(rule.id(), hit.cluster(), hit.key(), start);
            emitted = StatefulAlerts.alert(hit.alert(), id, rule, state.count(),
                    Instant.ofEpochMilli(state.firstSeen()), Instant.ofEpochMilli(hit.time()), state.auditIds(),
                    details, hit.alert().message());
        } else {
            this.state.window(key, start, state);
            return;
        }
        this.state.window(key, start, state.fired(emitted));
        this.state.emit(emitted);
    }
}

package dev.vigil.streams.stateful;

import dev.vigil.model.alert.Alert;
import dev.vigil.model.audit.AuditRecord;
import dev.vigil.streams.alerts.AlertFactory;
import dev.vigil.streams.rules.DetectionEngine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The stateful rules without Kafka ({@code vigil rules test}): the topology's own logic over state in memory. Feed
 * records in event-time order for the result the live topology gives; stream time is the newest event time fed, so
 * grace and lateness behave as live. Returns each emission (an alert updated twice is returned twice, as it would be
 * written twice to {@code vigil.alerts}).
 */
public final class OfflineStateful {

    private final DetectionEngine engine;
    private final AlertFactory factory;
    private final MemoryStatefulState state = new MemoryStatefulState();
    private final StatefulLogic logic;

    public OfflineStateful(DetectionEngine engine, AlertFactory factory, StatefulSettings settings) {
        this.engine = engine;
        this.factory = factory;
        this.logic = new StatefulLogic(engine.statefulRules(), state, settings);
    }

    /** The alerts (first emissions and updates) this record causes. */
    public List<Alert> add(AuditRecord record) {
        List<StatefulHit> hits = StatefulHits.hits(engine, factory, record);
        if (hits.isEmpty()) {
            return List.of();
        }
        List<Alert> emitted = new ArrayList<>();
        for (StatefulHit hit : hits) {
            state.advance(hit.time());
            logic.process(hit);
            emitted.addAll(state.drain());
        }
        return emitted;
    }

    /** Hits dropped as late and new-terms values forgotten, per {@code "<rule id> <what>"}. */
    public Map<String, Long> counts() {
        return Map.copyOf(state.counts());
    }
}

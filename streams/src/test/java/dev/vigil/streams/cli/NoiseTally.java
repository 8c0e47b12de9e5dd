package dev.vigil.streams.cli;

import dev.vigil.model.alert.Alert;
import dev.vigil.model.audit.AuditRecord;
import dev.vigil.model.ecs.EcsFields;
import dev.vigil.streams.alerts.AlertFactory;
import dev.vigil.streams.redact.Redactor;
import dev.vigil.streams.rules.Detection;
import dev.vigil.streams.rules.RuleEngine;
import dev.vigil.streams.stateful.OfflineStateful;
import dev.vigil.streams.stateful.StatefulSettings;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The corpus through the rule engine exactly as {@code vigil rules test FILE…} evaluates files (decode, cluster
 * {@code local}, the event's own time, {@link OfflineAlerts}' dedup; the stateful rules over the events in
 * event-time order through {@link OfflineStateful}), tallied per rule and severity.
 */
final class NoiseTally {

    /** What one rule raised at one severity: distinct alerts after dedup, the events they counted, one example. */
    record Line(String rule, String severity, long alerts, long events, String example) {
    }

    private NoiseTally() {
    }

    static Map<String, Line> of(RuleEngine engine, List<BenignCorpus.Event> events) {
        OfflineAlerts alerts = new OfflineAlerts();
        Map<String, Set<String>> sources = new TreeMap<>();
        List<AuditRecord> timed = new ArrayList<>();
        for (BenignCorpus.Event event : events) {
            AuditRecord record = event.record();
            Instant at = record.event().eventTime() != null ? record.event().eventTime() : Instant.EPOCH;
            AuditRecord local = new AuditRecord(record.cluster() != null ? record.cluster() : "local",
                    record.receivedAt() != null ? record.receivedAt() : at, record.event());
            // For the stateful rules the generated day is one cluster on its first day (new_terms learns); the
            // third-party events are test cases from many clusters and years (untimed ones at the epoch), each a
            // cluster of its own rather than one history jumping between them.
            timed.add(new AuditRecord(event.source().startsWith(BenignCorpus.DAY) ? "busy-cluster" : event.source(),
                    local.receivedAt(), local.event()));
            List<Detection> detections = engine.evaluate(local);
            detections.forEach(d -> sources.computeIfAbsent(d.rule().id() + " " + d.severity().word(),
                    k -> new TreeSet<>()).add(where(event)));
            alerts.add(detections);
        }
        if (!engine.statefulRules().isEmpty()) {
            timed.sort(Comparator.comparing(EcsFields::timestamp));
            OfflineStateful state = new OfflineStateful(engine, new AlertFactory(Redactor.withDefaults(),
                    Clock.systemUTC(), Duration.ofHours(1)), StatefulSettings.defaults());
            timed.forEach(record -> alerts.addStateful(state.add(record)));
        }
        Map<String, Line> lines = new TreeMap<>();
        for (Alert alert : alerts.alerts()) {
            String severity = alert.vigil().severity().word();
            lines.merge(alert.rule().id() + " " + severity,
                    new Line(alert.rule().id(), severity, 1, alert.vigil().count(), alert.message() + " | from "
                            + sources.getOrDefault(alert.rule().id() + " " + severity, Set.of("a stateful rule's window"))),
                    (a, b) -> new Line(a.rule(), a.severity(), a.alerts() + 1, a.events() + b.events(), a.example()));
        }
        return lines;
    }

    /** The third-party event's {@code file:line}, or just the day (its lines say nothing to a reader). */
    private static String where(BenignCorpus.Event event) {
        return event.source().startsWith(BenignCorpus.DAY) ? "the generated day" : event.source();
    }
}

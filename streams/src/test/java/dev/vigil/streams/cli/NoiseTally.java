package dev.vigil.streams.cli;

import dev.vigil.model.alert.Alert;
import dev.vigil.model.audit.AuditRecord;
import dev.vigil.streams.rules.Detection;
import dev.vigil.streams.rules.RuleEngine;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The corpus through the rule engine exactly as {@code vigil rules test FILE…} evaluates files (decode, cluster
 * {@code local}, the event's own time, {@link OfflineAlerts}' dedup), tallied per rule and severity.
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
        for (BenignCorpus.Event event : events) {
            AuditRecord record = event.record();
            Instant at = record.event().eventTime() != null ? record.event().eventTime() : Instant.EPOCH;
            List<Detection> detections = engine.evaluate(new AuditRecord(record.cluster() != null ? record.cluster()
                    : "local", record.receivedAt() != null ? record.receivedAt() : at, record.event()));
            detections.forEach(d -> sources.computeIfAbsent(d.rule().id() + " " + d.severity().word(),
                    k -> new TreeSet<>()).add(where(event)));
            alerts.add(detections);
        }
        Map<String, Line> lines = new TreeMap<>();
        for (Alert alert : alerts.alerts()) {
            String severity = alert.vigil().severity().word();
            lines.merge(alert.rule().id() + " " + severity,
                    new Line(alert.rule().id(), severity, 1, alert.vigil().count(), alert.message() + " | from "
                            + sources.get(alert.rule().id() + " " + severity)),
                    (a, b) -> new Line(a.rule(), a.severity(), a.alerts() + 1, a.events() + b.events(), a.example()));
        }
        return lines;
    }

    /** The third-party event's {@code file:line}, or just the day (its lines say nothing to a reader). */
    private static String where(BenignCorpus.Event event) {
        return event.source().startsWith(BenignCorpus.DAY) ? "the generated day" : event.source();
    }
}

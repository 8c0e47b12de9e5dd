package dev.vigil.bench.measure;

import dev.vigil.bench.report.Figure;
import dev.vigil.bench.workload.BenignDay;
import dev.vigil.model.alert.Alert;
import dev.vigil.model.audit.AuditRecord;
import dev.vigil.model.audit.AuditRecordCodec;
import dev.vigil.model.json.Decoded;
import dev.vigil.streams.alerts.AlertCandidate;
import dev.vigil.streams.alerts.AlertFactory;
import dev.vigil.streams.redact.Redactor;
import dev.vigil.streams.rules.Detection;
import dev.vigil.streams.rules.RuleEngine;
import tools.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Noise at scale: {@code events} events of the benign busy-cluster day ({@link BenignDay}, spread over one day)
 * through a rule engine as {@code vigil rules test} runs it, the detections turned into alerts by the topology's
 * own {@link AlertFactory} and deduplicated by alert id (rule, cluster, dedup key, window). Reports, per rule that
 * fired, its alerts per million benign events; every one of them is noise, since nothing in the day is an attack.
 */
public final class BenignNoise {

    /** What one rule raised: distinct alerts after dedup, detections before, the severities seen. */
    private static final class Tally {
        final Set<String> alertIds = new HashSet<>();
        long hits;
        final Set<String> severities = new java.util.TreeSet<>();
    }

    private BenignNoise() {
    }

    /**
     * @param profile what the engine was loaded with, e.g. {@code bundled pack} or {@code site settings}
     */
    public static List<Figure> measure(RuleEngine engine, String profile, long events, long seed) {
        BenignDay day = new BenignDay(seed, BenignDay.DEFAULT_DAY, events);
        AlertFactory alerts = new AlertFactory(Redactor.withDefaults(), Clock.systemUTC(), Duration.ofHours(1));
        Map<String, Tally> rules = new TreeMap<>();
        long started = System.nanoTime();
        for (long i = 0; i < events; i++) {
            ObjectNode event = day.next();
            Decoded<AuditRecord> record = AuditRecordCodec.decode(AuditRecordCodec.encode(event, "bench",
                    Instant.parse(event.path("stageTimestamp").asString())));
            if (!record.isOk()) {
                throw new IllegalStateException("the benign day produced an undecodable event: " + event);
            }
            List<Detection> detections = engine.evaluate(record.value());
            if (detections.isEmpty()) {
                continue;
            }
            List<AlertCandidate> candidates = alerts.candidates(detections);
            for (AlertCandidate candidate : candidates) {
                Alert alert = candidate.alert();
                Tally tally = rules.computeIfAbsent(alert.rule().id(), id -> new Tally());
                tally.hits++;
                tally.alertIds.add(alert.event().id());
                tally.severities.add(alert.vigil().severity().word());
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        double perMillion = 1_000_000.0 / events;
        List<Figure> figures = new ArrayList<>();
        long total = rules.values().stream().mapToLong(t -> t.alertIds.size()).sum();
        figures.add(Figure.of("noise, " + profile + ": all rules", total * perMillion, "alerts/1M benign events",
                String.format(Locale.ROOT, "%,d benign events of the busy-cluster day (seed %d) in %.0f s; %d rule(s)"
                        + " fired: %s", events, seed, seconds, rules.size(), String.join(", ", rules.keySet()))));
        rules.forEach((id, tally) -> figures.add(Figure.of("noise, " + profile + ": " + id,
                tally.alertIds.size() * perMillion, "alerts/1M benign events",
                String.format(Locale.ROOT, "%,.0f detections/1M before dedup, severity %s", tally.hits * perMillion,
                        String.join("/", tally.severities)))));
        return figures;
    }
}

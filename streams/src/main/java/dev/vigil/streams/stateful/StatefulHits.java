package dev.vigil.streams.stateful;

import dev.vigil.model.audit.AuditRecord;
import dev.vigil.model.ecs.EcsFields;
import dev.vigil.model.alert.Alert;
import dev.vigil.model.alert.RuleRef;
import dev.vigil.streams.alerts.AlertFactory;
import dev.vigil.streams.redact.Redaction;
import dev.vigil.streams.rules.DetectionEngine;
import dev.vigil.streams.rules.StatefulDetection;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Audit records → the stateful rules' hits, keyed by rule and state key and timestamped with the event time
 * ({@code stageTimestamp}), so that the stateful processors' stream time, windows and grace run on event time and a
 * replay of old logs gives the alerts live processing gave. An event dated more than {@link #FUTURE_TOLERANCE} after
 * its receipt counts at its receipt time instead. Each hit carries the alert prototype, built (and
 * redacted) by the same {@link AlertFactory} as every other alert, less the rule's own texts (put back from the rule
 * when an alert is built).
 */
final class StatefulHits implements Processor<String, AuditRecord, String, StatefulHit> {

    /** How far an event's own time may lie ahead of its receipt (clock skew between API servers and ingest). */
    static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(5);

    private final DetectionEngine engine;
    private final AlertFactory factory;
    private ProcessorContext<String, StatefulHit> context;

    StatefulHits(DetectionEngine engine, AlertFactory factory) {
        this.engine = engine;
        this.factory = factory;
    }

    @Override
    public void init(ProcessorContext<String, StatefulHit> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, AuditRecord> record) {
        for (StatefulHit hit : hits(engine, factory, record.value())) {
            context.forward(new Record<>(hit.rule() + "|" + hit.key(), hit, hit.time(), record.headers()));
        }
    }

    /**
     * The event time, but never later than {@link #FUTURE_TOLERANCE} after ingest received the event: an event dated
     * in the future (a skewed clock, or a forged event) would otherwise push stream time ahead and make every
     * real event after it "late", silencing the stateful rules.
     */
    static long eventTime(AuditRecord audit) {
        long time = EcsFields.timestamp(audit).toEpochMilli();
        if (audit.receivedAt() != null) {
            time = Math.min(time, audit.receivedAt().plus(FUTURE_TOLERANCE).toEpochMilli());
        }
        return time;
    }

    /**
     * The prototype without what the rule alone gives (name, description, version, threat): about half of a hit's
     * bytes on the repartition topic and in the sequence store. {@link StatefulAlerts#alert} puts them back.
     */
    private static Alert slim(Alert alert) {
        return new Alert(alert.timestamp(), alert.message(), alert.event(), new RuleRef(alert.rule().id(), null, null,
                null, null, null), null, alert.user(), alert.source(), alert.userAgent(), alert.orchestrator(),
                alert.vigil());
    }

    /** One record's hits: per stateful rule step it passes, one per state key. */
    static List<StatefulHit> hits(DetectionEngine engine, AlertFactory factory, AuditRecord audit) {
        List<StatefulDetection> detections = engine.evaluateStateful(audit);
        if (detections.isEmpty()) {
            return List.of();
        }
        // the stateful values (distinct values, terms) are scrubbed like the alert: nothing secret on the wire or in state
        Redaction redaction = factory.redact(audit.whole().event());
        long time = eventTime(audit);
        if (time < 0) {
            return List.of(); // before 1970: no Kafka timestamp, nothing a window could hold
        }
        List<StatefulHit> hits = new ArrayList<>();
        for (int i = 0; i < detections.size(); i++) {
            StatefulDetection detection = detections.get(i);
            Alert alert = slim(factory.candidate(detection.detection(), redaction).alert());
            String value = detection.value() == null ? null : redaction.scrub(detection.value());
            for (String key : detection.keys()) {
                hits.add(new StatefulHit(detection.rule().id(), detection.step(), key, value, time,
                        audit.cluster(), audit.event().auditID(), alert));
            }
        }
        return hits;
    }
}

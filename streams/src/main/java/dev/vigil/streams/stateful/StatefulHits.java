package dev.vigil.streams.stateful;

import dev.vigil.model.audit.AuditRecord;
import dev.vigil.model.ecs.EcsFields;
import dev.vigil.streams.alerts.AlertCandidate;
import dev.vigil.streams.alerts.AlertFactory;
import dev.vigil.streams.rules.Detection;
import dev.vigil.streams.rules.DetectionEngine;
import dev.vigil.streams.rules.StatefulDetection;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import java.util.List;

/**
 * Audit records → the stateful rules' hits, keyed by rule and state key and timestamped with the event time
 * ({@code stageTimestamp}), so that the stateful processors' stream time, windows and grace run on event time and a
 * replay of old logs gives the alerts live processing gave. Each hit carries the alert prototype, built (and
 * redacted) by the same {@link AlertFactory} as every other alert.
 */
final class StatefulHits implements Processor<String, AuditRecord, String, StatefulHit> {

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
        List<StatefulDetection> detections = engine.evaluateStateful(record.value());
        if (detections.isEmpty()) {
            return;
        }
        List<AlertCandidate> alerts = factory.candidates(detections.stream().map(StatefulDetection::detection)
                .toList());
        AuditRecord audit = record.value();
        long time = EcsFields.timestamp(audit).toEpochMilli();
        for (int i = 0; i < detections.size(); i++) {
            StatefulDetection detection = detections.get(i);
            Detection single = detection.detection();
            for (String key : detection.keys()) {
                StatefulHit hit = new StatefulHit(detection.rule().id(), detection.step(), key, detection.value(),
                        time, audit.cluster(), single.record().event().auditID(), alerts.get(i).alert());
                context.forward(new Record<>(detection.rule().id() + "|" + key, hit, time, record.headers()));
            }
        }
    }
}

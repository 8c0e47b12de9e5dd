package dev.vigil.streams.alerts;

import dev.vigil.model.audit.AuditRecord;
import dev.vigil.streams.rules.Detection;
import dev.vigil.streams.rules.DetectionEngine;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import java.util.List;

/**
 * One audit record → the per-event rules → one alert candidate per detection, keyed by alert id (timestamp and
 * headers of the record kept). Nearly every record raises nothing and then costs nothing beyond the rule engine:
 * unlike a {@code flatMap}, no list, stream or key-value pair per record.
 */
final class AlertDetector implements Processor<String, AuditRecord, String, AlertCandidate> {

    private final DetectionEngine engine;
    private final AlertFactory factory;
    private ProcessorContext<String, AlertCandidate> context;

    AlertDetector(DetectionEngine engine, AlertFactory factory) {
        this.engine = engine;
        this.factory = factory;
    }

    @Override
    public void init(ProcessorContext<String, AlertCandidate> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, AuditRecord> record) {
        List<Detection> detections = engine.evaluate(record.value());
        if (detections.isEmpty()) {
            return;
        }
        for (AlertCandidate candidate : factory.candidates(detections)) {
            context.forward(new Record<>(candidate.alert().id(), candidate, record.timestamp(), record.headers()));
        }
    }
}

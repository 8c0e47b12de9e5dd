package dev.vigil.streams.evidence;

import dev.vigil.model.audit.AuditEvent;
import dev.vigil.model.audit.AuditRecord;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.StreamsMetrics;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * One audit record → its evidence document, keyed by auditID ({@link EvidenceMapper#document}). Counts which way the
 * documents with objects were written, so that an operator sees how often the slower tree path is taken:
 * {@code objects-as-bytes-total} / {@code -rate} and {@code objects-as-trees-total} / {@code -rate} of entity
 * {@code evidence-normalise} in the Kafka Streams metrics (scope {@value #METRICS_SCOPE}).
 */
final class EvidenceNormaliser implements Processor<String, AuditRecord, String, EvidenceDocument> {

    static final String METRICS_SCOPE = "vigil-evidence";
    static final String AS_BYTES = "objects-as-bytes";
    static final String AS_TREES = "objects-as-trees";

    private final EvidenceMapper mapper;
    private ProcessorContext<String, EvidenceDocument> context;
    private Sensor asBytes;
    private Sensor asTrees;

    EvidenceNormaliser(EvidenceMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public void init(ProcessorContext<String, EvidenceDocument> context) {
        this.context = context;
        StreamsMetrics metrics = context.metrics();
        if (metrics != null) {
            asBytes = metrics.addRateTotalSensor(METRICS_SCOPE, "evidence-normalise", AS_BYTES, Sensor.RecordingLevel.INFO);
            asTrees = metrics.addRateTotalSensor(METRICS_SCOPE, "evidence-normalise", AS_TREES, Sensor.RecordingLevel.INFO);
        }
    }

    @Override
    public void process(Record<String, AuditRecord> record) {
        EvidenceDocument document = mapper.document(record.value());
        count(document);
        context.forward(record.withKey(document.key()).withValue(document));
    }

    private void count(EvidenceDocument document) {
        if (document.requestObject() != null || document.responseObject() != null) {
            record(asBytes);
            return;
        }
        AuditEvent event = document.evidence().kubernetes().audit();
        if (event.requestObject() != null && event.requestObject().isContainer()
                || event.responseObject() != null && event.responseObject().isContainer()) {
            record(asTrees);
        }
    }

    private static void record(Sensor sensor) {
        if (sensor != null) {
            sensor.record();
        }
    }
}

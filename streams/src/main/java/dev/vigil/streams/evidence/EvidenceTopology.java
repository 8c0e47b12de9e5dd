package dev.vigil.streams.evidence;

import dev.vigil.model.audit.AuditRecord;
import dev.vigil.model.evidence.Evidence;
import dev.vigil.streams.kafka.TopicSpec;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

/** Decoded audit records → normalised, redacted evidence documents on {@code vigil.evidence}, keyed by auditID. */
public final class EvidenceTopology {

    private EvidenceTopology() {
    }

    public static void evidence(KStream<String, AuditRecord> records, TopicSpec<String, Evidence> evidence,
                                EvidenceMapper mapper) {
        records.mapValues(mapper::evidence, Named.as("evidence-normalise"))
                .selectKey((key, document) -> document.kubernetes().audit().auditID(), Named.as("evidence-key"))
                .to(evidence.name(), evidence.produced("evidence-sink"));
    }
}

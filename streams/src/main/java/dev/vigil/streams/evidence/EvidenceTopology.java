package dev.vigil.streams.evidence;

import dev.vigil.model.audit.AuditRecord;
import dev.vigil.model.evidence.Evidence;
import dev.vigil.streams.kafka.TopicSpec;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/** Decoded audit records → normalised, redacted evidence documents on {@code vigil.evidence}, keyed by auditID. */
public final class EvidenceTopology {

    private EvidenceTopology() {
    }

    public static void evidence(KStream<String, AuditRecord> records, TopicSpec<String, Evidence> evidence,
                                EvidenceMapper mapper) {
        records.mapValues(mapper::evidence, Named.as("evidence-normalise"))
                .selectKey((key, document) -> document.kubernetes().audit().auditID(), Named.as("evidence-key"))
                .to(evidence.name(), Produced.with(evidence.keySerde(), serde(evidence))
                        .withName("evidence-sink"));
    }

    /** The topic's serde, writing with {@link EvidenceSerializer}: the same bytes without the bean serialisers. */
    public static Serde<Evidence> serde(TopicSpec<String, Evidence> evidence) {
        return Serdes.serdeFrom(new EvidenceSerializer(), evidence.valueSerde().deserializer());
    }
}

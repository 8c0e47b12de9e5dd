package dev.vigil.streams.evidence;

import dev.vigil.model.audit.AuditRecord;
import dev.vigil.model.evidence.Evidence;
import dev.vigil.streams.kafka.TopicSpec;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/** Decoded audit records → normalised, redacted evidence documents on {@code vigil.evidence}, keyed by auditID. */
public final class EvidenceTopology {

    private EvidenceTopology() {
    }

    public static void evidence(KStream<String, AuditRecord> records, TopicSpec<String, Evidence> evidence,
                                EvidenceMapper mapper) {
        // One node, not mapValues → selectKey: each node costs a forward per record.
        records.map((key, record) -> {
                    Evidence document = mapper.evidence(record);
                    return KeyValue.pair(document.kubernetes().audit().auditID(), document);
                }, Named.as("evidence-normalise"))
                .to(evidence.name(), Produced.with(evidence.keySerde(), serde(evidence))
                        .withName("evidence-sink"));
    }

    /** The topic's serde, writing with {@link EvidenceSerializer}: the same bytes without the bean serialisers. */
    public static Serde<Evidence> serde(TopicSpec<String, Evidence> evidence) {
        return Serdes.serdeFrom(new EvidenceSerializer(), evidence.valueSerde().deserializer());
    }
}

package dev.vigil.streams.evidence;

import dev.vigil.model.audit.AuditRecord;
import dev.vigil.model.evidence.Evidence;
import dev.vigil.streams.kafka.TopicSpec;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/** Decoded audit records → normalised, redacted evidence documents on {@code vigil.evidence}, keyed by auditID. */
public final class EvidenceTopology {

    private EvidenceTopology() {
    }

    public static void evidence(KStream<String, AuditRecord> records, TopicSpec<String, Evidence> evidence,
                                EvidenceMapper mapper) {
        // One node, not mapValues → selectKey: each node costs a forward per record.
        records.process(() -> new EvidenceNormaliser(mapper), Named.as("evidence-normalise"))
                .to(evidence.name(), Produced.with(evidence.keySerde(), documentSerde(evidence))
                        .withName("evidence-sink"));
    }

    /** The topic's serde, writing with {@link EvidenceSerializer}: the same bytes without the bean serialisers. */
    public static Serde<Evidence> serde(TopicSpec<String, Evidence> evidence) {
        Serializer<EvidenceDocument> documents = new EvidenceSerializer();
        return Serdes.serdeFrom((topic, value) -> documents.serialize(topic,
                value == null ? null : EvidenceDocument.of(value)), evidence.valueSerde().deserializer());
    }

    /** The sink's serde: documents written by {@link EvidenceSerializer}, read back as their {@link Evidence}. */
    public static Serde<EvidenceDocument> documentSerde(TopicSpec<String, Evidence> evidence) {
        Deserializer<Evidence> reader = evidence.valueSerde().deserializer();
        return Serdes.serdeFrom(new EvidenceSerializer(), (topic, bytes) -> {
            Evidence value = reader.deserialize(topic, bytes);
            return value == null ? null : EvidenceDocument.of(value);
        });
    }
}

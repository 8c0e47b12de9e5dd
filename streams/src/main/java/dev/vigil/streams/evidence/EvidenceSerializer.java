package dev.vigil.streams.evidence;

import dev.vigil.model.json.JsonDocuments;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes evidence documents to {@code vigil.evidence} with {@link EvidenceJson}, the bytes the {@code JsonSerde} of
 * the topic would write (objects given as bytes: as they arrived), through one generator and output buffer per
 * stream thread ({@link JsonDocuments}; Kafka Streams shares a sink's serializer between its tasks and threads): a new
 * generator per document was a fifth of the writing.
 */
final class EvidenceSerializer implements Serializer<EvidenceDocument> {

    @Override
    public byte[] serialize(String topic, EvidenceDocument document) {
        return document == null ? null : JsonDocuments.write(document, EvidenceJson::write);
    }
}

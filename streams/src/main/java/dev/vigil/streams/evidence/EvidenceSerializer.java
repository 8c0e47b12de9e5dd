package dev.vigil.streams.evidence;

import dev.vigil.model.evidence.Evidence;
import dev.vigil.model.json.VigilJson;
import org.apache.kafka.common.serialization.Serializer;
import tools.jackson.core.JsonGenerator;

import java.io.ByteArrayOutputStream;

/**
 * Writes evidence documents to {@code vigil.evidence} with {@link EvidenceJson} into one output buffer per stream
 * thread (Kafka Streams shares a sink's serializer between its tasks and threads), the bytes the {@code JsonSerde}
 * of the topic would write.
 */
final class EvidenceSerializer implements Serializer<Evidence> {

    /** A buffer that grew past this for one large document is not kept for the next. */
    private static final int KEEP = 1 << 20;
    private static final ThreadLocal<Output> OUTPUT = ThreadLocal.withInitial(Output::new);

    @Override
    public byte[] serialize(String topic, Evidence evidence) {
        if (evidence == null) {
            return null;
        }
        Output out = OUTPUT.get();
        out.reset();
        try (JsonGenerator gen = VigilJson.mapper().createGenerator(out)) {
            EvidenceJson.write(evidence, gen);
        }
        byte[] bytes = out.toByteArray();
        if (out.capacity() > KEEP) {
            OUTPUT.remove();
        }
        return bytes;
    }

    private static final class Output extends ByteArrayOutputStream {

        Output() {
            super(8_192);
        }

        int capacity() {
            return buf.length;
        }
    }
}

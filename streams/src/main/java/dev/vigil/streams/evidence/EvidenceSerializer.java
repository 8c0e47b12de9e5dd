package dev.vigil.streams.evidence;

import dev.vigil.model.evidence.Evidence;
import dev.vigil.model.json.VigilJson;
import org.apache.kafka.common.serialization.Serializer;
import tools.jackson.core.JsonGenerator;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Writes evidence documents to {@code vigil.evidence} with {@link EvidenceJson}, the bytes the {@code JsonSerde} of
 * the topic would write, through one generator and output buffer per stream thread (Kafka Streams shares a sink's
 * serializer between its tasks and threads): a new generator per document was a fifth of the writing.
 */
final class EvidenceSerializer implements Serializer<Evidence> {

    private static final ThreadLocal<Writer> WRITER = ThreadLocal.withInitial(Writer::new);

    @Override
    public byte[] serialize(String topic, Evidence evidence) {
        if (evidence == null) {
            return null;
        }
        Writer writer = WRITER.get();
        byte[] bytes;
        try {
            bytes = writer.write(evidence);
        } catch (RuntimeException e) {
            WRITER.remove(); // the generator stopped inside a document
            throw e;
        }
        if (writer.spent()) {
            WRITER.remove();
            writer.gen.close();
        }
        return bytes;
    }

    /** One generator writing one document after the other into a buffer that is emptied for each. */
    private static final class Writer {

        /** A buffer that grew past this for one large document is not kept for the next. */
        private static final int KEEP = 1 << 20;
        /** The generator counts its root values in an {@code int}: a fresh one long before that overflows. */
        private static final int DOCUMENTS = 1 << 20;

        private final Output out = new Output();
        private final JsonGenerator gen = VigilJson.mapper().createGenerator(out);
        private int documents;

        byte[] write(Evidence evidence) {
            out.reset();
            EvidenceJson.write(evidence, gen);
            gen.flush();
            documents++;
            return out.document();
        }

        boolean spent() {
            return documents >= DOCUMENTS || out.capacity() > KEEP;
        }
    }

    private static final class Output extends ByteArrayOutputStream {

        Output() {
            super(8_192);
        }

        /** The bytes written since the reset, without the separator the generator puts between root values. */
        byte[] document() {
            int from = count > 0 && buf[0] == ' ' ? 1 : 0;
            return Arrays.copyOfRange(buf, from, count);
        }

        int capacity() {
            return buf.length;
        }
    }
}

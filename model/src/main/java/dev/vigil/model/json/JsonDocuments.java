package dev.vigil.model.json;

import tools.jackson.core.JsonGenerator;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Writes one JSON document after the other to bytes through one {@code VigilJson} generator and output buffer per
 * thread: a new generator per document costs about as much as writing a small one. For serializers that write with a
 * hand-written field writer (evidence documents, alert candidates) and that Kafka shares between threads.
 */
public final class JsonDocuments {

    private static final ThreadLocal<Writer> WRITER = ThreadLocal.withInitial(Writer::new);

    private JsonDocuments() {
    }

    /** The bytes {@code write} puts through the generator for {@code value}, as one root value without separator. */
    public static <T> byte[] write(T value, BiConsumer<T, JsonGenerator> write) {
        Writer writer = WRITER.get();
        byte[] bytes;
        try {
            bytes = writer.write(value, write);
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

    /** A list of strings (nulls kept) as a JSON array, as the mapper writes a {@code List<String>}. */
    public static void writeStrings(JsonGenerator gen, List<String> values) {
        gen.writeStartArray();
        for (String value : values) {
            if (value == null) {
                gen.writeNull();
            } else {
                gen.writeString(value);
            }
        }
        gen.writeEndArray();
    }

    private static final class Writer {

        /** A buffer that grew past this for one large document is not kept for the next. */
        private static final int KEEP = 1 << 20;
        /** The generator counts its root values in an {@code int}: a fresh one long before that overflows. */
        private static final int DOCUMENTS = 1 << 20;

        private final Output out = new Output();
        private final JsonGenerator gen = VigilJson.mapper().createGenerator(out);
        private int documents;

        <T> byte[] write(T value, BiConsumer<T, JsonGenerator> write) {
            out.reset();
            write.accept(value, gen);
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

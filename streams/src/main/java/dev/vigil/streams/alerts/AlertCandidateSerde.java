package dev.vigil.streams.alerts;

import dev.vigil.model.alert.Alert;
import dev.vigil.model.json.VigilJson;
import dev.vigil.model.kafka.JsonSerde;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import tools.jackson.core.JsonGenerator;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.function.BiConsumer;

/**
 * The {@code alert-candidates} repartition's serde: the bytes {@code JsonSerde.of(AlertCandidate.class)} wrote,
 * written by {@link AlertJson} through one generator per stream thread; read by the {@code JsonSerde} as before.
 * Alerts alone (the dedup store, {@code vigil.alerts}) are written the same way.
 */
final class AlertCandidateSerde implements Serde<AlertCandidate> {

    private static final JsonSerde<AlertCandidate> JSON = JsonSerde.of(AlertCandidate.class);
    private static final ThreadLocal<JsonBytes> WRITER = ThreadLocal.withInitial(JsonBytes::new);

    @Override
    public Serializer<AlertCandidate> serializer() {
        return (topic, candidate) -> candidate == null ? null : bytes(candidate, AlertJson::write);
    }

    @Override
    public Deserializer<AlertCandidate> deserializer() {
        return JSON.deserializer();
    }

    /** An alert's JSON as {@code VigilJson.writeBytes(alert)} writes it. */
    static byte[] alertBytes(Alert alert) {
        return bytes(alert, AlertJson::write);
    }

    /**
     * The serde to write alerts with where {@code contract} is the alerts topic's: a {@code JsonSerde} (the contract's
     * bytes) is replaced by one writing the same bytes with {@link AlertJson}; any other serde is kept.
     */
    static Serde<Alert> alertSerde(Serde<Alert> contract) {
        if (!(contract instanceof JsonSerde<?>)) {
            return contract;
        }
        Serializer<Alert> serializer = (topic, alert) -> alert == null ? null : alertBytes(alert);
        return Serdes.serdeFrom(serializer, contract.deserializer());
    }

    private static <T> byte[] bytes(T value, BiConsumer<T, JsonGenerator> write) {
        JsonBytes writer = WRITER.get();
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

    /**
     * One generator writing one document after the other into a buffer emptied for each (as the evidence serializer
     * does): a new generator per document costs about as much as writing a small one.
     */
    private static final class JsonBytes {

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
            super(4_096);
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

package dev.vigil.model.kafka;

import dev.vigil.model.json.VigilJson;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import tools.jackson.core.JacksonException;

/**
 * Kafka serde for Vigil's own documents (alerts, evidence, DLQ and watch records), written with {@link VigilJson}.
 * For topics fed from outside, read bytes and decode with a {@code Decoded} codec instead: this deserializer
 * throws {@link SerializationException} on bad data, which a deserialization-exception handler must catch.
 */
public final class JsonSerde<T> implements Serde<T> {

    private final Class<T> type;

    public JsonSerde(Class<T> type) {
        this.type = type;
    }

    public static <T> JsonSerde<T> of(Class<T> type) {
        return new JsonSerde<>(type);
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> value == null ? null : VigilJson.writeBytes(value);
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return VigilJson.mapper().readValue(bytes, type);
            } catch (JacksonException e) {
                throw new SerializationException("cannot read " + type.getSimpleName() + " from " + topic + ": "
                        + e.getOriginalMessage(), e);
            }
        };
    }
}

package dev.vigil.streams.stateful;

import dev.vigil.model.alert.Alert;
import dev.vigil.model.json.VigilJson;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

import java.util.Arrays;

/**
 * The {@code stateful-sequence} store's values: the JSON a {@code record SequenceStep(String auditId, long time,
 * Alert alert)} always had ({@code {"auditId":…,"time":…,"alert":{…}}}, so existing stores and changelogs read as
 * before), read field by field with the alert's bytes kept undecoded ({@link SequenceStep#alert()} decodes them).
 */
final class SequenceStepSerde implements Serde<SequenceStep> {

    /** The written form, field for field the record this class replaced. */
    private record Wire(String auditId, long time, Alert alert) {
    }

    @Override
    public Serializer<SequenceStep> serializer() {
        return (topic, step) -> step == null ? null
                : VigilJson.writeBytes(new Wire(step.auditId(), step.time(), step.alert()));
    }

    @Override
    public Deserializer<SequenceStep> deserializer() {
        return (topic, bytes) -> bytes == null ? null : read(topic, bytes);
    }

    static SequenceStep read(String topic, byte[] bytes) {
        String auditId = null;
        long time = 0;
        byte[] alert = null;
        try (JsonParser parser = VigilJson.mapper().createParser(bytes)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new SerializationException("cannot read SequenceStep from " + topic + ": not an object");
            }
            String name;
            while ((name = parser.nextName()) != null) {
                JsonToken token = parser.nextToken();
                switch (name) {
                    case "auditId" -> auditId = token == JsonToken.VALUE_NULL ? null : parser.getValueAsString();
                    case "time" -> time = token == JsonToken.VALUE_NULL ? 0 : parser.getValueAsLong();
                    case "alert" -> {
                        if (token == JsonToken.START_OBJECT) {
                            int from = (int) parser.currentTokenLocation().getByteOffset();
                            parser.skipChildren();
                            alert = Arrays.copyOfRange(bytes, from, (int) parser.currentLocation().getByteOffset());
                        } else if (token != JsonToken.VALUE_NULL) {
                            throw new SerializationException("cannot read SequenceStep from " + topic
                                    + ": alert is not an object");
                        }
                    }
                    default -> parser.skipChildren();
                }
            }
        } catch (JacksonException e) {
            throw new SerializationException("cannot read SequenceStep from " + topic + ": " + e.getOriginalMessage(), e);
        }
        return SequenceStep.lazy(auditId, time, alert, json -> decode(topic, json));
    }

    private static Alert decode(String topic, byte[] json) {
        try {
            return VigilJson.mapper().readValue(json, Alert.class);
        } catch (JacksonException e) {
            throw new SerializationException("cannot read the alert of a SequenceStep from " + topic + ": "
                    + e.getOriginalMessage(), e);
        }
    }
}

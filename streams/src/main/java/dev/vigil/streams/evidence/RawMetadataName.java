package dev.vigil.streams.evidence;

import dev.vigil.model.json.RawJsonValue;
import dev.vigil.model.json.VigilJson;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * {@code metadata.name} of an object kept as bytes, read without a tree: the name of a created object, which the
 * evidence's message and {@code orchestrator.resource.name} carry. The bytes were read whole by the evidence
 * decoder's check already (well-formed, no duplicate keys), so the first {@code metadata} and {@code name} are the
 * ones the tree would hold; the read stops there, and a Kubernetes object has its metadata near the start.
 */
final class RawMetadataName {

    private RawMetadataName() {
    }

    /** The name, or null: not an object, no {@code metadata} object, or no string {@code name} in it. */
    static String of(RawJsonValue object) {
        if (object == null) {
            return null;
        }
        try (JsonParser parser = VigilJson.mapper().createParser(object.bytes(), object.offset(), object.length())) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            String field;
            while ((field = parser.nextName()) != null) {
                JsonToken value = parser.nextToken();
                if ("metadata".equals(field)) {
                    return value == JsonToken.START_OBJECT ? name(parser) : null;
                }
                parser.skipChildren();
            }
            return null;
        }
    }

    private static String name(JsonParser parser) {
        String field;
        while ((field = parser.nextName()) != null) {
            JsonToken value = parser.nextToken();
            if ("name".equals(field)) {
                return value == JsonToken.VALUE_STRING ? parser.getString() : null;
            }
            parser.skipChildren();
        }
        return null;
    }
}

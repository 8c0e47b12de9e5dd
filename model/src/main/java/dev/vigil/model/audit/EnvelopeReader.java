package dev.vigil.model.audit;

import dev.vigil.model.json.VigilJson;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The streaming half of {@link AuditRecordCodec#decodeLazily}: reads a record value with the tolerant parser
 * {@link ItemParser} uses, building trees for every top-level field but {@code requestObject} and
 * {@code responseObject}, whose values (when objects or arrays) are skipped — tokenized under the same limits, not
 * built — and kept as byte ranges. Duplicate keys: the last wins, for the objects too (the last one's bytes).
 * Anything unusual (not an object, a syntax or limit error anywhere, trailing text) yields null: the caller then
 * decodes fully, which is what drops and notes an unreadable object.
 */
final class EnvelopeReader {

    private static final JsonMapper MAPPER = VigilJson.tolerantMapper();
    private static final String REQUEST = "requestObject";
    private static final String RESPONSE = "responseObject";

    /** The envelope fields as a tree, and where the objects left out of it are (null: in the tree or absent). */
    record Envelope(ObjectNode node, LazyObjects.Slot request, LazyObjects.Slot response) {
    }

    private EnvelopeReader() {
    }

    static Envelope read(byte[] value) {
        // A skipped string is not checked against the string length limit; none can exceed it in a shorter record.
        if (value == null || value.length >= MAPPER.tokenStreamFactory().streamReadConstraints().getMaxStringLength()) {
            return null;
        }
        try (JsonParser parser = MAPPER.createParser(value)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            ObjectNode node = MAPPER.createObjectNode();
            LazyObjects.Slot request = null;
            LazyObjects.Slot response = null;
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                JsonToken valueToken = parser.nextToken();
                boolean isRequest = REQUEST.equals(name);
                if ((isRequest || RESPONSE.equals(name))
                        && (valueToken == JsonToken.START_OBJECT || valueToken == JsonToken.START_ARRAY)) {
                    LazyObjects.Slot slot = skip(parser, value);
                    if (slot == null) {
                        return null;
                    }
                    node.remove(name); // an earlier duplicate in the tree
                    if (isRequest) {
                        request = slot;
                    } else {
                        response = slot;
                    }
                    continue;
                }
                if (isRequest) {
                    request = null; // an earlier duplicate as a range
                } else if (RESPONSE.equals(name)) {
                    response = null;
                }
                JsonNode fieldValue = parser.readValueAsTree();
                node.set(name, fieldValue == null ? node.nullNode() : fieldValue);
            }
            if (token != JsonToken.END_OBJECT || parser.nextToken() != null) {
                return null;
            }
            return new Envelope(node, request, response);
        } catch (JacksonException e) {
            return null;
        }
    }

    /** At the start of an object or array: skips to its end; the range of its bytes, checked to be bracketed. */
    private static LazyObjects.Slot skip(JsonParser parser, byte[] value) {
        long start = parser.currentTokenLocation().getByteOffset();
        char open = parser.currentToken() == JsonToken.START_OBJECT ? '{' : '[';
        parser.skipChildren();
        long end = parser.currentLocation().getByteOffset();
        if (start < 0 || end <= start || end > value.length || value[(int) start] != open
                || value[(int) end - 1] != (open == '{' ? '}' : ']')) {
            return null;
        }
        return new LazyObjects.Slot((int) start, (int) end);
    }
}

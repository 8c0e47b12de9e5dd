package dev.vigil.model.audit;

import dev.vigil.model.json.VigilJson;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;

/**
 * Parses the text of one audit item on its own, the way the API server's Go JSON reads it (duplicate keys: the last
 * one wins) and under Jackson's limits (nesting 500, names 50 000 characters, numbers 1 000 digits), counted from the
 * item — not from the batch around it. When the item is not readable as a whole but its top level is, only an
 * unreadable {@code requestObject} or {@code responseObject} is dropped and noted ({@link DroppedObjects}), so that a
 * user who puts something hostile into an object cannot hide the event itself.
 */
final class ItemParser {

    /** A node (with {@code objectsDropped} when it is not the whole item), or the error. */
    record Parsed(JsonNode node, boolean objectsDropped, String error) {
        boolean isOk() {
            return node != null;
        }
    }

    private static final JsonMapper MAPPER = VigilJson.tolerantMapper();

    private ItemParser() {
    }

    static Parsed parse(String text) {
        try {
            return new Parsed(MAPPER.readTree(text), false, null);
        } catch (JacksonException | NumberFormatException e) {
            return salvage(text, e);
        }
    }

    static Parsed parse(byte[] utf8) {
        try {
            return new Parsed(MAPPER.readTree(utf8), false, null);
        } catch (JacksonException | NumberFormatException e) {
            return salvage(new String(utf8, StandardCharsets.UTF_8), e);
        }
    }

    /**
     * Why an object could not be read, without its content: the marker travels into evidence and alerts, and a
     * syntax error's message quotes the offending token (which may be a secret value).
     */
    private static String reason(RuntimeException e) {
        if (e instanceof NumberFormatException) {
            // Jackson does not wrap a number it cannot represent (1e9999999999): an attacker's number must not cost the event.
            return "a number out of range";
        }
        if (e instanceof StreamConstraintsException limit) {
            String message = limit.getOriginalMessage();
            int from = message.indexOf(", from `");
            return from < 0 ? message : message.substring(0, from) + ")";
        }
        JacksonException json = (JacksonException) e;
        return "not valid JSON" + (json.getLocation() == null ? ""
                : " at character " + json.getLocation().getCharOffset() + " of the object");
    }

    /** Reads the top-level fields one by one; only a droppable object may fail. */
    private static Parsed salvage(String text, RuntimeException failure) {
        Parsed unreadable = new Parsed(null, false, failure instanceof JacksonException json
                ? "not valid JSON: " + json.getOriginalMessage() : "not valid JSON: " + reason(failure));
        var fields = TopLevelFields.split(text);
        if (fields == null) {
            return unreadable;
        }
        ObjectNode event = MAPPER.createObjectNode();
        boolean dropped = false;
        for (TopLevelFields.Field field : fields) {
            String name;
            JsonNode value;
            try {
                name = MAPPER.readTree(field.name()).stringValue();
            } catch (JacksonException e) {
                return unreadable;
            }
            try {
                value = MAPPER.readTree(field.value());
            } catch (JacksonException | NumberFormatException e) {
                if (!DroppedObjects.DROPPABLE.contains(name)) {
                    return unreadable;
                }
                event.remove(name); // a later duplicate replaces an earlier one, even an unreadable one
                DroppedObjects.mark(event, name, "unreadable: " + reason(e));
                dropped = true;
                continue;
            }
            if (name == null || value == null) {
                return unreadable;
            }
            event.set(name, value);
        }
        return dropped ? new Parsed(event, true, null) : unreadable;
    }
}

package dev.vigil.model.audit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The marker of an event that ingest could not pass on whole: {@code requestObject} or {@code responseObject} was
 * unreadable (nesting, name length or number length over the parser's limits, or a syntax error inside it) or made
 * the record too large for Kafka. The object is dropped, the envelope kept — rules still run on who did what to
 * which object — and the top-level field {@value #FIELD} (object name → reason) says what is missing; the original
 * text goes to {@code vigil.dlq}. It travels as an unknown field of the event, so evidence shows it as
 * {@code kubernetes.audit.droppedObjects}.
 */
public final class DroppedObjects {

    /** The top-level field of the event naming each dropped object and why. */
    public static final String FIELD = "droppedObjects";

    /** The fields ingest may drop: the only ones a cluster user fills with arbitrary content. */
    public static final List<String> DROPPABLE = List.of("requestObject", "responseObject");

    private DroppedObjects() {
    }

    /** The dropped objects of an event node (object name → reason), empty when nothing was dropped. */
    public static Map<String, String> of(JsonNode event) {
        return read(event == null ? null : event.get(FIELD));
    }

    /** The dropped objects of a decoded event (object name → reason), empty when nothing was dropped. */
    public static Map<String, String> of(AuditEvent event) {
        return read(event.other().get(FIELD));
    }

    /**
     * A copy of {@code event} without its request and response objects, each noted under {@value #FIELD} with
     * {@code reason}; the original is left as it is.
     */
    public static ObjectNode dropAll(ObjectNode event, String reason) {
        ObjectNode copy = event.deepCopy();
        for (String field : DROPPABLE) {
            if (copy.remove(field) != null) {
                mark(copy, field, reason);
            }
        }
        return copy;
    }

    /** Notes one dropped object on {@code event} (in place). */
    static void mark(ObjectNode event, String field, String reason) {
        JsonNode marker = event.get(FIELD);
        ObjectNode dropped = marker instanceof ObjectNode object ? object : event.putObject(FIELD);
        dropped.put(field, reason);
    }

    private static Map<String, String> read(JsonNode marker) {
        if (marker == null || !marker.isObject()) {
            return Map.of();
        }
        Map<String, String> dropped = new LinkedHashMap<>();
        marker.properties().forEach(entry -> dropped.put(entry.getKey(), entry.getValue().asString()));
        return dropped;
    }
}

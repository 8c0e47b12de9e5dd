package dev.vigil.ingest.cloud.gke;

import dev.vigil.ingest.cloud.CloudRecord;
import dev.vigil.model.json.VigilJson;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Reads a Pub/Sub push body: the wrapped form ({@code {"message": {"data": …, "messageId": …}, "subscription"}},
 * {@code data} the base64 of the LogEntry's JSON) or, for a subscription with payload unwrapping, the LogEntry
 * itself. Whatever cannot be read becomes a failed record with the text that was received, for the dead-letter topic.
 */
final class PubSubMessages {

    /** One pushed message: its id (for the dead-letter source) and the record it carries. */
    record Message(String id, CloudRecord record) {
    }

    private final GkeFormat format = new GkeFormat();

    Message read(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        JsonNode push;
        try {
            push = VigilJson.tolerantMapper().readTree(body);
        } catch (JacksonException e) {
            return failed("unknown", "the push body is not JSON: " + e.getOriginalMessage(), text);
        }
        if (push == null || !push.isObject()) {
            return failed("unknown", "the push body is not a JSON object", text);
        }
        JsonNode message = push.get("message");
        if (message == null) {
            // A subscription with payload unwrapping (--push-no-wrapper) sends the LogEntry as the body.
            return entry("unknown", push, text);
        }
        String id = message.path("messageId").asString(message.path("message_id").asString("unknown"));
        // It names the dead letter's source: keep it short and plain.
        id = id.replaceAll("[^A-Za-z0-9_.-]", "");
        id = id.isEmpty() ? "unknown" : id.substring(0, Math.min(id.length(), 64));
        JsonNode data = message.get("data");
        if (data == null || !data.isString()) {
            return failed(id, "the Pub/Sub message has no data", text);
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(data.asString());
        } catch (IllegalArgumentException e) {
            return failed(id, "message.data is not base64: " + e.getMessage(), text);
        }
        String entryText = new String(decoded, StandardCharsets.UTF_8);
        JsonNode entry;
        try {
            entry = VigilJson.tolerantMapper().readTree(decoded);
        } catch (JacksonException e) {
            return failed(id, "message.data is not a JSON LogEntry: " + e.getOriginalMessage(), entryText);
        }
        return entry(id, entry, entryText);
    }

    private Message entry(String id, JsonNode entry, String text) {
        CloudRecord record = format.events(entry).get(0);
        return new Message(id, new CloudRecord(record.event(), record.cluster(), text, record.error()));
    }

    private static Message failed(String id, String reason, String text) {
        return new Message(id, CloudRecord.failed(reason, null, text));
    }
}

package dev.vigil.ingest.kafka;

import dev.vigil.model.audit.AuditRecordCodec;
import dev.vigil.model.audit.AuditFileReader;
import dev.vigil.model.json.VigilJson;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The record value of an event judged from its tokens alone: its text as received with the envelope appended, byte
 * for byte what {@link AuditRecordCodec#encode(String, ObjectNode, String, Instant)} makes of the same text and its
 * tree when the event is a non-empty object without envelope fields (the only events that come here), but without
 * the tree. The differential test of the webhook holds the two to the same bytes.
 */
final class EnvelopedText {

    private EnvelopedText() {
    }

    static byte[] encode(String text, String cluster, Instant receivedAt) {
        String event = text.strip();
        if (event.length() < 2 || event.charAt(event.length() - 1) != '}') {
            throw new IllegalArgumentException("not the text of a JSON object");
        }
        StringBuilder wire = new StringBuilder(event.length() + cluster.length() + 64)
                .append(event, 0, event.length() - 1)
                .append(",\"").append(AuditRecordCodec.CLUSTER).append("\":").append(VigilJson.write(cluster))
                .append(",\"").append(AuditRecordCodec.RECEIVED_AT).append("\":\"").append(receivedAt).append("\"}");
        return wire.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The tree of such an event, read as a reader that parses every item reads it; null if it cannot be read. */
    static ObjectNode tree(String text) {
        AuditFileReader.Item item = new AuditFileReader.Item("record", 0, null, text, null, null).read();
        return item.node() instanceof ObjectNode object ? object : null;
    }
}

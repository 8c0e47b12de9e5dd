package dev.vigil.ingest.kafka;

import dev.vigil.model.audit.AuditRecordCodec;
import dev.vigil.model.audit.AuditFileReader;
import tools.jackson.databind.node.ObjectNode;

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
        return AuditRecordCodec.encodeText(text, cluster, receivedAt);
    }

    /** The tree of such an event, read as a reader that parses every item reads it; null if it cannot be read. */
    static ObjectNode tree(String text) {
        AuditFileReader.Item item = new AuditFileReader.Item("record", 0, null, text, null, null).read();
        return item.node() instanceof ObjectNode object ? object : null;
    }
}

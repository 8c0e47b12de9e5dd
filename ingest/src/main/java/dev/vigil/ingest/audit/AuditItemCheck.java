package dev.vigil.ingest.audit;

import dev.vigil.model.audit.AuditEvent;
import dev.vigil.model.audit.AuditEventParser;
import dev.vigil.model.audit.AuditFileReader;
import dev.vigil.model.audit.DroppedObjects;
import dev.vigil.model.audit.ItemSummary;
import dev.vigil.ingest.cloud.CloudRecord;
import dev.vigil.model.json.Decoded;
import tools.jackson.databind.node.ObjectNode;

/**
 * Decides whether one item read from an audit body or file may enter {@code k8s.audit.events}: it must be a JSON
 * object that says it is one (kind {@code Event}, apiVersion {@code audit.k8s.io/…}, or one of {@code auditID},
 * {@code verb}, {@code requestURI}) and that {@link AuditEventParser} accepts (right field types, parseable timestamps,
 * kind Event). Whether an
 * event without {@code auditID} is accepted depends on where it comes from — see {@link IdPolicy}.
 */
public final class AuditItemCheck {

    /** What to do with an event that has no {@code auditID}. */
    public enum IdPolicy {
        /** Reject it: the API server's webhook backend always sends one, so a missing id means a forged or broken batch. */
        REQUIRE,
        /**
         * Accept it under the parser's derived id ({@code derived-<sha256>} of the event): log files written by
         * shippers often lack the id, and re-reading the same event yields the same id.
         */
        DERIVE
    }

    /** The outcome for one item. */
    public sealed interface Verdict {
    }

    /**
     * The item is an event; {@code event} is the original object, to be sent unchanged, and {@code text} the text it
     * arrived in when the reader kept it (null otherwise). {@code event} is null when the item was judged from its
     * tokens alone ({@link ItemSummary}): {@code text} is then its exact text. {@code droppedFrom} is set when an unreadable request or
     * response object was dropped from {@code event} (it names them in {@code droppedObjects}): the original text,
     * which belongs in the dead-letter topic next to the event.
     */
    public record Accepted(String auditID, String stage, ObjectNode event, String text, String droppedFrom)
            implements Verdict {

        public Accepted(String auditID, String stage, ObjectNode event, String text) {
            this(auditID, stage, event, text, null);
        }

        /** The identity inside the sender's cluster ({@code auditID-stage}); downstream ids add the cluster. */
        public String documentId() {
            return AuditEvent.stageId(auditID, stage);
        }
    }

    /** The item cannot be accepted; {@code payload} is its original text for the dead letter. */
    public record Rejected(String reason, String payload) implements Verdict {
    }

    private AuditItemCheck() {
    }

    /** Whether an object says it is an audit event, by its type or by the fields every request has. */
    private static boolean identifiesAnEvent(tools.jackson.databind.JsonNode node) {
        return "Event".equals(node.path("kind").asString(""))
                || node.path("apiVersion").asString("").startsWith("audit.k8s.io/")
                || node.has("auditID") || node.has("verb") || node.has("requestURI");
    }

    /**
     * Judges one item; its text (serialised on demand for items of a list) is only taken when it is rejected. A
     * {@link AuditFileReader.Item#isDeferred() deferred} item that its tokens show to be a plain event (see
     * {@link ItemSummary}) is accepted without a tree: {@code event} is then null and {@code text} goes on as it is.
     * Every other item is parsed and judged as before, so the answers, reasons and records are the same either way.
     */
    public static Verdict check(AuditFileReader.Item item, IdPolicy policy) {
        if (item.isDeferred()) {
            ItemSummary summary = ItemSummary.read(item.text());
            // Without an auditID (derived ids hash the tree) or with an envelope field (replaced in the tree), or
            // not saying it is an event (rejected with a reason), the tree path decides.
            if (summary != null && summary.identifies() && summary.auditID() != null && !summary.envelopeField()) {
                return new Accepted(summary.auditID(), summary.stage(), null, item.text());
            }
            item = item.read();
        }
        if (!item.isOk() || item.node() == null) {
            return new Rejected(item.error() != null ? item.error() : "unreadable item", item.text());
        }
        Decoded<AuditEvent> decoded = AuditEventParser.parse(item.node(), "");
        if (decoded instanceof Decoded.Failed<AuditEvent> failed) {
            return new Rejected(failed.reason(), item.text());
        }
        if (!identifiesAnEvent(item.node())) {
            // the parser tolerates missing fields (fixtures lack many), so {"foo":1} parses: it is no event, though
            return new Rejected("not an audit event: no kind Event, apiVersion audit.k8s.io/…, auditID, verb or "
                    + "requestURI", item.text());
        }
        AuditEvent event = decoded.value();
        if (policy == IdPolicy.REQUIRE && !item.node().has("auditID")) {
            return new Rejected("no auditID (the API server sends one with every event)", item.text());
        }
        boolean dropped = item.flaw() == AuditFileReader.Item.Flaw.OBJECTS_DROPPED;
        return new Accepted(event.auditID(), event.stage(), (ObjectNode) item.node(), item.originalText(),
                dropped ? item.text() : null);
    }

    /**
     * Judges one event recovered from a managed cloud's envelope the same way. The event goes on as its node (the
     * envelope's text is not the event's); a rejected one, and the original of an event whose objects were dropped,
     * go to the dead-letter topic as the envelope's original text.
     */
    public static Verdict check(CloudRecord record, IdPolicy policy) {
        if (!record.isOk()) {
            return new Rejected(record.error(), record.original());
        }
        Verdict verdict = check(new AuditFileReader.Item("cloud", 0, record.event(), null, null), policy);
        if (verdict instanceof Rejected rejected) {
            return new Rejected(rejected.reason(), record.original() != null ? record.original() : rejected.payload());
        }
        Accepted accepted = (Accepted) verdict;
        if (!DroppedObjects.of(record.event()).isEmpty()) {
            return new Accepted(accepted.auditID(), accepted.stage(), accepted.event(), null,
                    record.original() != null ? record.original() : record.event().toString());
        }
        return accepted;
    }
}

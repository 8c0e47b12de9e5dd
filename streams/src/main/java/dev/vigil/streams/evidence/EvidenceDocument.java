package dev.vigil.streams.evidence;

import dev.vigil.model.evidence.Evidence;
import dev.vigil.model.json.RawJsonValue;

/**
 * An evidence document as the evidence application writes it: the {@link Evidence}, and, when the request and
 * response objects were not built as trees (see {@link EvidenceMapper#document}), their bytes as they arrived, which
 * the writer puts where the trees would go ({@code kubernetes.audit.requestObject}, {@code responseObject}).
 *
 * @param requestObject  the bytes of {@code requestObject}, or null: the evidence's event holds it (or it is absent)
 * @param responseObject the bytes of {@code responseObject}, likewise
 */
public record EvidenceDocument(Evidence evidence, RawJsonValue requestObject, RawJsonValue responseObject) {

    /** A document whose objects are the event's trees. */
    public static EvidenceDocument of(Evidence evidence) {
        return new EvidenceDocument(evidence, null, null);
    }

    /** The document's key on {@code vigil.evidence}: the event's auditID. */
    public String key() {
        return evidence.kubernetes().audit().auditID();
    }
}

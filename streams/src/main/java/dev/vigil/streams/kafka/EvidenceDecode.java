package dev.vigil.streams.kafka;

import dev.vigil.model.audit.AuditRecord;
import dev.vigil.model.audit.AuditRecordCodec;
import dev.vigil.model.audit.DroppedObjects;
import dev.vigil.model.json.Decoded;

/**
 * The evidence application's decode: exactly {@link AuditRecordCodec#decode}'s result — the same records, the same
 * failures and dead-letter reasons — for less. Building the tree of the whole event was a third of the application's
 * CPU, and two thirds of the events carry no request or response object: the envelope is read
 * {@linkplain AuditRecordCodec#decodeLazily streaming}, and only the objects are parsed into trees (redaction needs
 * them), each from its own bytes.
 * <p>
 * Where the two could differ, {@code decode} decides: {@code decodeLazily} already takes it for every failure and
 * every record whose envelope is not of the plain shape, and any record with a {@link DroppedObjects} marker after
 * its objects were read (an object that could not be read, or a marker that came with the event) is decoded again
 * fully, so its marker and reasons are {@code decode}'s own. {@code EvidenceDecodeDifferentialTest} holds the two
 * side by side on every input the tests have.
 */
final class EvidenceDecode {

    private EvidenceDecode() {
    }

    static Decoded<AuditRecord> decode(byte[] value) {
        Decoded<AuditRecord> lazily = AuditRecordCodec.decodeLazily(value);
        if (!(lazily instanceof Decoded.Ok<AuditRecord> ok) || ok.value().objects() == null) {
            return lazily; // a failure is decode's own; without objects the envelope is the whole record
        }
        AuditRecord whole = ok.value().whole();
        // The field itself, not DroppedObjects.of: a marker that came with the event may be of any shape.
        return whole.event().other().containsKey(DroppedObjects.FIELD) ? AuditRecordCodec.decode(value)
                : Decoded.ok(whole);
    }
}

package dev.vigil.streams.evidence;

import dev.vigil.model.audit.AuditEvent;
import dev.vigil.model.audit.AuditRecord;
import dev.vigil.model.audit.LazyObjects;
import dev.vigil.model.ecs.EcsEvent;
import dev.vigil.model.ecs.EcsFields;
import dev.vigil.model.ecs.Orchestrator;
import dev.vigil.model.evidence.Evidence;
import dev.vigil.model.json.RawJsonValue;
import dev.vigil.streams.redact.Redaction;
import dev.vigil.streams.redact.Redactor;

/** Turns a decoded audit record into the contract's evidence document (design §6), redacted. */
public final class EvidenceMapper {

    public static final String DATASET = "vigil.audit";

    private final Redactor redactor;

    public EvidenceMapper(Redactor redactor) {
        this.redactor = redactor;
    }

    /**
     * The document of a record. A record {@linkplain dev.vigil.model.audit.AuditRecordCodec#decodeChecked decoded}
     * with this redactor's {@link Redactor#objectCheck()} keeps its objects as the bytes they arrived in — the check
     * passed them, so the redactor would leave them unchanged — unless the request's resource has them redacted by
     * name; then, and for every other record, the objects are trees and redacted as such.
     */
    public EvidenceDocument document(AuditRecord record) {
        LazyObjects objects = record.objects();
        if (objects == null || !objects.checkedAndUnread() || Redactor.redactsObjectsOf(record.event().objectRef())) {
            return EvidenceDocument.of(evidence(record));
        }
        // the event holds no object here (or a scalar one, which the redactor does not change): only its fields
        RawJsonValue request = objects.requestBytes();
        RawJsonValue response = objects.responseBytes();
        Redaction redaction = redactor.redact(record.event());
        String name = EcsFields.namedInObjects(record.event()) ? createdName(request, response)
                : EcsFields.objectName(record.event());
        return new EvidenceDocument(evidence(record, redaction, AuditSentence.describe(redaction.event(), name),
                EcsFields.orchestrator(record, name)), request, response);
    }

    /** The document of a record, its objects as trees. */
    public Evidence evidence(AuditRecord record) {
        AuditRecord whole = record.whole();
        Redaction redaction = redactor.redact(whole.event());
        return evidence(whole, redaction, AuditSentence.describe(redaction.event()), EcsFields.orchestrator(whole));
    }

    /** {@link EcsFields#objectName} of a create whose objects are bytes (the event's own, when a scalar, hold none). */
    private static String createdName(RawJsonValue request, RawJsonValue response) {
        String name = RawMetadataName.of(response);
        return name != null ? name : RawMetadataName.of(request);
    }

    private static Evidence evidence(AuditRecord record, Redaction redaction, String message,
                                     Orchestrator orchestrator) {
        AuditEvent event = redaction.event();
        EcsEvent ecsEvent = new EcsEvent("event", event.documentId(record.cluster()), record.receivedAt(), null, null, DATASET,
                event.verb(), EcsFields.outcome(event));
        return new Evidence(EcsFields.timestamp(record), message, ecsEvent,
                EcsFields.user(event), EcsFields.source(event), EcsFields.userAgent(event),
                orchestrator, new Evidence.Kubernetes(event),
                new Evidence.VigilEvidenceInfo(record.receivedAt(), redaction.paths()));
    }
}

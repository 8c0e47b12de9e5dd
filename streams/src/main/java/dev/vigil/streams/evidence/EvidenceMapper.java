package dev.vigil.streams.evidence;

import dev.vigil.model.ecs.EcsFields;
import dev.vigil.model.audit.AuditEvent;
import dev.vigil.model.audit.AuditRecord;
import dev.vigil.model.ecs.EcsEvent;
import dev.vigil.model.evidence.Evidence;
import dev.vigil.streams.redact.Redaction;
import dev.vigil.streams.redact.Redactor;

/** Turns a decoded audit record into the contract's evidence document (design §6), redacted. */
public final class EvidenceMapper {

    public static final String DATASET = "vigil.audit";

    private final Redactor redactor;

    public EvidenceMapper(Redactor redactor) {
        this.redactor = redactor;
    }

    public Evidence evidence(AuditRecord record) {
        Redaction redaction = redactor.redact(record.event());
        AuditEvent event = redaction.event();
        EcsEvent ecsEvent = new EcsEvent("event", event.documentId(record.cluster()), record.receivedAt(), null, null, DATASET,
                event.verb(), EcsFields.outcome(event));
        return new Evidence(EcsFields.timestamp(record), AuditSentence.describe(event), ecsEvent,
                EcsFields.user(event), EcsFields.source(event), EcsFields.userAgent(event),
                EcsFields.orchestrator(record), new Evidence.Kubernetes(event),
                new Evidence.VigilEvidenceInfo(record.receivedAt(), redaction.paths()));
    }
}

package dev.vigil.bench.workload;

import dev.vigil.model.audit.AuditRecordCodec;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;

/**
 * One audit event of the workload with what the generator meant by it.
 *
 * @param auditID  the event's {@code auditID} (the Kafka key of {@code k8s.audit.events})
 * @param kind     its kind in the workload mix
 * @param hitRule  the bundled rule meant to fire on it, or {@code null}
 * @param event    the {@code audit.k8s.io/v1} event as the API server would send it
 */
public record GeneratedEvent(String auditID, EventKind kind, String hitRule, ObjectNode event) {

    /** The record value of {@code k8s.audit.events}: the event plus the ingest envelope. */
    public byte[] record(String cluster, Instant receivedAt) {
        return AuditRecordCodec.encode(event, cluster, receivedAt);
    }

    /** The document id of its evidence in {@code vigil-audit-*}: auditID and stage. */
    public String evidenceId() {
        return auditID + "-" + event.path("stage").asString();
    }
}

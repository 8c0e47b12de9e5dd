package dev.vigil.model.audit;

import java.time.Instant;

/**
 * A record of {@code k8s.audit.events}: the audit event as received plus the envelope fields ingest adds
 * ({@code cluster}, {@code receivedAt}); see {@link AuditRecordCodec} for the wire form.
 */
public record AuditRecord(String cluster, Instant receivedAt, AuditEvent event) {
}

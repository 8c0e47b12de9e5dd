package dev.vigil.model.evidence;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.vigil.model.audit.AuditEvent;
import dev.vigil.model.ecs.EcsEvent;
import dev.vigil.model.ecs.EcsSource;
import dev.vigil.model.ecs.EcsUser;
import dev.vigil.model.ecs.EcsUserAgent;
import dev.vigil.model.ecs.Orchestrator;

import java.time.Instant;
import java.util.List;

/**
 * The evidence document of the contract (design §6): one normalised, redacted audit event for forensic search.
 * Kafka {@code vigil.evidence} (key auditID), OpenSearch {@code vigil-audit-*} (id
 * {@link AuditEvent#documentId(String, String, String)}: cluster, auditID and stage).
 */
public record Evidence(
        @JsonProperty("@timestamp") Instant timestamp,
        String message,
        EcsEvent event,
        EcsUser user,
        EcsSource source,
        @JsonProperty("user_agent") EcsUserAgent userAgent,
        Orchestrator orchestrator,
        Kubernetes kubernetes,
        VigilEvidenceInfo vigil) {

    /** {@code kubernetes.audit.*} mirrors the (redacted) audit event field for field. */
    public record Kubernetes(AuditEvent audit) {
    }

    /** When ingest received the event and which JSON paths were redacted. */
    public record VigilEvidenceInfo(@JsonProperty("received_at") Instant receivedAt, List<String> redacted) {
        public VigilEvidenceInfo {
            redacted = redacted == null ? List.of() : List.copyOf(redacted);
        }
    }

    public String documentId() {
        return kubernetes.audit().documentId(orchestrator == null || orchestrator.cluster() == null ? null
                : orchestrator.cluster().name());
    }
}

package dev.vigil.model.alert;

import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Vigil's own alert fields: severity word, BSI ids, dedup counters and the evidence trail; posture findings also
 * carry their lifecycle.
 *
 * @param status     {@code open} / {@code resolved} for posture findings, null (absent) for every other alert
 * @param resolvedAt when the stream saw the finding's cause go away; null while open
 */
public record VigilAlertInfo(
        Severity severity,
        List<String> bsi,
        long count,
        @JsonProperty("first_seen") Instant firstSeen,
        @JsonProperty("last_seen") Instant lastSeen,
        Evidence evidence,
        AlertStatus status,
        @JsonProperty("resolved_at") Instant resolvedAt) {

    /** An alert without lifecycle (every rule but the posture ones). */
    public VigilAlertInfo(Severity severity, List<String> bsi, long count, Instant firstSeen, Instant lastSeen,
                          Evidence evidence) {
        this(severity, bsi, count, firstSeen, lastSeen, evidence, null, null);
    }

    /** Audit ids kept per alert; a long-running repeat keeps its first ids and the count. */
    public static final int MAX_AUDIT_IDS = 20;

    /** {@code audit_ids} link the alert to its evidence documents; {@code details} hold rule-specific facts. */
    public record Evidence(@JsonProperty("audit_ids") List<String> auditIds, JsonNode details) {
        public Evidence {
            auditIds = auditIds == null ? List.of() : List.copyOf(auditIds);
        }
    }

    VigilAlertInfo repeated(Instant seen, String auditId) {
        return repeated(seen, auditId, count + 1);
    }

    /**
     * After one more distinct event, with the count the dedup state computed (which knows every event counted, also
     * beyond the listed audit ids); the audit id is listed while fewer than {@link #MAX_AUDIT_IDS} are.
     */
    VigilAlertInfo repeated(Instant seen, String auditId, long newCount) {
        List<String> ids = new ArrayList<>(evidence.auditIds());
        if (auditId != null && ids.size() < MAX_AUDIT_IDS && !ids.contains(auditId)) {
            ids.add(auditId);
        }
        Instant last = lastSeen == null || seen.isAfter(lastSeen) ? seen : lastSeen;
        return new VigilAlertInfo(severity, bsi, newCount, firstSeen, last, new Evidence(ids, evidence.details()),
                status, resolvedAt);
    }

    /** The same finding, open (a new one, or one whose cause came back: then counted once more). */
    public VigilAlertInfo opened(Instant at) {
        boolean reopened = status == AlertStatus.RESOLVED;
        return new VigilAlertInfo(severity, bsi, reopened ? count + 1 : count, firstSeen, reopened ? at : lastSeen,
                evidence, AlertStatus.OPEN, null);
    }

    /** The same finding, resolved at {@code at}. */
    public VigilAlertInfo resolved(Instant at) {
        return new VigilAlertInfo(severity, bsi, count, firstSeen, at, evidence, AlertStatus.RESOLVED, at);
    }
}

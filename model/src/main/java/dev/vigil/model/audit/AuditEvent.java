package dev.vigil.model.audit;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One {@code audit.k8s.io/v1 Event} with every field of the upstream type. {@code requestObject} and
 * {@code responseObject} stay JSON trees; fields the upstream type does not have (v1beta1's {@code timestamp}
 * and {@code metadata}, or anything newer) are kept in {@code other} so that a round trip loses nothing.
 * Build instances with {@link AuditEventParser}, which tolerates what real audit logs contain.
 */
public record AuditEvent(
        String apiVersion,
        String kind,
        String level,
        String auditID,
        String stage,
        String requestURI,
        String verb,
        UserInfo user,
        UserInfo impersonatedUser,
        List<String> sourceIPs,
        String userAgent,
        ObjectReference objectRef,
        ResponseStatus responseStatus,
        JsonNode requestObject,
        JsonNode responseObject,
        Instant requestReceivedTimestamp,
        Instant stageTimestamp,
        Map<String, String> annotations,
        @JsonIgnore Map<String, JsonNode> other) {

    /**
     * The identity of an event inside its cluster, {@code auditID-stage}: the API server re-sends batches, and one
     * request has several stages. Audit ids are chosen by whoever sends the event, so this is never an identity
     * across clusters: use {@link #documentId(String, String, String)} for anything stored or deduplicated.
     */
    public static String stageId(String auditID, String stage) {
        return auditID + "-" + (stage == null ? "Unknown" : stage);
    }

    /**
     * The identity of an event across clusters, {@code <cluster>/<auditID>-<stage>}: the evidence document id. The
     * cluster comes from the ingest credentials, not from the event, and a cluster name never contains {@code /}, so
     * no event of one cluster can name a document of another ({@code ""} stands for a record without a cluster).
     */
    public static String documentId(String cluster, String auditID, String stage) {
        return (cluster == null ? "" : cluster) + "/" + stageId(auditID, stage);
    }

    public AuditEvent {
        sourceIPs = sourceIPs == null ? List.of() : List.copyOf(sourceIPs);
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
        other = other == null ? Map.of() : Map.copyOf(other);
    }

    @JsonAnyGetter
    Map<String, JsonNode> otherFields() {
        return other;
    }

    /** This event's {@link #documentId(String, String, String)} as received from {@code cluster}. */
    public String documentId(String cluster) {
        return documentId(cluster, auditID, stage);
    }

    /** The response code, or -1 when the stage carries none. */
    public int responseCode() {
        return responseStatus == null || responseStatus.code() == null ? -1 : responseStatus.code();
    }

    public String annotation(String key) {
        return annotations.get(key);
    }

    /** stageTimestamp, falling back to requestReceivedTimestamp: the time the event describes. */
    public Instant eventTime() {
        return stageTimestamp != null ? stageTimestamp : requestReceivedTimestamp;
    }

    public String username() {
        return user == null ? null : user.username();
    }
}

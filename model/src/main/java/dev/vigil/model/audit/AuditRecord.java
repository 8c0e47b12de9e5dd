package dev.vigil.model.audit;

import com.fasterxml.jackson.annotation.JsonIgnore;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.Objects;

/**
 * A record of {@code k8s.audit.events}: the audit event as received plus the envelope fields ingest adds
 * ({@code cluster}, {@code receivedAt}); see {@link AuditRecordCodec} for the wire form.
 * <p>
 * A record {@link AuditRecordCodec#decodeLazily decoded lazily} (the detection application's) carries
 * {@code objects}: its {@link #event()} then has everything but {@code requestObject} and {@code responseObject}
 * (both null there), which {@link #requestObject()}, {@link #responseObject()} and {@link #whole()} parse on first
 * use. Code that may see such a record reads the objects through those methods, never through {@code event()}.
 * Equality is that of the whole record: a lazily decoded record equals the fully decoded one of the same bytes.
 */
public record AuditRecord(String cluster, Instant receivedAt, AuditEvent event, @JsonIgnore LazyObjects objects) {

    /** A record whose event carries its objects. */
    public AuditRecord(String cluster, Instant receivedAt, AuditEvent event) {
        this(cluster, receivedAt, event, null);
    }

    /** The same record with another envelope (the objects stay as they are, read or not). */
    public AuditRecord withEnvelope(String cluster, Instant receivedAt) {
        return new AuditRecord(cluster, receivedAt, event, objects);
    }

    /** The event's {@code requestObject}, parsed now if it was not yet. */
    public JsonNode requestObject() {
        return objects == null ? event.requestObject() : objects.requestObject(event);
    }

    /** The event's {@code responseObject}, parsed now if it was not yet. */
    public JsonNode responseObject() {
        return objects == null ? event.responseObject() : objects.responseObject(event);
    }

    /** This record with both objects in its event (itself when nothing is left to read); parses each at most once. */
    public AuditRecord whole() {
        return objects == null ? this : new AuditRecord(cluster, receivedAt, objects.whole(event));
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        return other instanceof AuditRecord that && Objects.equals(cluster, that.cluster)
                && Objects.equals(receivedAt, that.receivedAt) && Objects.equals(whole().event, that.whole().event);
    }

    @Override
    public int hashCode() {
        return Objects.hash(cluster, receivedAt, whole().event);
    }

    @Override
    public String toString() {
        return "AuditRecord[cluster=" + cluster + ", receivedAt=" + receivedAt + ", event=" + event
                + (objects == null ? "" : ", " + objects) + "]";
    }
}

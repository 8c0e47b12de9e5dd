package dev.vigil.model.ecs;

import dev.vigil.model.audit.AuditEvent;
import dev.vigil.model.audit.AuditRecord;
import dev.vigil.model.audit.ObjectReference;
import dev.vigil.model.audit.Timestamps;
import dev.vigil.model.audit.UserInfo;
import dev.vigil.model.ecs.EcsSource;
import dev.vigil.model.ecs.EcsUser;
import dev.vigil.model.ecs.EcsUserAgent;
import dev.vigil.model.ecs.Orchestrator;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.Optional;

/**
 * The ECS fields evidence documents and alerts share, mapped from an audit event in one place so that a search
 * over {@code user.name} or {@code orchestrator.namespace} finds both.
 */
public final class EcsFields {

    private EcsFields() {
    }

    /**
     * {@code @timestamp}: stageTimestamp, else requestReceivedTimestamp, else the {@code timestamp} of a v1beta1
     * event, else when ingest received the event.
     */
    public static Instant timestamp(AuditRecord record) {
        Instant eventTime = record.event().eventTime();
        if (eventTime != null) {
            return eventTime;
        }
        JsonNode legacy = record.event().other().get("timestamp");
        if (legacy != null && legacy.isString()) {
            Optional<Instant> parsed = Timestamps.parse(legacy.stringValue());
            if (parsed.isPresent()) {
                return parsed.get();
            }
        }
        return record.receivedAt();
    }

    /** {@code user.*} with the impersonated user as {@code user.target}. */
    public static EcsUser user(AuditEvent event) {
        UserInfo user = event.user();
        UserInfo impersonated = event.impersonatedUser();
        if (user == null && impersonated == null) {
            return null;
        }
        EcsUser target = impersonated == null ? null : EcsUser.of(impersonated.username(), impersonated.groups());
        EcsUser principal = user == null ? EcsUser.of(null, null) : EcsUser.of(user.username(), user.groups());
        return new EcsUser(principal.name(), principal.group(), target);
    }

    /** ECS {@code event.outcome}: the API server's answer, {@code unknown} for a stage without a response yet. */
    public static String outcome(AuditEvent event) {
        int code = event.responseCode();
        if (code < 0) {
            return "unknown";
        }
        return code < 400 ? "success" : "failure";
    }

    public static EcsSource source(AuditEvent event) {
        return event.sourceIPs().isEmpty() ? null : new EcsSource(event.sourceIPs().get(0));
    }

    public static EcsUserAgent userAgent(AuditEvent event) {
        return event.userAgent() == null ? null : new EcsUserAgent(event.userAgent());
    }

    public static Orchestrator orchestrator(AuditRecord record) {
        return orchestrator(record, objectName(record.event()));
    }

    /** {@link #orchestrator(AuditRecord)} with the {@link #objectName} already known. */
    public static Orchestrator orchestrator(AuditRecord record, String objectName) {
        ObjectReference ref = record.event().objectRef();
        if (ref == null) {
            return Orchestrator.kubernetes(record.cluster(), null, null, null, null);
        }
        return Orchestrator.kubernetes(record.cluster(), ref.namespace(), ref.resource(), objectName,
                ref.groupVersion());
    }

    /**
     * The name of the object a request was about: {@code objectRef.name}, or for a create (where the API server
     * may generate the name) the name in the response or request object.
     */
    public static String objectName(AuditEvent event) {
        ObjectReference ref = event.objectRef();
        if (ref != null && ref.name() != null) {
            return ref.name();
        }
        if (!namedInObjects(event)) {
            return null;
        }
        String name = metadataName(event.responseObject());
        return name != null ? name : metadataName(event.requestObject());
    }

    /**
     * Whether {@link #objectName} is the {@code metadata.name} of the response object, else of the request object:
     * a create (not of a subresource) whose {@code objectRef} has no name.
     */
    public static boolean namedInObjects(AuditEvent event) {
        ObjectReference ref = event.objectRef();
        return (ref == null || ref.name() == null) && "create".equals(event.verb())
                && (ref == null || ref.subresource() == null);
    }

    private static String metadataName(JsonNode object) {
        if (object == null) {
            return null;
        }
        JsonNode name = object.path("metadata").path("name");
        return name.isString() ? name.stringValue() : null;
    }
}

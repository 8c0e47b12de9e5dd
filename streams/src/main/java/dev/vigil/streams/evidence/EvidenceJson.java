package dev.vigil.streams.evidence;

import dev.vigil.model.audit.AuditEvent;
import dev.vigil.model.audit.ObjectReference;
import dev.vigil.model.audit.ResponseStatus;
import dev.vigil.model.audit.UserInfo;
import dev.vigil.model.ecs.EcsEvent;
import dev.vigil.model.ecs.EcsUser;
import dev.vigil.model.ecs.Orchestrator;
import dev.vigil.model.evidence.Evidence;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Writes an evidence document field by field, exactly as {@code VigilJson} writes the {@link Evidence} record (same
 * names, order and null handling; {@code EvidenceJsonTest} compares the bytes), without the per-property reflection
 * of the bean serialisers and with a direct {@link Instant} format: serialising was a third of the evidence
 * application's CPU. The request and response objects go through the generator's own tree writing.
 */
final class EvidenceJson {

    private EvidenceJson() {
    }

    static void write(Evidence evidence, JsonGenerator gen) {
        gen.writeStartObject();
        instant(gen, "@timestamp", evidence.timestamp());
        string(gen, "message", evidence.message());
        if (evidence.event() != null) {
            gen.writeName("event");
            event(evidence.event(), gen);
        }
        if (evidence.user() != null) {
            gen.writeName("user");
            user(evidence.user(), gen);
        }
        if (evidence.source() != null) {
            gen.writeName("source");
            gen.writeStartObject();
            string(gen, "ip", evidence.source().ip());
            gen.writeEndObject();
        }
        if (evidence.userAgent() != null) {
            gen.writeName("user_agent");
            gen.writeStartObject();
            string(gen, "original", evidence.userAgent().original());
            gen.writeEndObject();
        }
        if (evidence.orchestrator() != null) {
            gen.writeName("orchestrator");
            orchestrator(evidence.orchestrator(), gen);
        }
        if (evidence.kubernetes() != null) {
            gen.writeName("kubernetes");
            gen.writeStartObject();
            if (evidence.kubernetes().audit() != null) {
                gen.writeName("audit");
                audit(evidence.kubernetes().audit(), gen);
            }
            gen.writeEndObject();
        }
        if (evidence.vigil() != null) {
            gen.writeName("vigil");
            gen.writeStartObject();
            instant(gen, "received_at", evidence.vigil().receivedAt());
            strings(gen, "redacted", evidence.vigil().redacted());
            gen.writeEndObject();
        }
        gen.writeEndObject();
    }

    private static void event(EcsEvent event, JsonGenerator gen) {
        gen.writeStartObject();
        string(gen, "kind", event.kind());
        string(gen, "id", event.id());
        instant(gen, "created", event.created());
        if (event.severity() != null) {
            gen.writeName("severity");
            gen.writeNumber(event.severity());
        }
        strings(gen, "category", event.category());
        string(gen, "dataset", event.dataset());
        string(gen, "action", event.action());
        string(gen, "outcome", event.outcome());
        gen.writeEndObject();
    }

    private static void user(EcsUser user, JsonGenerator gen) {
        gen.writeStartObject();
        string(gen, "name", user.name());
        if (user.group() != null) {
            gen.writeName("group");
            gen.writeStartObject();
            strings(gen, "name", user.group().name());
            gen.writeEndObject();
        }
        if (user.target() != null) {
            gen.writeName("target");
            user(user.target(), gen);
        }
        gen.writeEndObject();
    }

    private static void orchestrator(Orchestrator orchestrator, JsonGenerator gen) {
        gen.writeStartObject();
        string(gen, "type", orchestrator.type());
        if (orchestrator.cluster() != null) {
            gen.writeName("cluster");
            gen.writeStartObject();
            string(gen, "name", orchestrator.cluster().name());
            gen.writeEndObject();
        }
        string(gen, "namespace", orchestrator.namespace());
        if (orchestrator.resource() != null) {
            gen.writeName("resource");
            gen.writeStartObject();
            string(gen, "type", orchestrator.resource().type());
            string(gen, "name", orchestrator.resource().name());
            gen.writeEndObject();
        }
        string(gen, "api_version", orchestrator.apiVersion());
        gen.writeEndObject();
    }

    private static void audit(AuditEvent event, JsonGenerator gen) {
        gen.writeStartObject();
        string(gen, "apiVersion", event.apiVersion());
        string(gen, "kind", event.kind());
        string(gen, "level", event.level());
        string(gen, "auditID", event.auditID());
        string(gen, "stage", event.stage());
        string(gen, "requestURI", event.requestURI());
        string(gen, "verb", event.verb());
        userInfo(gen, "user", event.user());
        userInfo(gen, "impersonatedUser", event.impersonatedUser());
        strings(gen, "sourceIPs", event.sourceIPs());
        string(gen, "userAgent", event.userAgent());
        objectRef(gen, event.objectRef());
        status(gen, event.responseStatus());
        tree(gen, "requestObject", event.requestObject());
        tree(gen, "responseObject", event.responseObject());
        instant(gen, "requestReceivedTimestamp", event.requestReceivedTimestamp());
        instant(gen, "stageTimestamp", event.stageTimestamp());
        if (event.annotations() != null) {
            gen.writeName("annotations");
            gen.writeStartObject();
            for (Map.Entry<String, String> annotation : event.annotations().entrySet()) {
                string(gen, annotation.getKey(), annotation.getValue());
            }
            gen.writeEndObject();
        }
        // the fields the record does not know, as its @JsonAnyGetter writes them: last, each at the top level
        for (Map.Entry<String, JsonNode> other : event.other().entrySet()) {
            tree(gen, other.getKey(), other.getValue());
        }
        gen.writeEndObject();
    }

    private static void userInfo(JsonGenerator gen, String name, UserInfo user) {
        if (user == null) {
            return;
        }
        gen.writeName(name);
        gen.writeStartObject();
        string(gen, "username", user.username());
        string(gen, "uid", user.uid());
        strings(gen, "groups", user.groups());
        if (user.extra() != null) {
            gen.writeName("extra");
            gen.writeStartObject();
            for (Map.Entry<String, List<String>> extra : user.extra().entrySet()) {
                strings(gen, extra.getKey(), extra.getValue());
            }
            gen.writeEndObject();
        }
        gen.writeEndObject();
    }

    private static void objectRef(JsonGenerator gen, ObjectReference ref) {
        if (ref == null) {
            return;
        }
        gen.writeName("objectRef");
        gen.writeStartObject();
        string(gen, "resource", ref.resource());
        string(gen, "namespace", ref.namespace());
        string(gen, "name", ref.name());
        string(gen, "uid", ref.uid());
        string(gen, "apiGroup", ref.apiGroup());
        string(gen, "apiVersion", ref.apiVersion());
        string(gen, "resourceVersion", ref.resourceVersion());
        string(gen, "subresource", ref.subresource());
        gen.writeEndObject();
    }

    private static void status(JsonGenerator gen, ResponseStatus status) {
        if (status == null) {
            return;
        }
        gen.writeName("responseStatus");
        gen.writeStartObject();
        if (status.code() != null) {
            gen.writeName("code");
            gen.writeNumber(status.code());
        }
        string(gen, "status", status.status());
        string(gen, "reason", status.reason());
        string(gen, "message", status.message());
        tree(gen, "details", status.details());
        gen.writeEndObject();
    }

    private static void string(JsonGenerator gen, String name, String value) {
        if (value != null) {
            gen.writeName(name);
            gen.writeString(value);
        }
    }

    private static void strings(JsonGenerator gen, String name, List<String> values) {
        if (values == null) {
            return;
        }
        gen.writeName(name);
        gen.writeStartArray();
        for (String value : values) {
            if (value == null) {
                gen.writeNull();
            } else {
                gen.writeString(value);
            }
        }
        gen.writeEndArray();
    }

    /** A JSON tree through the generator's mapper: the same node serialisers the record's serialiser uses. */
    private static void tree(JsonGenerator gen, String name, JsonNode value) {
        if (value != null) {
            gen.writeName(name);
            gen.writePOJO(value);
        }
    }

    private static void instant(JsonGenerator gen, String name, Instant value) {
        if (value != null) {
            gen.writeName(name);
            IsoInstant.write(value, gen);
        }
    }
}

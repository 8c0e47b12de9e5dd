package dev.vigil.streams.evidence;

import dev.vigil.model.audit.AuditEvent;
import dev.vigil.model.audit.ObjectReference;
import dev.vigil.model.audit.ResponseStatus;
import dev.vigil.model.audit.UserInfo;
import dev.vigil.model.ecs.EcsEvent;
import dev.vigil.model.ecs.EcsUser;
import dev.vigil.model.ecs.Orchestrator;
import dev.vigil.model.evidence.Evidence;
import dev.vigil.model.json.JsonDocuments;
import dev.vigil.model.json.RawJsonValue;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.SerializedString;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Writes an evidence document field by field, exactly as {@code VigilJson} writes the {@link Evidence} record (same
 * names, order and null handling; {@code EvidenceJsonTest} compares the bytes), without the per-property reflection
 * of the bean serialisers and with a direct {@link Instant} format: serialising was a third of the evidence
 * application's CPU. The request and response objects go through the generator's own tree writing, or, given as
 * bytes ({@link EvidenceDocument}), are copied into the output as they are.
 */
final class EvidenceJson {

    // The field names, encoded once: writing a name from a String escapes and encodes it every time.
    private static final SerializableString AT_TIMESTAMP = new SerializedString("@timestamp");
    private static final SerializableString ACTION = new SerializedString("action");
    private static final SerializableString ANNOTATIONS = new SerializedString("annotations");
    private static final SerializableString API_GROUP = new SerializedString("apiGroup");
    private static final SerializableString API_VERSION = new SerializedString("apiVersion");
    private static final SerializableString ECS_API_VERSION = new SerializedString("api_version");
    private static final SerializableString AUDIT = new SerializedString("audit");
    private static final SerializableString AUDIT_ID = new SerializedString("auditID");
    private static final SerializableString CATEGORY = new SerializedString("category");
    private static final SerializableString CLUSTER = new SerializedString("cluster");
    private static final SerializableString CODE = new SerializedString("code");
    private static final SerializableString CREATED = new SerializedString("created");
    private static final SerializableString DATASET = new SerializedString("dataset");
    private static final SerializableString DETAILS = new SerializedString("details");
    private static final SerializableString EVENT = new SerializedString("event");
    private static final SerializableString EXTRA = new SerializedString("extra");
    private static final SerializableString GROUP = new SerializedString("group");
    private static final SerializableString GROUPS = new SerializedString("groups");
    private static final SerializableString ID = new SerializedString("id");
    private static final SerializableString IMPERSONATED_USER = new SerializedString("impersonatedUser");
    private static final SerializableString IP = new SerializedString("ip");
    private static final SerializableString KIND = new SerializedString("kind");
    private static final SerializableString KUBERNETES = new SerializedString("kubernetes");
    private static final SerializableString LEVEL = new SerializedString("level");
    private static final SerializableString MESSAGE = new SerializedString("message");
    private static final SerializableString NAME = new SerializedString("name");
    private static final SerializableString NAMESPACE = new SerializedString("namespace");
    private static final SerializableString OBJECT_REF = new SerializedString("objectRef");
    private static final SerializableString ORCHESTRATOR = new SerializedString("orchestrator");
    private static final SerializableString ORIGINAL = new SerializedString("original");
    private static final SerializableString OUTCOME = new SerializedString("outcome");
    private static final SerializableString REASON = new SerializedString("reason");
    private static final SerializableString RECEIVED_AT = new SerializedString("received_at");
    private static final SerializableString REDACTED = new SerializedString("redacted");
    private static final SerializableString REQUEST_OBJECT = new SerializedString("requestObject");
    private static final SerializableString REQUEST_RECEIVED_TIMESTAMP = new SerializedString("requestReceivedTimestamp");
    private static final SerializableString REQUEST_URI = new SerializedString("requestURI");
    private static final SerializableString RESOURCE = new SerializedString("resource");
    private static final SerializableString RESOURCE_VERSION = new SerializedString("resourceVersion");
    private static final SerializableString RESPONSE_OBJECT = new SerializedString("responseObject");
    private static final SerializableString RESPONSE_STATUS = new SerializedString("responseStatus");
    private static final SerializableString SEVERITY = new SerializedString("severity");
    private static final SerializableString SOURCE = new SerializedString("source");
    private static final SerializableString SOURCE_IPS = new SerializedString("sourceIPs");
    private static final SerializableString STAGE = new SerializedString("stage");
    private static final SerializableString STAGE_TIMESTAMP = new SerializedString("stageTimestamp");
    private static final SerializableString STATUS = new SerializedString("status");
    private static final SerializableString SUBRESOURCE = new SerializedString("subresource");
    private static final SerializableString TARGET = new SerializedString("target");
    private static final SerializableString TYPE = new SerializedString("type");
    private static final SerializableString UID = new SerializedString("uid");
    private static final SerializableString USER = new SerializedString("user");
    private static final SerializableString USER_AGENT = new SerializedString("userAgent");
    private static final SerializableString ECS_USER_AGENT = new SerializedString("user_agent");
    private static final SerializableString USERNAME = new SerializedString("username");
    private static final SerializableString VERB = new SerializedString("verb");
    private static final SerializableString VIGIL = new SerializedString("vigil");

    private EvidenceJson() {
    }

    static void write(Evidence evidence, JsonGenerator gen) {
        write(EvidenceDocument.of(evidence), gen);
    }

    /** The document; objects given as bytes are written as they are, where the event's trees would go. */
    static void write(EvidenceDocument document, JsonGenerator gen) {
        Evidence evidence = document.evidence();
        gen.writeStartObject();
        instant(gen, AT_TIMESTAMP, evidence.timestamp());
        string(gen, MESSAGE, evidence.message());
        if (evidence.event() != null) {
            gen.writeName(EVENT);
            event(evidence.event(), gen);
        }
        if (evidence.user() != null) {
            gen.writeName(USER);
            user(evidence.user(), gen);
        }
        if (evidence.source() != null) {
            gen.writeName(SOURCE);
            gen.writeStartObject();
            string(gen, IP, evidence.source().ip());
            gen.writeEndObject();
        }
        if (evidence.userAgent() != null) {
            gen.writeName(ECS_USER_AGENT);
            gen.writeStartObject();
            string(gen, ORIGINAL, evidence.userAgent().original());
            gen.writeEndObject();
        }
        if (evidence.orchestrator() != null) {
            gen.writeName(ORCHESTRATOR);
            orchestrator(evidence.orchestrator(), gen);
        }
        if (evidence.kubernetes() != null) {
            gen.writeName(KUBERNETES);
            gen.writeStartObject();
            if (evidence.kubernetes().audit() != null) {
                gen.writeName(AUDIT);
                audit(evidence.kubernetes().audit(), document, gen);
            }
            gen.writeEndObject();
        }
        if (evidence.vigil() != null) {
            gen.writeName(VIGIL);
            gen.writeStartObject();
            instant(gen, RECEIVED_AT, evidence.vigil().receivedAt());
            strings(gen, REDACTED, evidence.vigil().redacted());
            gen.writeEndObject();
        }
        gen.writeEndObject();
    }

    private static void event(EcsEvent event, JsonGenerator gen) {
        gen.writeStartObject();
        string(gen, KIND, event.kind());
        string(gen, ID, event.id());
        instant(gen, CREATED, event.created());
        if (event.severity() != null) {
            gen.writeName(SEVERITY);
            gen.writeNumber(event.severity());
        }
        strings(gen, CATEGORY, event.category());
        string(gen, DATASET, event.dataset());
        string(gen, ACTION, event.action());
        string(gen, OUTCOME, event.outcome());
        gen.writeEndObject();
    }

    private static void user(EcsUser user, JsonGenerator gen) {
        gen.writeStartObject();
        string(gen, NAME, user.name());
        if (user.group() != null) {
            gen.writeName(GROUP);
            gen.writeStartObject();
            strings(gen, NAME, user.group().name());
            gen.writeEndObject();
        }
        if (user.target() != null) {
            gen.writeName(TARGET);
            user(user.target(), gen);
        }
        gen.writeEndObject();
    }

    private static void orchestrator(Orchestrator orchestrator, JsonGenerator gen) {
        gen.writeStartObject();
        string(gen, TYPE, orchestrator.type());
        if (orchestrator.cluster() != null) {
            gen.writeName(CLUSTER);
            gen.writeStartObject();
            string(gen, NAME, orchestrator.cluster().name());
            gen.writeEndObject();
        }
        string(gen, NAMESPACE, orchestrator.namespace());
        if (orchestrator.resource() != null) {
            gen.writeName(RESOURCE);
            gen.writeStartObject();
            string(gen, TYPE, orchestrator.resource().type());
            string(gen, NAME, orchestrator.resource().name());
            gen.writeEndObject();
        }
        string(gen, ECS_API_VERSION, orchestrator.apiVersion());
        gen.writeEndObject();
    }

    private static void audit(AuditEvent event, EvidenceDocument document, JsonGenerator gen) {
        gen.writeStartObject();
        string(gen, API_VERSION, event.apiVersion());
        string(gen, KIND, event.kind());
        string(gen, LEVEL, event.level());
        string(gen, AUDIT_ID, event.auditID());
        string(gen, STAGE, event.stage());
        string(gen, REQUEST_URI, event.requestURI());
        string(gen, VERB, event.verb());
        userInfo(gen, USER, event.user());
        userInfo(gen, IMPERSONATED_USER, event.impersonatedUser());
        strings(gen, SOURCE_IPS, event.sourceIPs());
        string(gen, USER_AGENT, event.userAgent());
        objectRef(gen, event.objectRef());
        status(gen, event.responseStatus());
        object(gen, REQUEST_OBJECT, event.requestObject(), document.requestObject());
        object(gen, RESPONSE_OBJECT, event.responseObject(), document.responseObject());
        instant(gen, REQUEST_RECEIVED_TIMESTAMP, event.requestReceivedTimestamp());
        instant(gen, STAGE_TIMESTAMP, event.stageTimestamp());
        if (event.annotations() != null) {
            gen.writeName(ANNOTATIONS);
            gen.writeStartObject();
            for (Map.Entry<String, String> annotation : event.annotations().entrySet()) {
                if (annotation.getValue() != null) {
                    gen.writeName(annotation.getKey());
                    gen.writeString(annotation.getValue());
                }
            }
            gen.writeEndObject();
        }
        // the fields the record does not know, as its @JsonAnyGetter writes them: last, each at the top level
        for (Map.Entry<String, JsonNode> other : event.other().entrySet()) {
            if (other.getValue() != null) {
                gen.writeName(other.getKey());
                gen.writePOJO(other.getValue());
            }
        }
        gen.writeEndObject();
    }

    private static void userInfo(JsonGenerator gen, SerializableString name, UserInfo user) {
        if (user == null) {
            return;
        }
        gen.writeName(name);
        gen.writeStartObject();
        string(gen, USERNAME, user.username());
        string(gen, UID, user.uid());
        strings(gen, GROUPS, user.groups());
        if (user.extra() != null) {
            gen.writeName(EXTRA);
            gen.writeStartObject();
            for (Map.Entry<String, List<String>> extra : user.extra().entrySet()) {
                if (extra.getValue() != null) {
                    gen.writeName(extra.getKey());
                    JsonDocuments.writeStrings(gen, extra.getValue());
                }
            }
            gen.writeEndObject();
        }
        gen.writeEndObject();
    }

    private static void objectRef(JsonGenerator gen, ObjectReference ref) {
        if (ref == null) {
            return;
        }
        gen.writeName(OBJECT_REF);
        gen.writeStartObject();
        string(gen, RESOURCE, ref.resource());
        string(gen, NAMESPACE, ref.namespace());
        string(gen, NAME, ref.name());
        string(gen, UID, ref.uid());
        string(gen, API_GROUP, ref.apiGroup());
        string(gen, API_VERSION, ref.apiVersion());
        string(gen, RESOURCE_VERSION, ref.resourceVersion());
        string(gen, SUBRESOURCE, ref.subresource());
        gen.writeEndObject();
    }

    private static void status(JsonGenerator gen, ResponseStatus status) {
        if (status == null) {
            return;
        }
        gen.writeName(RESPONSE_STATUS);
        gen.writeStartObject();
        if (status.code() != null) {
            gen.writeName(CODE);
            gen.writeNumber(status.code());
        }
        string(gen, STATUS, status.status());
        string(gen, REASON, status.reason());
        string(gen, MESSAGE, status.message());
        tree(gen, DETAILS, status.details());
        gen.writeEndObject();
    }

    private static void string(JsonGenerator gen, SerializableString name, String value) {
        if (value != null) {
            gen.writeName(name);
            gen.writeString(value);
        }
    }

    private static void strings(JsonGenerator gen, SerializableString name, List<String> values) {
        if (values == null) {
            return;
        }
        gen.writeName(name);
        JsonDocuments.writeStrings(gen, values);
    }

    /** A JSON tree through the generator's mapper: the same node serialisers the record's serialiser uses. */
    private static void tree(JsonGenerator gen, SerializableString name, JsonNode value) {
        if (value != null) {
            gen.writeName(name);
            gen.writePOJO(value);
        }
    }

    /** An object given as bytes (then the event holds none), else the event's tree. */
    private static void object(JsonGenerator gen, SerializableString name, JsonNode tree, RawJsonValue bytes) {
        if (bytes != null) {
            gen.writeName(name);
            gen.writeRawValue(bytes);
        } else {
            tree(gen, name, tree);
        }
    }

    private static void instant(JsonGenerator gen, SerializableString name, Instant value) {
        if (value != null) {
            gen.writeName(name);
            IsoInstant.write(value, gen);
        }
    }
}

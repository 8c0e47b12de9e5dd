package dev.vigil.streams.alerts;

import dev.vigil.model.alert.Alert;
import dev.vigil.model.alert.RuleRef;
import dev.vigil.model.alert.Threat;
import dev.vigil.model.alert.VigilAlertInfo;
import dev.vigil.model.ecs.EcsEvent;
import dev.vigil.model.ecs.EcsUser;
import dev.vigil.model.ecs.Orchestrator;
import dev.vigil.model.json.JsonDocuments;
import tools.jackson.core.JsonGenerator;

import java.time.Instant;
import java.util.List;

/**
 * Writes an {@link Alert} (and an {@link AlertCandidate}) with a generator: the bytes {@code VigilJson} writes for it —
 * the record components in declaration order, null members left out, instants as {@link Instant#toString()} — without
 * the reflective bean serializers, which were most of the cost of a detection hit's repartition and dedup store
 * writes. {@code AlertJsonTest} compares the two on alerts with every member set and with every optional one null.
 * The rule's {@code details} (any JSON) is written by the mapper, as before.
 */
final class AlertJson {

    private AlertJson() {
    }

    static void write(AlertCandidate candidate, JsonGenerator gen) {
        gen.writeStartObject();
        if (candidate.alert() != null) {
            gen.writeName("alert");
            write(candidate.alert(), gen);
        }
        gen.writeNumberProperty("windowMillis", candidate.windowMillis());
        instant(gen, "receivedAt", candidate.receivedAt());
        gen.writeEndObject();
    }

    static void write(Alert alert, JsonGenerator gen) {
        gen.writeStartObject();
        instant(gen, "@timestamp", alert.timestamp());
        string(gen, "message", alert.message());
        if (alert.event() != null) {
            gen.writeName("event");
            event(alert.event(), gen);
        }
        if (alert.rule() != null) {
            gen.writeName("rule");
            rule(alert.rule(), gen);
        }
        if (alert.threat() != null) {
            gen.writeName("threat");
            threat(alert.threat(), gen);
        }
        if (alert.user() != null) {
            gen.writeName("user");
            user(alert.user(), gen);
        }
        if (alert.source() != null) {
            gen.writeName("source");
            gen.writeStartObject();
            string(gen, "ip", alert.source().ip());
            gen.writeEndObject();
        }
        if (alert.userAgent() != null) {
            gen.writeName("user_agent");
            gen.writeStartObject();
            string(gen, "original", alert.userAgent().original());
            gen.writeEndObject();
        }
        if (alert.orchestrator() != null) {
            gen.writeName("orchestrator");
            orchestrator(alert.orchestrator(), gen);
        }
        if (alert.vigil() != null) {
            gen.writeName("vigil");
            vigil(alert.vigil(), gen);
        }
        gen.writeEndObject();
    }

    private static void event(EcsEvent event, JsonGenerator gen) {
        gen.writeStartObject();
        string(gen, "kind", event.kind());
        string(gen, "id", event.id());
        instant(gen, "created", event.created());
        if (event.severity() != null) {
            gen.writeNumberProperty("severity", event.severity());
        }
        strings(gen, "category", event.category());
        string(gen, "dataset", event.dataset());
        string(gen, "action", event.action());
        string(gen, "outcome", event.outcome());
        gen.writeEndObject();
    }

    private static void rule(RuleRef rule, JsonGenerator gen) {
        gen.writeStartObject();
        string(gen, "id", rule.id());
        string(gen, "name", rule.name());
        string(gen, "description", rule.description());
        string(gen, "version", rule.version());
        string(gen, "ruleset", rule.ruleset());
        string(gen, "reference", rule.reference());
        gen.writeEndObject();
    }

    private static void threat(Threat threat, JsonGenerator gen) {
        gen.writeStartObject();
        string(gen, "framework", threat.framework());
        if (threat.technique() != null) {
            gen.writeName("technique");
            gen.writeStartObject();
            strings(gen, "id", threat.technique().id());
            gen.writeEndObject();
        }
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

    private static void vigil(VigilAlertInfo vigil, JsonGenerator gen) {
        gen.writeStartObject();
        if (vigil.severity() != null) {
            gen.writeStringProperty("severity", vigil.severity().word());
        }
        strings(gen, "bsi", vigil.bsi());
        gen.writeNumberProperty("count", vigil.count());
        instant(gen, "first_seen", vigil.firstSeen());
        instant(gen, "last_seen", vigil.lastSeen());
        if (vigil.evidence() != null) {
            gen.writeName("evidence");
            gen.writeStartObject();
            strings(gen, "audit_ids", vigil.evidence().auditIds());
            if (vigil.evidence().details() != null) {
                gen.writeName("details");
                gen.writeTree(vigil.evidence().details()); // by the mapper the generator was made by
            }
            gen.writeEndObject();
        }
        if (vigil.status() != null) {
            gen.writeName("status");
            gen.writePOJO(vigil.status()); // rare (alerting's state): as the mapper spells it
        }
        instant(gen, "resolved_at", vigil.resolvedAt());
        gen.writeEndObject();
    }

    private static void string(JsonGenerator gen, String name, String value) {
        if (value != null) {
            gen.writeStringProperty(name, value);
        }
    }

    private static void instant(JsonGenerator gen, String name, Instant value) {
        if (value != null) {
            gen.writeStringProperty(name, value.toString());
        }
    }

    private static void strings(JsonGenerator gen, String name, List<String> values) {
        if (values == null) {
            return;
        }
        gen.writeName(name);
        JsonDocuments.writeStrings(gen, values);
    }
}

package dev.vigil.model.alert;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.vigil.model.ecs.EcsEvent;
import dev.vigil.model.ecs.EcsSource;
import dev.vigil.model.ecs.EcsUser;
import dev.vigil.model.ecs.EcsUserAgent;
import dev.vigil.model.ecs.Orchestrator;

import java.time.Instant;

/** The alert document of the contract (design §5): Kafka {@code vigil.alerts}, OpenSearch {@code vigil-alerts-*}. */
public record Alert(
        @JsonProperty("@timestamp") Instant timestamp,
        String message,
        EcsEvent event,
        RuleRef rule,
        Threat threat,
        EcsUser user,
        EcsSource source,
        @JsonProperty("user_agent") EcsUserAgent userAgent,
        Orchestrator orchestrator,
        VigilAlertInfo vigil) {

    public String id() {
        return event.id();
    }

    public Severity severity() {
        return vigil.severity();
    }

    /** The same alert after one more hit inside its dedup window. */
    public Alert repeated(Instant lastSeen, String auditId) {
        return repeated(lastSeen, auditId, vigil.count() + 1);
    }

    /** The same alert with other Vigil fields (a posture finding's lifecycle step). */
    public Alert withVigil(VigilAlertInfo info) {
        return new Alert(timestamp, message, event, rule, threat, user, source, userAgent, orchestrator, info);
    }

    /** The same alert after one more distinct event inside its dedup window, counted {@code count} in all. */
    public Alert repeated(Instant lastSeen, String auditId, long count) {
        return new Alert(timestamp, message, event, rule, threat, user, source, userAgent, orchestrator,
                vigil.repeated(lastSeen, auditId, count));
    }
}

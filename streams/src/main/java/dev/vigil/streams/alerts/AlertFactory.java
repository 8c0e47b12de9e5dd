package dev.vigil.streams.alerts;

import dev.vigil.model.alert.Alert;
import dev.vigil.model.alert.RuleRef;
import dev.vigil.model.alert.Severity;
import dev.vigil.model.alert.Threat;
import dev.vigil.model.alert.VigilAlertInfo;
import dev.vigil.model.audit.AuditEvent;
import dev.vigil.model.audit.AuditRecord;
import dev.vigil.model.audit.DroppedObjects;
import dev.vigil.model.ecs.EcsEvent;
import dev.vigil.model.ecs.Orchestrator;
import dev.vigil.model.json.VigilJson;
import dev.vigil.model.ecs.EcsFields;
import dev.vigil.streams.redact.Redaction;
import dev.vigil.streams.redact.Redactor;
import dev.vigil.streams.rules.Detection;
import dev.vigil.model.rule.RuleMeta;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns rule detections into contract alerts (design §5) with deterministic ids. Rules see the unredacted event, so
 * the message and details they produce are scrubbed of every value the {@link Redactor} removes from the evidence:
 * no alert carries a secret.
 */
public final class AlertFactory {

    public static final String DATASET = "vigil.alert";
    /** Key in {@code vigil.evidence.details} naming the objects ingest dropped from the triggering event. */
    public static final String DROPPED_OBJECTS = "dropped_objects";

    private final Redactor redactor;
    private final Clock clock;
    private final Duration defaultWindow;

    /** @param defaultWindow dedup window of rules that do not set one */
    public AlertFactory(Redactor redactor, Clock clock, Duration defaultWindow) {
        this.redactor = redactor;
        this.clock = clock;
        this.defaultWindow = defaultWindow;
    }

    /** The alerts of one event's detections, before dedup; the event is redacted at most once. */
    public List<AlertCandidate> candidates(List<Detection> detections) {
        if (detections.isEmpty()) {
            return List.of();
        }
        // a firing rule's alert reads the whole event: a lazily decoded record's objects are parsed here (once)
        Redaction redaction = redactor.redact(detections.get(0).record().whole().event());
        List<AlertCandidate> candidates = new ArrayList<>(detections.size());
        for (Detection detection : detections) {
            candidates.add(candidate(detection, redaction));
        }
        return candidates;
    }

    /** What the {@link Redactor} removes from this event, to scrub other texts derived from it the same way. */
    public Redaction redact(AuditEvent event) {
        return redactor.redact(event);
    }

    /** The alert of one detection, with the event's redaction computed once by the caller. */
    public AlertCandidate candidate(Detection detection, Redaction redaction) {
        RuleMeta rule = detection.rule();
        AuditRecord record = detection.record().whole();
        AuditEvent event = record.event();
        Instant at = EcsFields.timestamp(record);
        long window = window(rule).toMillis();
        String dedupKey = window > 0 && detection.dedupKey() != null ? detection.dedupKey() : event.auditID();
        String id = AlertIds.of(rule.id(), record.cluster(), dedupKey, AlertIds.windowStart(at.toEpochMilli(), window));
        Severity severity = severity(detection.severity(), rule);
        String message = redaction.scrub(detection.message() != null ? detection.message() : rule.name());
        JsonNode details = withDroppedObjects(redaction.scrub(detection.details()), event);
        Alert alert = new Alert(at, message,
                new EcsEvent("alert", id, clock.instant(), severity.score(), rule.category(), DATASET, event.verb(),
                        EcsFields.outcome(event)),
                ruleRef(rule), Threat.mitre(rule.mitre()), EcsFields.user(event), EcsFields.source(event),
                EcsFields.userAgent(event), EcsFields.orchestrator(record),
                new VigilAlertInfo(severity, rule.bsi(), 1, at, at,
                        new VigilAlertInfo.Evidence(List.of(event.auditID()), details)));
        return new AlertCandidate(alert, window, record.receivedAt());
    }

    /**
     * The rule's details plus {@code dropped_objects} (object name → reason) when ingest had to drop the event's
     * request or response object (unreadable, or too large for Kafka): the rule saw only the envelope, and whoever
     * triages the alert must know that the object is missing (its original text is in {@code vigil.dlq}).
     */
    static JsonNode withDroppedObjects(JsonNode details, AuditEvent event) {
        Map<String, String> dropped = DroppedObjects.of(event);
        if (dropped.isEmpty()) {
            return details;
        }
        ObjectNode marked = details instanceof ObjectNode object ? object.deepCopy() : VigilJson.mapper().createObjectNode();
        if (details != null && !details.isObject() && !details.isNull()) {
            marked.set("rule", details);
        }
        ObjectNode objects = marked.putObject(DROPPED_OBJECTS);
        dropped.forEach(objects::put);
        return marked;
    }

    /**
     * An alert raised from watch state rather than an audit event (e.g. {@code long-lived-pod}): no user, no
     * audit ids; {@code at} is when the condition was found.
     */
    public Alert stateAlert(RuleMeta rule, String id, Instant at, String message, Orchestrator orchestrator,
                            JsonNode details) {
        Severity severity = severity(null, rule);
        return new Alert(at, message,
                new EcsEvent("alert", id, clock.instant(), severity.score(), rule.category(), DATASET, null, null),
                ruleRef(rule), Threat.mitre(rule.mitre()), null, null, null, orchestrator,
                new VigilAlertInfo(severity, rule.bsi(), 1, at, at, new VigilAlertInfo.Evidence(List.of(), details)));
    }

    /** The rule's dedup window, or the default when it sets none; zero or negative means no dedup. */
    Duration window(RuleMeta rule) {
        return rule.dedupWindow() != null ? rule.dedupWindow() : defaultWindow;
    }

    /** ECS {@code rule.*}; {@code reference} names the BSI requirements, e.g. {@code BSI APP.4.4.A4, SYS.1.6}. */
    public static RuleRef ruleRef(RuleMeta rule) {
        String reference = rule.bsi().isEmpty() ? null : "BSI " + String.join(", ", rule.bsi());
        return new RuleRef(rule.id(), rule.name(), rule.description(), rule.version(), rule.ruleset(), reference);
    }

    private static Severity severity(Severity detected, RuleMeta rule) {
        if (detected != null) {
            return detected;
        }
        return rule.severity() != null ? rule.severity() : Severity.MEDIUM;
    }
}

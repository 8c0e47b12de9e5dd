package dev.vigil.streams.stateful;

import dev.vigil.model.alert.Alert;
import dev.vigil.model.alert.Threat;
import dev.vigil.model.alert.VigilAlertInfo;
import dev.vigil.model.ecs.EcsEvent;
import dev.vigil.model.json.VigilJson;
import dev.vigil.streams.alerts.AlertFactory;
import dev.vigil.streams.rules.StatefulRule;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Builds the alerts of stateful rules from an event's alert prototype: id, counts, evidence and message. */
final class StatefulAlerts {

    private StatefulAlerts() {
    }

    /**
     * The prototype as the alert {@code id}, counting {@code count}, seen from {@code first} to {@code last}, with
     * these audit ids and details; the message's {@code {threshold}}, {@code {window}}, {@code {within}} and
     * {@code {history}} name the rule's parameters as configured.
     */
    static Alert alert(Alert prototype, String id, StatefulRule rule, long count, Instant first, Instant last,
                       List<String> auditIds, JsonNode details, String message) {
        EcsEvent event = prototype.event();
        VigilAlertInfo vigil = prototype.vigil();
        List<String> ids = auditIds.size() > VigilAlertInfo.MAX_AUDIT_IDS
                ? auditIds.subList(0, VigilAlertInfo.MAX_AUDIT_IDS) : auditIds;
        return new Alert(last, parameters(message, rule),
                new EcsEvent(event.kind(), id, event.created(), event.severity(), event.category(), event.dataset(),
                        event.action(), event.outcome()),
                AlertFactory.ruleRef(rule.meta()), Threat.mitre(rule.meta().mitre()), prototype.user(), prototype.source(), prototype.userAgent(),
                prototype.orchestrator(),
                new VigilAlertInfo(vigil.severity(), vigil.bsi(), count, first, last,
                        new VigilAlertInfo.Evidence(ids, details)));
    }

    /** The same alert with a new count, last time, one more audit id and details. */
    static Alert updated(Alert alert, long count, Instant seen, String auditId, JsonNode details) {
        Alert repeated = alert.repeated(seen, auditId, count);
        VigilAlertInfo vigil = repeated.vigil();
        return new Alert(repeated.timestamp(), repeated.message(), repeated.event(), repeated.rule(),
                repeated.threat(), repeated.user(), repeated.source(), repeated.userAgent(), repeated.orchestrator(),
                new VigilAlertInfo(vigil.severity(), vigil.bsi(), vigil.count(), vigil.firstSeen(), vigil.lastSeen(),
                        new VigilAlertInfo.Evidence(vigil.evidence().auditIds(), details)));
    }

    /** The prototype's details (an object, or wrapped in one) with more fields to set. */
    static ObjectNode details(Alert prototype) {
        JsonNode details = prototype.vigil().evidence().details();
        if (details instanceof ObjectNode object) {
            return object.deepCopy();
        }
        ObjectNode node = VigilJson.mapper().createObjectNode();
        if (details != null && !details.isNull()) {
            node.set("rule", details);
        }
        return node;
    }

    static String parameters(String message, StatefulRule rule) {
        if (message == null || message.indexOf('{') < 0) {
            return message;
        }
        return message.replace("{threshold}", Long.toString(rule.threshold()))
                .replace("{window}", text(rule.window()))
                .replace("{within}", text(rule.within()))
                .replace("{history}", text(rule.history()));
    }

    /** A duration as rule files write it: {@code 5m}, {@code 14d}, {@code 90s}. */
    static String text(Duration duration) {
        if (duration == null) {
            return "";
        }
        long seconds = duration.toSeconds();
        if (seconds != 0 && seconds % 86_400 == 0) {
            return seconds / 86_400 + "d";
        }
        if (seconds != 0 && seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        if (seconds != 0 && seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return duration.toMillis() % 1000 == 0 ? seconds + "s" : duration.toMillis() + "ms";
    }
}

package dev.vigil.streams.posture;

import dev.vigil.model.alert.Alert;
import dev.vigil.model.alert.VigilAlertInfo;
import dev.vigil.model.ecs.EcsEvent;
import dev.vigil.model.ecs.Orchestrator;
import dev.vigil.model.json.VigilJson;
import dev.vigil.model.rule.RuleMeta;
import dev.vigil.streams.alerts.AlertFactory;
import dev.vigil.streams.alerts.AlertIds;
import dev.vigil.streams.rules.DetectionEngine;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The alerts of posture findings: one deterministic id per rule, cluster and object (its uid), opened with
 * {@code vigil.status: open}, resolved with {@code resolved} and {@code resolved_at} under the same id, and opened
 * again (count + 1) when the cause comes back. Metadata comes from the loaded rules; a rule not loaded or disabled
 * raises nothing.
 */
final class PostureAlerts {

    private final DetectionEngine engine;
    private final AlertFactory factory;

    PostureAlerts(DetectionEngine engine, AlertFactory factory) {
        this.engine = engine;
        this.factory = factory;
    }

    Set<String> enabledRules() {
        Set<String> enabled = new LinkedHashSet<>();
        PostureSettings.RULES.forEach(id -> rule(id).ifPresent(meta -> enabled.add(id)));
        return enabled;
    }

    private Optional<RuleMeta> rule(String id) {
        return engine.isDisabled(id) ? Optional.empty() : engine.rule(id);
    }

    static String id(PostureFinding finding) {
        return AlertIds.of(finding.ruleId(), finding.subject().cluster(), finding.subject().identity(), 0);
    }

    Optional<Alert> opened(PostureFinding finding, Instant now) {
        PostureObject subject = finding.subject();
        boolean namespaced = !"Namespace".equals(subject.kind());
        Orchestrator orchestrator = Orchestrator.kubernetes(subject.cluster(),
                namespaced ? subject.namespace() : subject.name(), namespaced ? "pods" : "namespaces",
                subject.name(), "v1");
        return rule(finding.ruleId()).map(meta -> {
            Alert alert = factory.stateAlert(meta, id(finding), now, finding.message(), orchestrator,
                    finding.details());
            return alert.withVigil(alert.vigil().opened(now));
        });
    }

    /** The same finding's alert once more open: its cause came back after it was resolved. */
    static Alert reopened(Alert resolved, Instant now) {
        return updatedAt(resolved.withVigil(resolved.vigil().opened(now)), now);
    }

    /**
     * {@code event.created} is when the stream built this version (as for a dedup repeat), so that the console's
     * "recently raised or updated" order shows a resolution or a reopening.
     */
    private static Alert updatedAt(Alert alert, Instant now) {
        EcsEvent event = alert.event();
        return new Alert(alert.timestamp(), alert.message(), new EcsEvent(event.kind(), event.id(), now,
                event.severity(), event.category(), event.dataset(), event.action(), event.outcome()), alert.rule(),
                alert.threat(), alert.user(), alert.source(), alert.userAgent(), alert.orchestrator(), alert.vigil());
    }

    /** The finding's alert resolved at {@code now}, saying why in {@code details.resolved_because}. */
    static Alert resolved(Alert open, Instant now, String because) {
        VigilAlertInfo vigil = open.vigil().resolved(now);
        ObjectNode details = vigil.evidence().details() instanceof ObjectNode object ? object.deepCopy()
                : VigilJson.mapper().createObjectNode();
        details.put("resolved_because", because);
        return updatedAt(open.withVigil(new VigilAlertInfo(vigil.severity(), vigil.bsi(), vigil.count(),
                vigil.firstSeen(), vigil.lastSeen(), new VigilAlertInfo.Evidence(vigil.evidence().auditIds(), details),
                vigil.status(), vigil.resolvedAt())), now);
    }
}

package dev.vigil.alerting.notify;

import dev.vigil.model.alert.Alert;
import dev.vigil.model.alert.RuleRef;
import dev.vigil.model.alert.Severity;
import dev.vigil.model.alert.Threat;
import dev.vigil.model.alert.VigilAlertInfo;
import dev.vigil.model.ecs.EcsEvent;
import dev.vigil.model.ecs.EcsSource;
import dev.vigil.model.ecs.EcsUser;
import dev.vigil.model.ecs.EcsUserAgent;
import dev.vigil.model.ecs.Orchestrator;
import dev.vigil.model.json.VigilJson;

import java.time.Instant;
import java.util.List;

/** Contract alerts for notifier tests, shaped like the example of design §5. */
public final class TestAlerts {

    public static final Instant AT = Instant.parse("2026-11-23T10:00:00Z");

    private TestAlerts() {
    }

    /** The design's example: an anonymous user created clusterrolebindings/pwn in prod-1. */
    public static Alert anonymousAdmin(String id) {
        return alert(id, "anonymous-admin-action", "Anonymous admin action", Severity.CRITICAL);
    }

    public static Alert alert(String id, String ruleId, String ruleName, Severity severity) {
        return new Alert(AT, "Anonymous user created clusterrolebindings/pwn (allowed)",
                new EcsEvent("alert", id, AT.plusSeconds(1), severity.score(), List.of("iam"), "vigil.alert", "create", null),
                new RuleRef(ruleId, ruleName, "An anonymous request changed RBAC", "1", "vigil-core", "BSI APP.4.4.A3"),
                Threat.mitre(List.of("T1078.001")),
                EcsUser.of("system:anonymous", List.of("system:unauthenticated")),
                new EcsSource("203.0.113.7"), new EcsUserAgent("curl/8.5.0"),
                new Orchestrator("kubernetes", new Orchestrator.Cluster("prod-1"), "kube-system",
                        new Orchestrator.Resource("clusterrolebindings", "pwn"), "rbac.authorization.k8s.io/v1"),
                new VigilAlertInfo(severity, List.of("APP.4.4.A3"), 1, AT, AT,
                        new VigilAlertInfo.Evidence(List.of("audit-1"), VigilJson.mapper().createObjectNode()
                                .put("verb", "create"))));
    }

    /** The alert as dedup updates it: {@code count} hits, the last one a minute per hit later. */
    public static Alert repeated(Alert alert, int count) {
        Alert updated = alert;
        for (int hit = 2; hit <= count; hit++) {
            updated = updated.repeated(AT.plusSeconds(60L * hit), "audit-" + hit);
        }
        return updated;
    }

    /** An alert whose attacker-controlled fields carry CEF, chat and syslog control characters. */
    public static Alert hostile(String id) {
        Alert base = anonymousAdmin(id);
        return new Alert(base.timestamp(), "created a=b | c\\d\nsecond line", base.event(),
                new RuleRef("privileged-pod", "Privileged | pod", "d", "1", "vigil-core", "BSI APP.4.4.A4"),
                base.threat(),
                EcsUser.of("evil=user\\name|x <!channel> @all", List.of("system:authenticated")),
                new EcsSource("2001:db8::7"), new EcsUserAgent("`kubectl`\r\n<!here> *bold*"),
                base.orchestrator(), base.vigil());
    }
}

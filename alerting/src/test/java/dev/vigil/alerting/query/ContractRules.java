package dev.vigil.alerting.query;

import dev.vigil.model.alert.Severity;
import dev.vigil.model.audit.AuditRecord;
import dev.vigil.streams.rules.Detection;
import dev.vigil.streams.rules.DetectionEngine;
import dev.vigil.streams.rules.RuleMeta;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The metadata of the bundled core rules of design §7 (ids and BSI requirements are contract), standing in for the
 * streams module's engine, which is written in parallel: the compliance view only reads {@code rules()}.
 */
final class ContractRules implements DetectionEngine {

    static final List<RuleMeta> RULES = List.of(
            rule("anonymous-admin-action", "Anonymous admin action", Severity.CRITICAL, List.of("APP.4.4.A3")),
            rule("default-service-account-token", "Default service account token used", Severity.MEDIUM,
                    List.of("APP.4.4.A9")),
            rule("pod-default-service-account", "Pod runs as the default service account", Severity.LOW,
                    List.of("APP.4.4.A9")),
            rule("privileged-pod", "Pod violates the baseline Pod Security Standard", Severity.HIGH,
                    List.of("APP.4.4.A4", "SYS.1.6")),
            rule("pod-security-restricted", "Pod violates the restricted Pod Security Standard", Severity.LOW,
                    List.of("APP.4.4.A4")),
            rule("cni-change", "Network policy or CNI changed", Severity.HIGH, List.of("APP.4.4.A7", "APP.4.4.A18")),
            rule("long-lived-pod", "Pod running longer than the limit", Severity.LOW, List.of("APP.4.4.A21")));

    @Override
    public List<Detection> evaluate(AuditRecord record) {
        return List.of();
    }

    @Override
    public Optional<RuleMeta> rule(String id) {
        return RULES.stream().filter(rule -> rule.id().equals(id)).findFirst();
    }

    @Override
    public List<RuleMeta> rules() {
        return RULES;
    }

    private static RuleMeta rule(String id, String name, Severity severity, List<String> bsi) {
        return new RuleMeta(id, name, name + ".", "1", "vigil-core", severity, bsi, List.of("T1078"), List.of("iam"),
                Duration.ofHours(1));
    }
}

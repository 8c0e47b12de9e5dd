package dev.vigil.alerting.testing;

import dev.vigil.model.alert.Alert;
import dev.vigil.model.alert.RuleRef;
import dev.vigil.model.alert.Severity;
import dev.vigil.model.alert.Threat;
import dev.vigil.model.alert.VigilAlertInfo;
import dev.vigil.model.audit.AuditEvent;
import dev.vigil.model.audit.AuditEventParser;
import dev.vigil.model.audit.ObjectReference;
import dev.vigil.model.audit.UserInfo;
import dev.vigil.model.ecs.EcsEvent;
import dev.vigil.model.ecs.EcsSource;
import dev.vigil.model.ecs.EcsUser;
import dev.vigil.model.ecs.EcsUserAgent;
import dev.vigil.model.ecs.Orchestrator;
import dev.vigil.model.evidence.Evidence;
import dev.vigil.model.json.Decoded;
import dev.vigil.model.json.VigilJson;
import dev.vigil.model.testdata.AuditTestData;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Contract documents for the alerting tests, built with the model records from the real third-party audit events
 * (falco traces, audit2rbac, panther): evidence as {@code streams} writes it and alerts of the bundled rules.
 */
public final class TestDocuments {

    private static List<AuditEvent> thirdParty;

    private TestDocuments() {
    }

    /**
     * Every parseable third-party audit event (about 300: RBAC, pods, secrets, exec, impersonation, 403s), read once
     * per test JVM.
     */
    public static synchronized List<AuditEvent> thirdPartyEvents() {
        if (thirdParty == null) {
            List<AuditEvent> events = new ArrayList<>();
            for (AuditTestData.Line line : AuditTestData.thirdPartyEvents()) {
                Decoded<AuditEvent> decoded = AuditEventParser.parse(line.text());
                if (decoded.isOk()) {
                    events.add(decoded.value());
                }
            }
            thirdParty = List.copyOf(events);
        }
        return thirdParty;
    }

    /** A document as it reads back from JSON text (int vs long nodes as a parser makes them), for comparisons. */
    public static JsonNode asRead(Object document) {
        return VigilJson.mapper().readTree(VigilJson.writeBytes(document));
    }

    /** The evidence document of an audit event as received from {@code cluster}. */
    public static Evidence evidence(AuditEvent event, String cluster, Instant receivedAt) {
        ObjectReference ref = event.objectRef();
        UserInfo user = event.user();
        EcsUser ecsUser = user == null ? null : new EcsUser(user.username(),
                user.groups().isEmpty() ? null : new EcsUser.Group(user.groups()),
                event.impersonatedUser() == null ? null
                        : EcsUser.of(event.impersonatedUser().username(), event.impersonatedUser().groups()));
        int code = event.responseCode();
        String outcome = code < 0 ? null : code < 400 ? "success" : "failure";
        String what = ref == null ? event.requestURI()
                : ref.resourcePath() + (ref.name() == null ? "" : "/" + ref.name());
        return new Evidence(event.eventTime(),
                (event.username() == null ? "unknown user" : event.username()) + " " + event.verb() + " " + what
                        + (code < 0 ? "" : " (" + code + ")"),
                new EcsEvent("event", event.documentId(cluster), receivedAt, null, List.of("configuration"), "vigil.audit",
                        event.verb(), outcome),
                ecsUser,
                event.sourceIPs().isEmpty() ? null : new EcsSource(event.sourceIPs().get(0)),
                event.userAgent() == null ? null : new EcsUserAgent(event.userAgent()),
                Orchestrator.kubernetes(cluster, ref == null ? null : ref.namespace(),
                        ref == null ? null : ref.resource(), ref == null ? null : ref.name(),
                        ref == null ? null : ref.groupVersion()),
                new Evidence.Kubernetes(event),
                new Evidence.VigilEvidenceInfo(receivedAt, List.of()));
    }

    /** The same event as if it had happened at {@code time} with its own audit id (to make many distinct events). */
    public static AuditEvent copy(AuditEvent event, String auditId, Instant time) {
        return new AuditEvent(event.apiVersion(), event.kind(), event.level(), auditId, event.stage(),
                event.requestURI(), event.verb(), event.user(), event.impersonatedUser(), event.sourceIPs(),
                event.userAgent(), event.objectRef(), event.responseStatus(), event.requestObject(),
                event.responseObject(), time.minusMillis(3), time, event.annotations(), event.other());
    }

    /** {@code count} distinct evidence documents of {@code cluster}, cycling through the real events. */
    public static List<Evidence> manyEvidence(List<AuditEvent> base, int count, String cluster, Instant newest) {
        List<Evidence> documents = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Instant time = newest.minusSeconds(i * 7L);
            String auditId = UUID.nameUUIDFromBytes((cluster + "/" + i).getBytes(StandardCharsets.UTF_8)).toString();
            documents.add(evidence(copy(base.get(i % base.size()), auditId, time), cluster, time.plusMillis(40)));
        }
        return documents;
    }

    /** An alert of a bundled rule as streams raises it, first seen at {@code time}, with one evidence id. */
    public static Alert alert(String id, String ruleId, Severity severity, String bsi, String cluster, String namespace,
                              Instant time, String auditId) {
        JsonNode details = VigilJson.mapper().createObjectNode().put("rule", ruleId).put("verb", "create");
        return new Alert(time, message(ruleId, namespace),
                new EcsEvent("alert", id, time.plusMillis(120), severity.score(), List.of("iam"), "vigil.alert",
                        "create", "success"),
                new RuleRef(ruleId, name(ruleId), "Fires when " + ruleId.replace('-', ' ') + " is seen", "1",
                        "vigil-core", "BSI " + bsi),
                Threat.mitre(List.of("T1078.001")),
                EcsUser.of("system:anonymous", List.of("system:unauthenticated")),
                new EcsSource("203.0.113.7"), new EcsUserAgent("curl/8.5.0"),
                Orchestrator.kubernetes(cluster, namespace, "clusterrolebindings", "pwn", "rbac.authorization.k8s.io/v1"),
                new VigilAlertInfo(severity, List.of(bsi), 1, time, time,
                        new VigilAlertInfo.Evidence(List.of(auditId), details)));
    }

    private static String message(String ruleId, String namespace) {
        return switch (ruleId) {
            case "anonymous-admin-action" -> "Anonymous user created clusterrolebindings/pwn (allowed)";
            case "privileged-pod" -> "Privileged pod nginx-privileged created in " + namespace;
            case "cni-change" -> "NetworkPolicy default-deny deleted in " + namespace + " by a non network admin";
            case "default-service-account-token" -> "Request authenticated as system:serviceaccount:" + namespace
                    + ":default";
            default -> ruleId + " in " + namespace;
        };
    }

    private static String name(String ruleId) {
        String words = ruleId.replace('-', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}

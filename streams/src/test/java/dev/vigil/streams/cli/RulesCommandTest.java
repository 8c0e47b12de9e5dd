package dev.vigil.streams.cli;

import dev.vigil.model.json.VigilJson;
import dev.vigil.model.testdata.AuditTestData;
import dev.vigil.streams.rules.RuleEngine;
import dev.vigil.streams.rules.RulesProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code vigil rules list|validate|test}, run in-process as the app runs them. */
class RulesCommandTest {

    private static final String HEADER = "required_engine_version: 1\nruleset: site\nversion: 0.1.0\n";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void listsTheBundledRules() {
        assertThat(run("list")).isZero();
        assertThat(out.toString()).contains("anonymous-admin-action", "default-service-account-token",
                "pod-default-service-account", "privileged-pod", "pod-security-restricted", "cni-change",
                "long-lived-pod", "rbac-privileged-binding", "pod-exec", "csr-privileged", "admission-webhook-change",
                "untrusted-image", "service-account-unusual-client", "APP.4.4.A3",
                "APP.4.4.A10", "T1609", "classpath:rules/cni-change.yaml", "classpath:rules/pod-exec.yaml");

        out.getBuffer().setLength(0);
        assertThat(run("list", "--json")).isZero();
        List<JsonNode> rules = out.toString().lines().map(VigilJson.mapper()::readTree).toList();
        assertThat(rules).hasSize(RuleEngine.load(RulesProperties.defaults()).rules().size());
        assertThat(rules.get(0).get("id").asString()).isEqualTo("anonymous-admin-action");
        assertThat(rules.get(0).get("severity").asString()).isEqualTo("critical");
    }

    @Test
    void validateAcceptsGoodRulesAndReportsCompileErrorsWithPosition() throws IOException {
        Path good = Files.createDirectory(dir.resolve("good"));
        Files.writeString(good.resolve("site.yaml"), HEADER + """
                rules:
                  - id: secret-deleted
                    name: Secret deleted
                    description: A secret was deleted; add exceptions for your CI.
                    match: {resources: [secrets], verbs: [delete]}
                    condition: succeeded
                    severity: low
                    message: "{{user.username}} deleted {{k8s.target(objectRef, path)}}"
                    tests:
                      fire:
                        - {kind: Event, stage: ResponseComplete, verb: delete, user: {username: dev},
                           objectRef: {resource: secrets, namespace: a, name: s, apiVersion: v1},
                           responseStatus: {code: 200}, annotations: {authorization.k8s.io/decision: allow}}
                      no_fire:
                        - {kind: Event, stage: ResponseComplete, verb: delete, user: {username: dev},
                           objectRef: {resource: secrets, namespace: a, name: s, apiVersion: v1},
                           responseStatus: {code: 403}, annotations: {authorization.k8s.io/decision: forbid}}
                """);
        assertThat(run("validate", good.toString())).isZero();
        assertThat(out.toString()).startsWith("OK: 1 rule(s)");

        Path bad = Files.createDirectory(dir.resolve("bad"));
        Files.writeString(bad.resolve("bad.yaml"), HEADER + """
                rules:
                  - id: bad
                    name: Bad
                    description: Broken.
                    match: {resources: [pods]}
                    condition: verb == 'create' && size(obj.spec) > 'x'
                    severity: low
                    message: x
                """);
        assertThat(run("validate", bad.toString())).isEqualTo(1);
        assertThat(err.toString()).contains(bad.resolve("bad.yaml") + ": rule bad: condition 1:")
                .contains("no matching overload").contains("1 problem(s)");
    }

    @Test
    void validateRejectsUnknownFieldsAndWrongTypesOfTheAuditEvent() throws IOException {
        Path typo = Files.createDirectory(dir.resolve("typo"));
        Files.writeString(typo.resolve("typo.yaml"), HEADER + """
                rules:
                  - id: typo
                    name: Typo
                    description: A misspelt field.
                    match: {resources: [pods]}
                    condition: verb == 'create' && user.nmae == "x"
                    severity: low
                    message: x
                  - id: wrong-type
                    name: Wrong type
                    description: A list compared with a string.
                    match: {resources: [pods]}
                    condition: user.groups == "system:masters" || objectRef.namespace == 3
                    severity: low
                    message: x
                  - id: ref-typo
                    name: Object typo
                    description: A misspelt objectRef field in a message.
                    match: {resources: [pods]}
                    condition: verb == 'create'
                    severity: low
                    message: "{{objectRef.nmespace}}"
                """);

        assertThat(run("validate", typo.toString())).isEqualTo(1);

        assertThat(err.toString()).contains(typo.resolve("typo.yaml") + ": rule typo: condition 1:25")
                .contains("undefined field 'nmae'")
                .contains("rule wrong-type: condition 1:13").contains("(list(string), string)")
                .contains("rule ref-typo:").contains("undefined field 'nmespace'");
    }

    @Test
    void testWithoutFilesRunsTheEmbeddedTests() throws IOException {
        assertThat(run("test")).isZero();
        assertThat(out.toString()).containsPattern("rule tests: \\d+ passed, 0 failed");

        Path wrong = Files.createDirectory(dir.resolve("wrong"));
        Files.writeString(wrong.resolve("wrong.yaml"), HEADER + """
                rules:
                  - id: wrong-expectation
                    name: Wrong
                    description: Its test expects a hit that never comes.
                    match: {resources: [pods]}
                    condition: "false"
                    severity: low
                    message: x
                    tests:
                      fire:
                        - {kind: Event, stage: ResponseComplete, verb: get, user: {username: u},
                           objectRef: {resource: pods, namespace: a, name: p, apiVersion: v1}}
                """);
        out.getBuffer().setLength(0);
        assertThat(run("test", "--rules", wrong.toString())).isEqualTo(1);
        assertThat(out.toString()).contains("FAIL wrong-expectation fire fire[0]: did not fire")
                .containsPattern("rule tests: \\d+ passed, 1 failed");
    }

    @Test
    void testOverAuditFilesPrintsDeduplicatedAlerts() {
        Path trace = copy("k8s-audit/falco-traces/anonymous_creates_namespace_foo.json");
        Path workloads = copy("fixtures/rules/workload-templates.jsonl");
        assertThat(run("test", "--cluster", "prod-1", trace.toString(), workloads.toString())).isZero();
        assertThat(out.toString())
                .contains("CRITICAL anonymous-admin-action  Anonymous user created namespaces/foo (allowed)")
                .contains("who: system:anonymous (system:masters, system:authenticated) from 192.168.99.1")
                .contains("dedup key: prod-1|192.168.99.1|create|namespaces/foo")
                .contains("HIGH     privileged-pod  Deployment/node-agent in ops violates Pod Security baseline")
                .contains("dedup key: prod-1|ops|ReplicaSet/node-agent-6b8f7d9c4");
        assertThat(err.toString()).contains("55 audit events: 8 alerts (108 hits), 0 rejected");
    }

    @Test
    void testEvaluatesStatefulRulesInEventTimeOrder() throws IOException {
        StringBuilder lines = new StringBuilder();
        for (int i = 25; i >= 1; i--) { // written newest first: the threshold still sees a burst
            lines.append(String.format("{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"level\":\"Metadata\","
                    + "\"auditID\":\"r-%d\",\"stage\":\"ResponseComplete\",\"requestURI\":\"/api/v1/nodes/n%d\","
                    + "\"verb\":\"get\",\"user\":{\"username\":\"mallory@example.com\"},"
                    + "\"objectRef\":{\"resource\":\"nodes\",\"name\":\"n%d\",\"apiVersion\":\"v1\"},"
                    + "\"responseStatus\":{\"code\":403},\"stageTimestamp\":\"2026-03-02T10:00:%02dZ\","
                    + "\"annotations\":{\"authorization.k8s.io/decision\":\"forbid\"}}%n", i, i, i, i * 2));
        }
        Path file = Files.writeString(dir.resolve("refused.jsonl"), lines.toString());

        assertThat(run("test", "--cluster", "prod-1", file.toString())).isZero();

        assertThat(out.toString())
                .contains("HIGH     forbidden-burst  mallory@example.com had 20 or more requests refused within 5m")
                .contains("hits: 25 (2026-03-02T10:00:02Z .. 2026-03-02T10:00:50Z)");
    }

    @Test
    void jsonOutputIsTheContractAlertDocument() {
        Path workloads = copy("fixtures/rules/workload-templates.jsonl");
        assertThat(run("test", "--json", workloads.toString())).isZero();
        List<JsonNode> alerts = out.toString().lines().map(VigilJson.mapper()::readTree).toList();
        assertThat(alerts).hasSize(7); // the five Pod Security / service account alerts and two pod-missing-probes
        JsonNode pods = alerts.stream().filter(a -> a.path("rule").path("id").asString().equals("privileged-pod")
                && a.path("vigil").path("count").asInt() == 50).findFirst().orElseThrow();
        assertThat(pods.path("event").path("kind").asString()).isEqualTo("alert");
        assertThat(pods.path("event").path("severity").asInt()).isEqualTo(73);
        assertThat(pods.path("vigil").path("severity").asString()).isEqualTo("high");
        assertThat(pods.path("vigil").path("bsi").toString()).isEqualTo("[\"APP.4.4.A4\",\"SYS.1.6\"]");
        assertThat(pods.path("threat").path("technique").path("id").toString()).contains("T1611");
        assertThat(pods.path("orchestrator").path("namespace").asString()).isEqualTo("ops");
        assertThat(pods.path("vigil").path("evidence").path("audit_ids").size()).isEqualTo(20);
        assertThat(pods.path("vigil").path("evidence").path("details").path("failed_checks").has("privileged"))
                .isTrue();
    }

    @Test
    void unreadableLinesAreReportedWithTheirLineAndTheRestIsEvaluated() throws IOException {
        Path mixed = dir.resolve("mixed.jsonl");
        Files.writeString(mixed, Files.readString(AuditTestData.file(
                "k8s-audit/falco-traces/anonymous_creates_namespace_foo.json")).strip() + "\n{not json\n{\"kind\": 0}\n");
        assertThat(run("test", mixed.toString())).isZero();
        assertThat(err.toString()).contains("mixed.jsonl:2: unreadable").contains("mixed.jsonl:3: not an audit event")
                .contains("1 audit events: 1 alerts (1 hits), 2 rejected");
    }

    @Test
    void eventsWithoutReadableTimestampsAreTimedAsReadInsteadOfStoppingTheRun() {
        // Panther's fixtures write "2022-11-29 00:09:04.38", which is no RFC 3339 time; the run used to end in an NPE.
        Path panther = copy("k8s-audit/panther/test-logs.jsonl");
        assertThat(run("test", panther.toString())).isZero();
        assertThat(out.toString()).contains("HIGH     privileged-pod  DaemonSet/monitoring-agent in kube-system");
        assertThat(err.toString()).containsPattern("\\d+ audit events: [1-9]\\d* alerts")
                .containsPattern("\\d+ without a readable timestamp \\(timed as read, ")
                .doesNotContain("NullPointerException");
    }

    /** A test resource as a file on disk (the model's test-jar holds it inside a jar). */
    private Path copy(String resource) {
        try {
            Path file = dir.resolve(resource.substring(resource.lastIndexOf('/') + 1));
            Files.copy(AuditTestData.file(resource), file);
            return file;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private int run(String... args) {
        CommandLine cli = new CommandLine(new RulesCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }
}

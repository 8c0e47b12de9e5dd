package dev.vigil.streams.rules;

import dev.vigil.model.rule.RuleMeta;
import dev.vigil.model.rule.RuleStatus;
import dev.vigil.streams.rules.file.RuleException;
import dev.vigil.model.alert.Severity;
import dev.vigil.model.audit.AuditRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Loading, overriding, configuring and evaluating rules, on the bundled rules plus rule files written here. */
class RuleEngineTest {

    private static final String HEADER = "required_engine_version: 1\nruleset: site\nversion: 1.0.0\n";

    private static final String NETPOL_DELETE = """
            {"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata","auditID":"a-1","stage":"ResponseComplete",
             "verb":"delete","requestURI":"/apis/networking.k8s.io/v1/namespaces/shop/networkpolicies/default-deny",
             "user":{"username":"dev@example.com","groups":["developers","system:authenticated"]},
             "objectRef":{"resource":"networkpolicies","namespace":"shop","name":"default-deny",
                          "apiGroup":"networking.k8s.io","apiVersion":"v1"},
             "responseStatus":{"code":200},"annotations":{"authorization.k8s.io/decision":"allow"},
             "cluster":"prod-1"}""";

    @TempDir
    Path dir;

    @Test
    void bundledRulesCarryTheirContractMetadata() {
        RuleEngine engine = RuleEngine.load(RulesProperties.defaults());
        assertThat(engine.rules()).extracting(RuleMeta::id).containsExactly("anonymous-admin-action",
                "default-service-account-token", "pod-default-service-account", "privileged-pod",
                "pod-security-restricted", "cni-change", "long-lived-pod", "namespace-without-default-deny",
                "pod-not-covered-by-network-policy", "workload-on-control-plane-node", "admission-webhook-change",
                "control-plane-config-change", "psa-label-weakened", "audit-trail-deleted", "workload-in-system-namespace",
                "pod-in-default-namespace", "pod-missing-probes", "service-exposed", "untrusted-image", "secret-in-env",
                "system-identity-from-outside", "service-account-unusual-client", "rbac-privileged-binding",
                "rbac-escalation-role", "impersonation", "automation-writes-rbac", "pod-exec", "pod-port-forward",
                "node-proxy", "ephemeral-container", "token-request", "csr-privileged", "secrets-cluster-list",
                "forbidden-burst", "anonymous-probing", "secrets-read-burst", "discovery-burst", "rbac-grant-then-use",
                "new-exec-principal", "service-account-new-source");
        RuleMeta anonymous = engine.rule("anonymous-admin-action").orElseThrow();
        assertThat(anonymous.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(anonymous.bsi()).containsExactly("APP.4.4.A3");
        assertThat(anonymous.mitre()).containsExactly("T1078.001");
        assertThat(anonymous.ruleset()).isEqualTo("vigil-core");
        assertThat(anonymous.version()).isEqualTo("1.1.0");
        assertThat(anonymous.dedupWindow()).isEqualTo(Duration.ofMinutes(10));
        assertThat(engine.rule("default-service-account-token").orElseThrow().dedupWindow())
                .isEqualTo(Duration.ofHours(1));
        assertThat(engine.rule("cni-change").orElseThrow().bsi()).containsExactly("APP.4.4.A7", "APP.4.4.A18");
        for (RuleMeta rule : engine.rules()) {
            assertThat(rule.bsi()).as(rule.id()).isNotEmpty();
            assertThat(rule.mitre()).as(rule.id()).isNotEmpty();
        }
    }

    @Test
    void userRuleReplacesTheBundledRuleWithTheSameId() throws IOException {
        Files.writeString(dir.resolve("override.yaml"), HEADER + """
                rules:
                  - id: privileged-pod
                    name: Site privileged pods
                    description: Only hostNetwork matters here.
                    match: {resources: [pods], verbs: [create]}
                    condition: obj.?spec.?hostNetwork.orValue(false) == true
                    severity: low
                    bsi: [APP.4.4.A4]
                    mitre: [T1611]
                    message: hostNetwork pod {{objectRef.name}}
                  - id: site-extra
                    name: Extra
                    description: An added rule.
                    match: {resources: [secrets], verbs: [delete]}
                    condition: "true"
                    severity: info
                    message: secret deleted
                """);
        RuleEngine engine = RuleEngine.load(RulesProperties.defaults().withDirectory(dir));

        assertThat(engine.rule("privileged-pod").orElseThrow().severity()).isEqualTo(Severity.LOW);
        assertThat(engine.rule("privileged-pod").orElseThrow().ruleset()).isEqualTo("site");
        assertThat(engine.sourceOf("privileged-pod")).contains(dir.resolve("override.yaml").toString());
        assertThat(engine.rule("site-extra")).isPresent();
        assertThat(engine.rules()).hasSize(RuleEngine.load(RulesProperties.defaults()).rules().size() + 1);
        List<Detection> hits = engine.evaluate(record("""
                {"kind":"Event","stage":"ResponseComplete","verb":"create","user":{"username":"dev"},
                 "objectRef":{"resource":"pods","namespace":"shop","name":"web","apiVersion":"v1"},
                 "responseStatus":{"code":201},
                 "requestObject":{"kind":"Pod","spec":{"hostNetwork":true,"containers":[{"name":"c"}]}}}"""));
        assertThat(hits).extracting(d -> d.rule().id()).contains("privileged-pod");
        assertThat(hits).filteredOn(d -> d.rule().id().equals("privileged-pod"))
                .extracting(Detection::message).containsExactly("hostNetwork pod web");
        assertThat(engine.runTests()).noneMatch(r -> r.ruleId().equals("privileged-pod"));
    }

    @Test
    void listsAreExtendedFromConfiguration() {
        RuleEngine plain = RuleEngine.load(RulesProperties.defaults());
        assertThat(plain.evaluate(record(NETPOL_DELETE))).extracting(d -> d.rule().id()).containsExactly("cni-change");

        RulesProperties admins = new RulesProperties(null, Map.of("network-admins", List.of("dev@example.com")),
                null, null, null);
        RuleEngine tuned = RuleEngine.load(admins);
        assertThat(tuned.lists().get("network_admins")).containsExactly("dev@example.com");
        assertThat(tuned.evaluate(record(NETPOL_DELETE))).isEmpty();

        RulesProperties groups = new RulesProperties(null, Map.of("network-admin-groups", List.of("developers")),
                null, null, null);
        assertThat(RuleEngine.load(groups).evaluate(record(NETPOL_DELETE))).isEmpty();
    }

    @Test
    void extendingAListNoFileDefinesIsAnError() {
        RulesProperties typo = new RulesProperties(null, Map.of("network-admin", List.of("x")), null, null, null);
        assertThatThrownBy(() -> RuleEngine.load(typo)).isInstanceOf(RuleLoadException.class)
                .hasMessageContaining("vigil.rules.lists.network-admin").hasMessageContaining("no rule file defines");
    }

    @Test
    void watchRulesCarryTheirConfiguredParamsAndExemptNamespaces() {
        RulesProperties tuned = new RulesProperties(null, null,
                Map.of("pod-not-covered-by-network-policy", Map.of("batch", new RuleException(null, null, null,
                        List.of("batch"), null, null))),
                null, null, Map.of("pod-not-covered-by-network-policy", Map.of("grace", "30m")));
        WatchRulePolicy policy = RuleEngine.load(tuned).watchRule("pod-not-covered-by-network-policy").orElseThrow();

        assertThat(policy.duration("grace", Duration.ZERO)).isEqualTo(Duration.ofMinutes(30));
        assertThat(policy.exemptNamespaces()).contains("kube-system", "batch");
        assertThat(RuleEngine.load(RulesProperties.defaults()).watchRule("workload-on-control-plane-node")
                .orElseThrow().flag("ignore_daemonsets", false)).isTrue();
    }

    @Test
    void anUnreadableWatchRuleGraceIsAStartUpError() {
        RulesProperties wrong = new RulesProperties(null, null, null, null, null,
                Map.of("namespace-without-default-deny", Map.of("grace", "soon")));
        assertThatThrownBy(() -> RuleEngine.load(wrong)).isInstanceOf(RuleLoadException.class)
                .hasMessageContaining("params.grace");
    }

    @Test
    void exceptionsFromConfigurationSuppressHits() {
        RulesProperties properties = new RulesProperties(null, null, Map.of("cni-change",
                Map.of("shop-owners", new RuleException(List.of("dev@*"), null, null, List.of("shop"), null, null))),
                null, null);
        assertThat(RuleEngine.load(properties).evaluate(record(NETPOL_DELETE))).isEmpty();
        RulesProperties otherNamespace = new RulesProperties(null, null, Map.of("cni-change",
                Map.of("shop-owners", new RuleException(List.of("dev@*"), null, null, List.of("web"), null, null))),
                null, null);
        assertThat(RuleEngine.load(otherNamespace).evaluate(record(NETPOL_DELETE))).hasSize(1);
    }

    @Test
    void startUpSaysWhichRulesWaitForWhichProperty() {
        assertThat(RuleEngine.load(RulesProperties.defaults()).inactiveNotices()).containsExactly(
                "Rule untrusted-image is inactive until vigil.rules.lists.trusted-registries or "
                        + "vigil.rules.lists.mutable-tags is set",
                "Rule system-identity-from-outside is inactive until vigil.rules.lists.cluster-cidrs is set");
        RulesProperties disabled = new RulesProperties(null, null, null, Set.of("untrusted-image"), null);
        assertThat(RuleEngine.load(disabled).inactiveNotices()).as("disabled rules are not announced").hasSize(1);
    }

    @Test
    void publishesWhetherAndWhyEachRuleIsEvaluated() {
        RuleEngine engine = RuleEngine.load(new RulesProperties(null, null, null, Set.of("pod-exec"), null));

        assertThat(engine.status("pod-exec")).isEqualTo(new RuleStatus(RuleStatus.DISABLED,
                "disabled by vigil.rules.disabled", List.of(), "classpath:rules/pod-exec.yaml"));
        RuleStatus untrusted = engine.status("untrusted-image");
        assertThat(untrusted.state()).isEqualTo(RuleStatus.INACTIVE);
        assertThat(untrusted.activatedBy()).contains("vigil.rules.lists.trusted-registries");
        assertThat(untrusted.reason()).startsWith("inactive until vigil.rules.lists.trusted-registries");
        assertThat(engine.status("privileged-pod").state()).isEqualTo(RuleStatus.ENABLED);
    }

    @Test
    void rulesWaitingForAListAreInactiveUntilItIsConfigured() {
        String outsider = """
                {"kind":"Event","stage":"ResponseComplete","verb":"list","requestURI":"/api/v1/namespaces/shop/secrets",
                 "user":{"username":"system:node:worker-1","groups":["system:nodes","system:authenticated"]},
                 "sourceIPs":["203.0.113.9"],"objectRef":{"resource":"secrets","namespace":"shop","apiVersion":"v1"},
                 "responseStatus":{"code":200},"annotations":{"authorization.k8s.io/decision":"allow"}}""";
        RuleEngine plain = RuleEngine.load(RulesProperties.defaults());
        assertThat(plain.inactive()).containsEntry("system-identity-from-outside",
                        List.of("vigil.rules.lists.cluster-cidrs"))
                .containsEntry("untrusted-image",
                        List.of("vigil.rules.lists.trusted-registries", "vigil.rules.lists.mutable-tags"));
        assertThat(plain.rule("untrusted-image")).as("still listed").isPresent();
        assertThat(plain.evaluate(record(outsider))).extracting(d -> d.rule().id())
                .doesNotContain("system-identity-from-outside");

        RuleEngine site = RuleEngine.load(new RulesProperties(null,
                Map.of("cluster-cidrs", List.of("10.0.0.0/16"), "mutable-tags", List.of("latest")), null, null, null));
        assertThat(site.inactive()).isEmpty();
        assertThat(site.evaluate(record(outsider))).extracting(d -> d.rule().id())
                .contains("system-identity-from-outside");
    }

    @Test
    void inactiveUntilMustNameADefinedList() throws IOException {
        Files.writeString(dir.resolve("waiting.yaml"), HEADER + """
                rules:
                  - id: site-waiting
                    name: Waits for a list
                    description: Needs a list nobody defines.
                    match: {resources: [pods], verbs: [create]}
                    inactive_until: [no_such_list]
                    condition: "true"
                    severity: info
                    message: m
                """);
        assertThatThrownBy(() -> RuleEngine.load(RulesProperties.defaults().withDirectory(dir)))
                .isInstanceOf(RuleLoadException.class).hasMessageContaining("inactive_until")
                .hasMessageContaining("no_such_list");
    }

    @Test
    void aTestCaseCanSetListsButOnlyDefinedOnes() throws IOException {
        Files.writeString(dir.resolve("cases.yaml"), HEADER + """
                lists:
                  site_users: []
                rules:
                  - id: site-listed
                    name: Listed users
                    description: Fires for the listed users.
                    match: {resources: [pods], verbs: [create]}
                    condition: user.username in site_users
                    severity: info
                    message: m
                    tests:
                      fire:
                        - {name: listed, lists: {site_users: [dev]}, event: {kind: Event, verb: create, stage: ResponseComplete, user: {username: dev}, objectRef: {resource: pods, apiVersion: v1}}}
                      no_fire:
                        - {name: not listed, event: {kind: Event, verb: create, stage: ResponseComplete, user: {username: dev}, objectRef: {resource: pods, apiVersion: v1}}}
                        - {name: typo, lists: {site_user: [dev]}, event: {kind: Event, verb: create, stage: ResponseComplete, user: {username: x}, objectRef: {resource: pods, apiVersion: v1}}}
                """);
        List<RuleTestResult> results = RuleEngine.load(RulesProperties.defaults().withDirectory(dir)).runTests()
                .stream().filter(r -> r.ruleId().equals("site-listed")).toList();
        assertThat(results).extracting(RuleTestResult::failure).containsExactly(null, null,
                "lists.site_user: no rule file defines such a list, or it is not a list");
    }

    @Test
    void disabledRulesAreListedButNotEvaluated() {
        RulesProperties properties = new RulesProperties(null, null, null, Set.of("cni-change"), null);
        RuleEngine engine = RuleEngine.load(properties);
        assertThat(engine.rule("cni-change")).isPresent();
        assertThat(engine.isDisabled("cni-change")).isTrue();
        assertThat(engine.evaluate(record(NETPOL_DELETE))).isEmpty();
    }

    @Test
    void detectionCarriesSeverityOverrideDedupKeyAndDetails() {
        Detection hit = RuleEngine.load(RulesProperties.defaults()).evaluate(record(NETPOL_DELETE)).get(0);
        assertThat(hit.severity()).isEqualTo(Severity.HIGH);
        assertThat(hit.dedupKey()).isEqualTo("prod-1|dev@example.com|delete|networking.k8s.io|networkpolicies|shop|default-deny");
        assertThat(hit.message()).isEqualTo(
                "dev@example.com deleted networking.k8s.io networkpolicies/default-deny in shop (not a network admin)");
        assertThat(hit.details().get("groups").toString()).isEqualTo("[\"developers\",\"system:authenticated\"]");
        assertThat(hit.record().cluster()).isEqualTo("prod-1");
    }

    @Test
    void compileErrorsNameFileRuleAndPosition() throws IOException {
        Path file = dir.resolve("broken.yaml");
        Files.writeString(file, HEADER + """
                macros:
                  bad_macro: user.username == 'x' &&& true
                rules:
                  - id: broken-condition
                    name: Broken
                    description: Has an undeclared name.
                    match: {resources: [pods]}
                    condition: verb == 'create' && nosuch
                    severity: low
                    message: "{{user.username}}"
                  - id: broken-macro
                    name: Broken macro
                    description: Uses a broken macro.
                    match: {resources: [pods]}
                    condition: verb == 'create' && bad_macro
                    severity: low
                    message: "x {{ user.nam( }}"
                """);
        assertThatThrownBy(() -> RuleEngine.load(RulesProperties.defaults(), List.of(file)))
                .isInstanceOfSatisfying(RuleLoadException.class, e -> {
                    assertThat(e.problems()).contains(new RuleProblem(file.toString(), "broken-condition",
                            "condition 1:21", "undeclared reference to 'nosuch' (in container '')"));
                    assertThat(e.problems()).anySatisfy(p -> {
                        assertThat(p.ruleId()).isEqualTo("broken-macro");
                        assertThat(p.where()).isEqualTo("condition macro bad_macro 1:24");
                    });
                    assertThat(e.problems()).anySatisfy(p -> {
                        assertThat(p.ruleId()).isEqualTo("broken-macro");
                        assertThat(p.where()).startsWith("message placeholder 1 1:");
                    });
                });
    }

    @Test
    void yamlMistakesAreReportedWithTheirLine() throws IOException {
        Path file = dir.resolve("typo.yaml");
        Files.writeString(file, HEADER + """
                rules:
                  - id: typo
                    name: Typo
                    descripton: misspelt key
                """);
        assertThatThrownBy(() -> RuleEngine.load(RulesProperties.defaults(), List.of(file)))
                .isInstanceOf(RuleLoadException.class)
                .hasMessageContaining("descripton")
                .hasMessageMatching("(?s).*typo\\.yaml: [78]:\\d+: .*");
        Path newer = dir.resolve("newer.yaml");
        Files.writeString(newer, "required_engine_version: 9\nruleset: x\nversion: 1.0.0\n");
        assertThatThrownBy(() -> RuleEngine.load(RulesProperties.defaults(), List.of(newer)))
                .hasMessageContaining("needs engine version 9");
    }

    @Test
    void aRuntimeErrorMeansNoHitAndIsCounted() throws IOException {
        Files.writeString(dir.resolve("fragile.yaml"), HEADER + """
                rules:
                  - id: fragile
                    name: Fragile
                    description: Reads a field that is often missing.
                    match: {resources: [secrets]}
                    condition: obj.metadata.labels.team == 'x'
                    severity: low
                    message: never
                """);
        RuleEngine engine = RuleEngine.load(RulesProperties.defaults().withDirectory(dir));
        AuditRecord secret = record("""
                {"kind":"Event","stage":"ResponseComplete","verb":"get","user":{"username":"u"},
                 "objectRef":{"resource":"secrets","namespace":"a","name":"s","apiVersion":"v1"}}""");
        AuditRecord configMap = record("""
                {"kind":"Event","stage":"ResponseComplete","verb":"get","user":{"username":"u"},
                 "objectRef":{"resource":"configmaps","namespace":"a","name":"c","apiVersion":"v1"}}""");

        assertThat(engine.evaluate(secret)).isEmpty();
        assertThat(engine.evaluationErrors()).containsEntry("fragile", 1L);
        assertThat(engine.evaluate(configMap)).isEmpty();
        assertThat(engine.evaluationErrors()).as("the index never tested the configmap event")
                .containsEntry("fragile", 1L);
    }

    @Test
    void longLivedPodParametersComeFromTheRuleAndConfiguration() {
        LongLivedPodPolicy bundled = RuleEngine.load(RulesProperties.defaults()).longLivedPod();
        assertThat(bundled.limit()).isEqualTo(Duration.ofHours(24));
        assertThat(bundled.exemptNamespaces()).containsExactly("kube-system");

        RulesProperties properties = new RulesProperties(null, null, null, null,
                new RulesProperties.LongLivedPod(Duration.ofHours(12), Set.of("batch"), Map.of("vigil.dev/long-running", "*")));
        LongLivedPodPolicy tuned = RuleEngine.load(properties).longLivedPod();
        assertThat(tuned.limit()).isEqualTo(Duration.ofHours(12));
        assertThat(tuned.exempt("batch", Map.of())).isTrue();
        assertThat(tuned.exempt("kube-system", Map.of())).isTrue();
        assertThat(tuned.exempt("shop", Map.of("vigil.dev/long-running", "yes"))).isTrue();
        assertThat(tuned.exempt("shop", Map.of("app", "web"))).isFalse();
    }

    @Test
    void watchRuleTestsAreAvailableToThePodTracker() throws IOException {
        List<RuleTestCase> cases = RuleEngine.load(RulesProperties.defaults()).tests("long-lived-pod");
        assertThat(cases).filteredOn(RuleTestCase::fire).hasSize(1);
        assertThat(cases).filteredOn(c -> !c.fire()).hasSize(3);
        assertThat(cases.get(0).at()).isEqualTo("2024-05-02T10:00:00Z");
        assertThat(cases.get(0).event().path("object").path("status").path("phase").asString()).isEqualTo("Running");
    }

    @Test
    void theStatefulPassOnTheRecordTheAuditRulesJustSawGivesWhatItGivesAlone() {
        // a Secret read: counted by secrets-read-burst, and a use step of rbac-grant-then-use keyed by user and group
        String read = """
                {"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata","auditID":"a-2","stage":"ResponseComplete",
                 "verb":"get","requestURI":"/api/v1/namespaces/shop/secrets/db",
                 "user":{"username":"eve@example.com","groups":["contractors","system:authenticated"]},
                 "objectRef":{"resource":"secrets","namespace":"shop","name":"db","apiVersion":"v1"},
                 "responseStatus":{"code":200},"annotations":{"authorization.k8s.io/decision":"allow"},
                 "stageTimestamp":"2026-03-02T10:04:00Z","cluster":"prod-1"}""";
        RuleEngine engine = RuleEngine.load(RulesProperties.defaults());
        AuditRecord record = record(read);

        engine.evaluate(record); // builds the activation the stateful pass then reuses
        List<StatefulDetection> shared = engine.evaluateStateful(record);
        engine.evaluate(record(NETPOL_DELETE)); // another event in between: nothing of it may leak into the next
        List<StatefulDetection> alone = engine.evaluateStateful(record(read));

        assertThat(shared).extracting(d -> d.rule().id() + "#" + d.step() + " " + d.keys())
                .containsExactly("secrets-read-burst#0 [prod-1|eve@example.com]",
                        "rbac-grant-then-use#1 [prod-1|eve@example.com, prod-1|contractors]")
                .isEqualTo(alone.stream().map(d -> d.rule().id() + "#" + d.step() + " " + d.keys()).toList());
    }

    @Test
    void mayMatchIsFalseOnlyWhenNoAuditRuleAndNoStatefulStepCanApplyToTheRequest() {
        RuleEngine one = RuleEngine.load(new RulesProperties(null, null, null,
                Set.copyOf(RuleEngine.load(RulesProperties.defaults()).rules().stream().map(RuleMeta::id)
                        .filter(id -> !id.equals("secrets-read-burst") && !id.equals("cni-change"))
                        .toList()), null));
        String leaseGet = NETPOL_DELETE.replace("\"delete\"", "\"get\"").replace("networkpolicies", "leases")
                .replace("networking.k8s.io", "coordination.k8s.io");
        String secretGet = leaseGet.replace("leases", "secrets").replace("coordination.k8s.io", "");

        assertThat(one.mayMatch(record(NETPOL_DELETE))).isTrue(); // an audit rule's match
        assertThat(one.mayMatch(record(secretGet))).isTrue(); // a stateful rule's step (threshold on secret gets)
        assertThat(one.mayMatch(record(leaseGet))).isFalse();
        assertThat(one.evaluate(record(leaseGet))).isEmpty();
        assertThat(one.evaluateStateful(record(leaseGet))).isEmpty();
        RuleEngine bundled = RuleEngine.load(RulesProperties.defaults());
        // anonymous-admin-action, forbidden-burst, ... are indexed for every resource, but their conditions are
        // false for an allowed read by a person: the screen decides them from the request alone (RuleScreen*Test)
        assertThat(bundled.mayMatch(record(leaseGet))).isFalse();
        assertThat(bundled.mayMatch(record(leaseGet.replace("dev@example.com", "system:anonymous")))).isTrue();
    }

    static AuditRecord record(String json) {
        return RuleTestRunner.record(dev.vigil.model.json.VigilJson.mapper().readTree(json)).value();
    }
}

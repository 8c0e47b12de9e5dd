package dev.vigil.streams.rules;

import dev.vigil.streams.rules.file.FieldCondition;
import dev.vigil.streams.rules.file.ListRef;
import dev.vigil.streams.rules.file.RuleException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.vigil.streams.rules.RuleEngineTest.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rule language: scoped lists and macros with explicit overrides, list names in match, exceptions, versions. */
class RuleLanguageTest {

    private static final String HEADER = "required_engine_version: 1\nruleset: site\nversion: 1.0.0\n";
    private static final String RULE = """
              - id: site-configmaps
                name: Config maps written
                description: Fires on every config map write; for tests.
                match: {resources: %s, verbs: [create]}
                condition: "true"
                severity: low
                exceptions:
            %s
                message: m
            """;

    @TempDir
    Path dir;

    @Test
    void aMarkedOverrideOfACoreListReplacesItForEveryFileAndIsLogged() throws IOException {
        Path file = write("site.yaml", HEADER + """
                lists:
                  system_namespaces: {override: true, items: [kube-system, platform]}
                macros:
                  is_delete: {override: true, expression: "verb == 'delete'"}
                """);
        RuleEngine engine = RuleEngine.load(RulesProperties.defaults(), List.of(file));

        assertThat(engine.lists().get("system_namespaces")).containsExactly("kube-system", "platform");
        assertThat(engine.overrides()).containsExactly(
                "Rule file " + file + " overrides list system_namespaces of classpath:rules/core.yaml: 2 items "
                        + "instead of 3 items",
                "Rule file " + file + " overrides macro is_delete of classpath:rules/core.yaml: expression "
                        + "verb == 'delete' instead of expression verb in ['delete', 'deletecollection']");
        // workload-in-system-namespace (another file) now judges pods in "platform"
        assertThat(engine.evaluate(record(pod("platform")))).extracting(d -> d.rule().id())
                .contains("workload-in-system-namespace");
    }

    @Test
    void anUnmarkedRedefinitionIsAnErrorNamingFileAndName() throws IOException {
        Path file = write("site.yaml", HEADER + """
                lists:
                  system_namespaces: [platform]
                  exec_shells: [sh]
                  site_only: {override: true, items: [x]}
                macros:
                  is_write: "true"
                """);
        assertThatThrownBy(() -> RuleEngine.load(RulesProperties.defaults(), List.of(file)))
                .isInstanceOfSatisfying(RuleLoadException.class, e -> {
                    assertThat(e.problems()).contains(
                            new RuleProblem(file.toString(), "", "lists.system_namespaces", "list system_namespaces "
                                    + "is already defined in classpath:rules/core.yaml; mark the entry override: true "
                                    + "to replace it, or choose another name"),
                            new RuleProblem(file.toString(), "", "lists.exec_shells", "list exec_shells is already "
                                    + "defined in classpath:rules/pod-exec.yaml; mark the entry override: true to "
                                    + "replace it, or choose another name"),
                            new RuleProblem(file.toString(), "", "lists.site_only",
                                    "override: true, but no earlier file defines list site_only"));
                    assertThat(e.problems()).anySatisfy(p -> assertThat(p.where()).isEqualTo("macros.is_write"));
                });
    }

    @Test
    void aFileSeesCoreNamesAndItsOwnButNotThoseOfOtherFiles() throws IOException {
        Path file = write("site.yaml", HEADER + "rules:\n" + RULE.formatted("[configmaps]", "      {}")
                .replace("condition: \"true\"", "condition: size(exec_shells) > 0 && size(read_verbs) > 0")
                .replace("    exceptions:\n      {}\n", ""));
        assertThatThrownBy(() -> RuleEngine.load(RulesProperties.defaults(), List.of(file)))
                .isInstanceOfSatisfying(RuleLoadException.class, e -> assertThat(e.problems()).singleElement()
                        .satisfies(p -> {
                            assertThat(p.file()).isEqualTo(file.toString());
                            assertThat(p.ruleId()).isEqualTo("site-configmaps");
                            assertThat(p.where()).isEqualTo("condition 1:6");
                            assertThat(p.message()).contains("undeclared reference to 'exec_shells'");
                        }));
    }

    @Test
    void matchAcceptsListNames() throws IOException {
        Path file = write("site.yaml", HEADER + """
                lists:
                  site_resources: [configmaps]
                rules:
                """ + RULE.formatted("site_resources", "      {}").replace("    exceptions:\n      {}\n", ""));
        RuleEngine engine = RuleEngine.load(RulesProperties.defaults(), List.of(file));
        assertThat(fires(engine, event("configmaps", "dev", "10.0.0.1"))).isTrue();
        assertThat(fires(engine, event("secrets", "dev", "10.0.0.1"))).isFalse();

        RuleEngine extended = RuleEngine.load(new RulesProperties(null, Map.of("site-resources", List.of("secrets")),
                null, null, null), List.of(file));
        assertThat(fires(extended, event("secrets", "dev", "10.0.0.1"))).isTrue();

        Path core = write("core-names.yaml", HEADER.replace("site", "other") + RULE.formatted("pod_resources", "      {}")
                .replace("    exceptions:\n      {}\n", "").replace("site-configmaps", "site-pods").replace("  - id", "rules:\n  - id"));
        assertThat(RuleEngine.load(RulesProperties.defaults(), List.of(core)).rule("site-pods")).isPresent();

        Path unknown = write("unknown.yaml", HEADER.replace("site", "third") + "rules:\n"
                + RULE.formatted("no_such_list", "      {}").replace("    exceptions:\n      {}\n", ""));
        assertThatThrownBy(() -> RuleEngine.load(RulesProperties.defaults(), List.of(unknown)))
                .isInstanceOfSatisfying(RuleLoadException.class, e -> assertThat(e.problems()).contains(
                        new RuleProblem(unknown.toString(), "site-configmaps", "match",
                                "no list no_such_list in this file or core.yaml")));
    }

    @Test
    void exceptionOperatorIn() throws IOException {
        RuleEngine engine = withException("- {field: user.username, op: in, values: [alice, bob]}");
        assertThat(fires(engine, event("configmaps", "alice", "10.0.0.1"))).isFalse();
        assertThat(fires(engine, event("configmaps", "alice2", "10.0.0.1"))).isTrue();
    }

    @Test
    void exceptionOperatorStartsWith() throws IOException {
        RuleEngine engine = withException(
                "- {field: user.username, op: startsWith, values: ['system:serviceaccount:argocd:']}");
        assertThat(fires(engine, event("configmaps", "system:serviceaccount:argocd:server", "10.0.0.1"))).isFalse();
        assertThat(fires(engine, event("configmaps", "system:serviceaccount:shop:argocd", "10.0.0.1"))).isTrue();
    }

    @Test
    void exceptionOperatorGlob() throws IOException {
        RuleEngine engine = withException("- {field: objectRef.name, op: glob, values: ['cache-*-config']}");
        assertThat(fires(engine, event("configmaps", "dev", "10.0.0.1"))).isFalse(); // cache-web-config
        assertThat(fires(engine, event("configmaps", "dev", "10.0.0.1").replace("cache-web-config", "web-config")))
                .isTrue();
    }

    @Test
    void exceptionOperatorCidrNeedsEverySourceIpInside() throws IOException {
        RuleEngine engine = withException("- {field: sourceIPs, op: cidr, values: [10.0.0.0/8, 'fd00::/8']}");
        assertThat(fires(engine, event("configmaps", "dev", "10.1.2.3"))).isFalse();
        assertThat(fires(engine, event("configmaps", "dev", "fd00::1"))).isFalse();
        assertThat(fires(engine, event("configmaps", "dev", "192.168.1.1"))).isTrue();
        assertThat(fires(engine, event("configmaps", "dev", "10.1.2.3\",\"203.0.113.9"))).isTrue();
    }

    @Test
    void conditionsOfAnEntryAreAllRequiredAndAnyPicksOneElement() throws IOException {
        RuleEngine engine = withException("""
                - {field: user.groups, op: in, values: [ops], any: true}
                        - {field: user.username, op: glob, values: ['*@example.com']}""");
        assertThat(fires(engine, event("configmaps", "dev@example.com", "10.0.0.1"))).isFalse(); // groups [ops, …]
        assertThat(fires(engine, event("configmaps", "dev@example.org", "10.0.0.1"))).isTrue();
        assertThat(fires(engine, event("configmaps", "dev@example.com", "10.0.0.1").replace("\"ops\"", "\"dev\"")))
                .isTrue();
    }

    @Test
    void exceptionValuesCanNameAListThatConfigurationExtends() throws IOException {
        Path file = write("site.yaml", HEADER + """
                lists:
                  site_admins: [alice]
                rules:
                """ + RULE.formatted("[configmaps]", "      admins:\n        - {field: user.username, op: in, values: site_admins}"));
        assertThat(fires(RuleEngine.load(RulesProperties.defaults(), List.of(file)),
                event("configmaps", "alice", "10.0.0.1"))).isFalse();
        RuleEngine extended = RuleEngine.load(new RulesProperties(null, Map.of("site-admins", List.of("bob")), null,
                null, null), List.of(file));
        assertThat(fires(extended, event("configmaps", "bob", "10.0.0.1"))).isFalse();
        assertThat(fires(extended, event("configmaps", "carol", "10.0.0.1"))).isTrue();
    }

    @Test
    void badFieldConditionsAreReportedWithTheirPlace() throws IOException {
        Path file = write("site.yaml", HEADER + "rules:\n" + RULE.formatted("[configmaps]", String.join("\n",
                "      bad:",
                "        - {field: user.username, op: endsWith, values: [x]}",
                "        - {field: user.nosuch(, op: in, values: [x]}",
                "        - {field: user.username, op: in}")));
        assertThatThrownBy(() -> RuleEngine.load(RulesProperties.defaults(), List.of(file)))
                .isInstanceOfSatisfying(RuleLoadException.class, e -> {
                    assertThat(e.problems()).contains(new RuleProblem(file.toString(), "site-configmaps",
                            "exceptions.bad[0].op", "use one of [in, startsWith, glob, cidr], not endsWith"));
                    assertThat(e.problems()).anySatisfy(p -> assertThat(p.where())
                            .startsWith("exceptions.bad[1].field 1:"));
                    assertThat(e.problems()).contains(new RuleProblem(file.toString(), "site-configmaps",
                            "exceptions.bad[2].values", "missing: a list of values or the name of a list"));
                });
    }

    @Test
    void theOldFixedFieldsStillWorkAlongsideConditions() throws IOException {
        RuleEngine engine = withException("""
                {users: ['dev*'], fields: [{field: objectRef.namespace, op: in, values: [shop]}]}""");
        assertThat(fires(engine, event("configmaps", "dev", "10.0.0.1"))).isFalse();
        assertThat(fires(engine, event("configmaps", "ops", "10.0.0.1"))).isTrue();
    }

    @Test
    void aSharedExceptionSetFromCoreIsUsedByNameAndExtendedFromConfiguration() throws IOException {
        String list = secretsList("system:serviceaccount:kube-system:generic-garbage-collector");
        RuleEngine bundled = RuleEngine.load(RulesProperties.defaults());
        assertThat(bundled.evaluate(record(list))).isEmpty();
        String vault = secretsList("system:serviceaccount:vault:vault");
        assertThat(bundled.evaluate(record(vault))).extracting(d -> d.rule().id()).contains("secrets-cluster-list");

        RuleEngine extended = RuleEngine.load(new RulesProperties(null, null, Map.of("system-controllers",
                Map.of("vault", new RuleException(null, null, List.of("vault:vault"), null, null, null)),
                "cluster-components", Map.of("csi", new RuleException(null, null, null, null, null,
                        List.of(new FieldCondition("user.username", "startsWith",
                                ListRef.of(List.of("system:serviceaccount:csi:")), null))))), null, null));
        assertThat(extended.evaluate(record(vault))).isEmpty();
        assertThat(extended.evaluate(record(secretsList("system:serviceaccount:shop:web"))))
                .extracting(d -> d.rule().id()).contains("secrets-cluster-list");

        Path file = write("site.yaml", HEADER + "rules:\n" + RULE.formatted("[configmaps]", "      {}")
                .replace("    exceptions:\n      {}\n", "    exception_sets: [system_controllers]\n"));
        RuleEngine site = RuleEngine.load(RulesProperties.defaults(), List.of(file));
        assertThat(fires(site, event("configmaps", "system:kube-controller-manager", "10.0.0.1"))).isFalse();
        assertThat(fires(site, event("configmaps", "dev", "10.0.0.1"))).isTrue();

        assertThatThrownBy(() -> RuleEngine.load(new RulesProperties(null, null, Map.of("no-such-set",
                Map.of("x", new RuleException(List.of("x"), null, null, null, null, null))), null, null)))
                .hasMessageContaining("vigil.rules.exceptions.no-such-set")
                .hasMessageContaining("no such rule or exception set");
    }

    @Test
    void thePackVersionIsStatedOnceAndAFileThatDisagreesIsRejected() throws IOException {
        Path agrees = write("agrees.yaml", "required_engine_version: 1\nruleset: vigil-core\nrules:\n"
                + RULE.formatted("[configmaps]", "      {}").replace("    exceptions:\n      {}\n", ""));
        RuleEngine engine = RuleEngine.load(RulesProperties.defaults(), List.of(agrees));
        assertThat(engine.rule("site-configmaps").orElseThrow().version())
                .isEqualTo(engine.rule("privileged-pod").orElseThrow().version());

        Path disagrees = write("disagrees.yaml", "required_engine_version: 1\nruleset: vigil-core\nversion: 9.0.0\n");
        assertThatThrownBy(() -> RuleEngine.load(RulesProperties.defaults(), List.of(disagrees)))
                .isInstanceOfSatisfying(RuleLoadException.class, e -> assertThat(e.problems()).singleElement()
                        .satisfies(p -> {
                            assertThat(p.file()).isEqualTo(disagrees.toString());
                            assertThat(p.where()).isEqualTo("version");
                            assertThat(p.message()).startsWith("says 9.0.0, but rule pack vigil-core is version ")
                                    .contains("classpath:rules/core.yaml");
                        }));

        Path unversioned = write("new-pack.yaml", "required_engine_version: 1\nruleset: new-pack\n");
        assertThatThrownBy(() -> RuleEngine.load(RulesProperties.defaults(), List.of(unversioned)))
                .hasMessageContaining("the first file of rule pack new-pack states the pack's version");
    }

    private RuleEngine withException(String entry) throws IOException {
        Path file = write("site.yaml", HEADER + "rules:\n" + RULE.formatted("[configmaps]",
                "      allowed:\n        " + entry));
        return RuleEngine.load(RulesProperties.defaults(), List.of(file));
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private static boolean fires(RuleEngine engine, String event) {
        return engine.evaluate(record(event)).stream().anyMatch(d -> d.rule().id().startsWith("site-"));
    }

    private static String event(String resource, String user, String ip) {
        return """
                {"kind":"Event","stage":"ResponseComplete","verb":"create","user":{"username":"%s","groups":["ops",
                 "system:authenticated"]},"sourceIPs":["%s"],
                 "objectRef":{"resource":"%s","namespace":"shop","name":"cache-web-config","apiVersion":"v1"},
                 "responseStatus":{"code":201}}""".formatted(user, ip, resource);
    }

    private static String pod(String namespace) {
        return """
                {"kind":"Event","stage":"ResponseComplete","verb":"create","user":{"username":"dev"},
                 "objectRef":{"resource":"pods","namespace":"%s","name":"web","apiVersion":"v1"},
                 "responseStatus":{"code":201},"annotations":{"authorization.k8s.io/decision":"allow"},
                 "requestObject":{"kind":"Pod","metadata":{"namespace":"%s"},"spec":{"containers":[{"name":"c",
                 "image":"registry.example.com/web:1.0"}]}}}""".formatted(namespace, namespace);
    }

    private static String secretsList(String user) {
        return """
                {"kind":"Event","stage":"ResponseComplete","verb":"list","requestURI":"/api/v1/secrets",
                 "user":{"username":"%s","groups":["system:serviceaccounts","system:authenticated"]},
                 "objectRef":{"resource":"secrets","apiVersion":"v1"},
                 "responseStatus":{"code":200},"annotations":{"authorization.k8s.io/decision":"allow"}}"""
                .formatted(user);
    }
}

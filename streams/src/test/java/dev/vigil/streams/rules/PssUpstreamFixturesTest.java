package dev.vigil.streams.rules;

import dev.vigil.model.json.VigilJson;
import dev.vigil.streams.rules.file.RuleFileReader;
import dev.vigil.streams.rules.pss.PodSecurityStandards;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Upstream's own Pod Security Standards fixtures ({@code pss-fixtures/}, copied unmodified from
 * {@code k8s.io/pod-security-admission}, see its SOURCES.md) through the two bundled PSS rules, each pod wrapped in
 * the audit event of a {@code kubectl create} at RequestResponse level. The file name names the check the pod was
 * made to pass or fail ({@code hostpathvolumes1.yaml} → {@code hostPathVolumes}).
 * <ul>
 * <li>baseline/…/fail: privileged-pod fires and names the check;</li>
 * <li>baseline/…/pass: privileged-pod does not fire;</li>
 * <li>restricted/…/fail: pod-security-restricted fires, or privileged-pod when the pod also fails baseline, and
 * one of them names the check;</li>
 * <li>restricted/…/pass: neither fires.</li>
 * </ul>
 */
class PssUpstreamFixturesTest {

    /** The policy version the vendored fixtures are for; the checks must follow the same one. */
    private static final String FIXTURE_VERSION = "v1.37";
    private static final String BASELINE_RULE = "privileged-pod";
    private static final String RESTRICTED_RULE = "pod-security-restricted";

    private static final RuleEngine ENGINE = RuleEngine.load(RulesProperties.defaults());

    /**
     * Upstream's {@code OverrideCheckIDs}: at the restricted level these checks replace the baseline check named
     * here. A pod failing both (a hostPath volume, an Unconfined seccomp profile) fails baseline, so Vigil reports
     * it through privileged-pod under the baseline check's name.
     */
    /**
     * Fixtures that upstream's generator made to fail more than their named check (it only asserts the named one's
     * message); upstream's checks fail these too, for the reason given. Every other fixture fails exactly one check.
     */
    private static final Map<String, Set<String>> ALSO_FAILS = Map.of(
            // a hostProcess pod must share the host network (API validation), so the fixture sets hostNetwork
            "baseline/v1.37/fail/windowshostprocess0.yaml", Set.of("hostNamespaces"),
            "baseline/v1.37/fail/windowshostprocess1.yaml", Set.of("hostNamespaces"),
            "restricted/v1.37/fail/windowshostprocess0.yaml", Set.of("hostNamespaces"),
            "restricted/v1.37/fail/windowshostprocess1.yaml", Set.of("hostNamespaces"),
            // container1 has no securityContext at all, so it also misses capabilities.drop=["ALL"]
            "restricted/v1.37/fail/allowprivilegeescalation3.yaml", Set.of("capabilities_restricted"));

    private static final Map<String, String> OVERRIDES = Map.of("restrictedVolumes", "hostPathVolumes",
            "seccompProfile_restricted", "seccompProfile_baseline", "capabilities_restricted", "capabilities_baseline",
            "procMount_restricted", "procMount");

    @TestFactory
    Stream<DynamicTest> everyUpstreamFixtureGetsUpstreamsVerdict() {
        return fixtures().stream().map(f -> DynamicTest.dynamicTest(f.toString(), () -> assertVerdict(f)));
    }

    @Test
    void allVendoredFixturesAreFoundAndTheChecksFollowTheirVersion() {
        Map<String, Integer> counts = new TreeMap<>();
        for (Fixture fixture : fixtures()) {
            counts.merge(fixture.level() + "/" + fixture.verdict(), 1, Integer::sum);
        }
        assertThat(counts).isEqualTo(Map.of("baseline/fail", 34, "baseline/pass", 15, "restricted/fail", 76,
                "restricted/pass", 23));
        assertThat(fixtures()).extracting(Fixture::version).containsOnly(FIXTURE_VERSION);
        assertThat(PodSecurityStandards.POLICY_VERSION).isEqualTo(FIXTURE_VERSION);
    }

    @Test
    void bothRuleFilesAndTheFixtureSourcesRecordTheUpstreamVersionTheChecksFollow() throws IOException {
        String version = "policy version " + PodSecurityStandards.POLICY_VERSION;
        String release = "tag " + PodSecurityStandards.UPSTREAM_RELEASE;
        for (String file : List.of("privileged-pod.yaml", "pod-security-restricted.yaml")) {
            String text = Files.readString(Path.of("src/main/resources/rules", file), StandardCharsets.UTF_8);
            assertThat(text).as(file).contains(version, release,
                    "pod-security-admission " + PodSecurityStandards.POLICY_VERSION);
        }
        assertThat(Files.readString(root().resolve("SOURCES.md"), StandardCharsets.UTF_8))
                .contains("`" + PodSecurityStandards.UPSTREAM_RELEASE + "`");
    }

    @Test
    void everyUpstreamCheckHasFixturesAndEveryFixtureNamesAVigilCheck() {
        Set<String> named = new TreeSet<>();
        for (Fixture fixture : fixtures()) {
            if (fixture.check() != null) {
                named.add(fixture.check());
            }
        }
        List<String> vigil = new ArrayList<>(PodSecurityStandards.checkNames(false));
        vigil.addAll(PodSecurityStandards.checkNames(true));
        // upstream has a fixture for every check of the latest version: the same set of names both ways
        assertThat(named).containsExactlyInAnyOrderElementsOf(vigil);
    }

    private static void assertVerdict(Fixture fixture) throws IOException {
        long errorsBefore = errors();
        Map<String, JsonNode> fired = new TreeMap<>();
        for (Detection detection : ENGINE.evaluate(RuleTestRunner.record(event(fixture)).value())) {
            String id = detection.rule().id();
            if (id.equals(BASELINE_RULE) || id.equals(RESTRICTED_RULE)) {
                fired.put(id, detection.details().path("failed_checks"));
            }
        }
        assertThat(errors()).as(fixture + ": rule evaluation errors").isEqualTo(errorsBefore);
        String expected = fixture.check();
        switch (fixture.level() + "/" + fixture.verdict()) {
            case "baseline/fail" -> {
                assertThat(fired).as(fixture + " fires " + BASELINE_RULE).containsKey(BASELINE_RULE);
                assertThat(names(fired.get(BASELINE_RULE))).as(fixture + ": failed baseline checks")
                        .isEqualTo(expectedFailures(fixture, expected));
            }
            case "baseline/pass" -> assertThat(fired).as(fixture + " passes baseline").doesNotContainKey(BASELINE_RULE);
            case "restricted/fail" -> {
                assertThat(fired).as(fixture + " fires a PSS rule").isNotEmpty();
                Set<String> failed = new TreeSet<>();
                fired.values().forEach(checks -> failed.addAll(names(checks)));
                String reported = fired.containsKey(BASELINE_RULE) ? OVERRIDES.getOrDefault(expected, expected)
                        : expected;
                assertThat(failed).as(fixture + ": failed checks of " + fired.keySet())
                        .isEqualTo(expectedFailures(fixture, reported));
            }
            case "restricted/pass" -> assertThat(fired).as(fixture + " passes restricted").isEmpty();
            default -> throw new AssertionError("unexpected fixture folder " + fixture);
        }
    }

    private static Set<String> expectedFailures(Fixture fixture, String check) {
        Set<String> expected = new TreeSet<>(ALSO_FAILS.getOrDefault(fixture.toString(), Set.of()));
        expected.add(check);
        return expected;
    }

    /** The audit event of {@code kubectl create -f <fixture>} into a namespace that does not enforce PSS. */
    static JsonNode event(Fixture fixture) throws IOException {
        JsonNode pod = RuleFileReader.tree(Files.readString(fixture.file(), StandardCharsets.UTF_8));
        String name = pod.path("metadata").path("name").asString();
        String namespace = "pss-fixtures";
        String uid = UUID.nameUUIDFromBytes(fixture.toString().getBytes(StandardCharsets.UTF_8)).toString();
        ObjectNode admitted = (ObjectNode) pod.deepCopy();
        ObjectNode metadata = (ObjectNode) admitted.path("metadata");
        metadata.put("namespace", namespace).put("uid", uid).put("resourceVersion", "48213")
                .put("creationTimestamp", "2026-07-01T09:30:00Z");
        ObjectNode event = VigilJson.mapper().createObjectNode();
        event.put("kind", "Event").put("apiVersion", "audit.k8s.io/v1").put("level", "RequestResponse")
                .put("auditID", UUID.nameUUIDFromBytes(("audit " + fixture).getBytes(StandardCharsets.UTF_8)).toString())
                .put("stage", "ResponseComplete")
                .put("requestURI", "/api/v1/namespaces/" + namespace + "/pods?fieldManager=kubectl-create"
                        + "&fieldValidation=Strict")
                .put("verb", "create");
        ObjectNode user = event.putObject("user").put("username", "dev@example.com");
        user.putArray("groups").add("developers").add("system:authenticated");
        event.putArray("sourceIPs").add("192.0.2.10");
        event.put("userAgent", "kubectl/v1.37.0 (linux/amd64) kubernetes/1a2b3c4");
        event.putObject("objectRef").put("resource", "pods").put("namespace", namespace).put("name", name)
                .put("apiVersion", "v1");
        event.putObject("responseStatus").put("code", 201).putObject("metadata");
        event.set("requestObject", pod);
        event.set("responseObject", admitted);
        event.put("requestReceivedTimestamp", "2026-07-01T09:30:00.101234Z")
                .put("stageTimestamp", "2026-07-01T09:30:00.118765Z");
        event.putObject("annotations").put("authorization.k8s.io/decision", "allow")
                .put("authorization.k8s.io/reason", "RBAC: allowed by RoleBinding \"dev/pss-fixtures\" of ClusterRole "
                        + "\"edit\" to Group \"developers\"")
                .put("pod-security.kubernetes.io/enforce-policy", "privileged:latest");
        return event;
    }

    private static Set<String> names(JsonNode failedChecks) {
        Set<String> names = new TreeSet<>();
        if (failedChecks != null) {
            failedChecks.propertyNames().forEach(names::add);
        }
        return names;
    }

    private static long errors() {
        return ENGINE.evaluationErrors().entrySet().stream()
                .filter(e -> e.getKey().equals(BASELINE_RULE) || e.getKey().equals(RESTRICTED_RULE))
                .mapToLong(Map.Entry::getValue).sum();
    }

    private static Path root() {
        try {
            return Path.of(PssUpstreamFixturesTest.class.getResource("/pss-fixtures").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Fixture> fixtures() {
        Path root = root();
        Map<String, String> checkIds = new TreeMap<>();
        PodSecurityStandards.checkNames(false).forEach(id -> checkIds.put(id.toLowerCase(Locale.ROOT), id));
        PodSecurityStandards.checkNames(true).forEach(id -> checkIds.put(id.toLowerCase(Locale.ROOT), id));
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted()
                    .map(p -> Fixture.of(root.relativize(p), p, checkIds)).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * One upstream fixture: {@code <level>/<version>/<verdict>/<check><n>.yaml}.
     *
     * @param check the Vigil (= upstream) check id the file name stands for; null for the minimal valid pods
     *              ({@code base*.yaml}) and for a name Vigil does not know
     */
    record Fixture(String level, String version, String verdict, String check, Path file, String name) {

        static Fixture of(Path relative, Path file, Map<String, String> checkIds) {
            String stem = relative.getFileName().toString().replaceFirst("\\d*\\.yaml$", "");
            String check = stem.startsWith("base") ? null : checkIds.getOrDefault(stem, stem + " (unknown to Vigil)");
            return new Fixture(relative.getName(0).toString(), relative.getName(1).toString(),
                    relative.getName(2).toString(), check, file, relative.toString());
        }

        @Override
        public String toString() {
            return name;
        }
    }
}

package dev.vigil.streams.topology;

import dev.vigil.model.alert.Alert;
import dev.vigil.model.alert.VigilAlertInfo;
import dev.vigil.model.audit.AuditRecordCodec;
import dev.vigil.model.dlq.DeadLetter;
import dev.vigil.model.evidence.Evidence;
import dev.vigil.model.json.Decoded;
import dev.vigil.model.testdata.AuditTestData;
import dev.vigil.streams.rules.RuleEngine;
import dev.vigil.streams.rules.RulesProperties;
import dev.vigil.streams.testing.TestAuditEvents;
import dev.vigil.streams.testing.TopologyHarness;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * All third-party audit data through the whole topology with the real bundled rules: the alerts written down here
 * are what Vigil must say about those recordings.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ThirdPartyDataTopologyTest {

    private static final String PRIVILEGED = "privileged-pod";
    private static final String RESTRICTED = "pod-security-restricted";
    private static final String DEFAULT_SA = "pod-default-service-account";
    private static final String ANONYMOUS = "anonymous-admin-action";
    private static final String ESCALATION_ROLE = "rbac-escalation-role";

    /**
     * Falco's traces (one event each) and the rules that raise or update an alert for it; every other trace: none.
     * {@code create_nginx_pod_privileged_2nd_container.json} has the auditID and stage of
     * {@code create_nginx_pod_no_secctx_1st_container_privileged_2nd_container.json} (falco edited one recording),
     * so Vigil takes it for a re-delivery of that event: no update, the existing alerts already list it.
     */
    private static final Map<String, Set<String>> FALCO_EXPECTED = Map.ofEntries(
            Map.entry("anonymous_creates_namespace_foo.json", Set.of(ANONYMOUS)),
            Map.entry("attach_cluster_admin_role.json", Set.of("rbac-privileged-binding")),
            Map.entry("create_cluster_role_wildcard_verbs.json", Set.of(ESCALATION_ROLE)),
            Map.entry("create_cluster_role_wildcard_resources.json", Set.of(ESCALATION_ROLE)),
            Map.entry("create_cluster_role_pod_exec.json", Set.of(ESCALATION_ROLE)),
            Map.entry("exec_pod.json", Set.of("pod-exec")),
            Map.entry("attach_pod.json", Set.of("pod-exec")),
            Map.entry("create_deployment.json", Set.of(DEFAULT_SA, RESTRICTED, "pod-in-default-namespace",
                    "pod-missing-probes")),
            Map.entry("create_nginx_pod_privileged.json", Set.of(PRIVILEGED, DEFAULT_SA)),
            Map.entry("create_nginx_pod_no_secctx_1st_container_privileged_2nd_container.json",
                    Set.of(PRIVILEGED, DEFAULT_SA)),
            Map.entry("create_nginx_pod_hostnetwork.json", Set.of(PRIVILEGED, DEFAULT_SA)),
            Map.entry("create_nginx_pod_sensitive_mount.json", Set.of(PRIVILEGED, DEFAULT_SA)),
            Map.entry("create_nginx_pod_sensitive_mount_2nd_container.json", Set.of(PRIVILEGED, DEFAULT_SA)),
            Map.entry("create_nginx_pod_unprivileged.json", Set.of(RESTRICTED, DEFAULT_SA)),
            Map.entry("create_nginx_pod_nohostnetwork.json", Set.of(RESTRICTED, DEFAULT_SA)),
            Map.entry("create_pod_kube_public_namespace.json",
                    Set.of(RESTRICTED, DEFAULT_SA, "workload-in-system-namespace")),
            Map.entry("create_nginx_service_nodeport.json", Set.of("service-exposed")));

    /**
     * Lines of panther/test-logs.jsonl whose Panther rule means what {@code privileged-pod} means (host namespaces,
     * hostPath, privileged, dangerous capabilities) and is labelled to fire.
     */
    private static final List<Integer> PANTHER_PRIVILEGED = List.of(93, 94, 98, 99, 103, 104, 108, 109, 112, 113, 117, 118);

    private final List<AuditTestData.Line> lines = AuditTestData.thirdPartyEvents();
    private TopologyHarness harness;
    private List<KeyValue<String, Evidence>> evidence;
    private List<DeadLetter> deadLetters;
    private List<KeyValue<String, Alert>> alertUpdates;
    /** The alert updates each line caused, in input order. */
    private Map<AuditTestData.Line, List<Alert>> emittedFor;
    /** The last version of every alert, by id. */
    private Map<String, Alert> alerts;

    @BeforeAll
    void replayEverything(@TempDir Path stateDir) {
        RuleEngine engine = RuleEngine.load(RulesProperties.defaults());
        harness = TopologyHarness.of(builder -> VigilTopology.build(builder, TopologyHarness.TOPICS, engine,
                TopologySettings.defaults()), Instant.parse("2026-03-02T12:00:00Z"), stateDir);
        TestOutputTopic<String, Alert> alertTopic = harness.alerts();
        emittedFor = new LinkedHashMap<>();
        alertUpdates = new ArrayList<>();
        for (AuditTestData.Line line : lines) {
            harness.auditEvent(line.text(), "test");
            List<KeyValue<String, Alert>> updates = alertTopic.readKeyValuesToList();
            alertUpdates.addAll(updates);
            emittedFor.put(line, updates.stream().map(update -> update.value).toList());
        }
        evidence = harness.evidence().readKeyValuesToList();
        deadLetters = harness.dlq().readValuesToList();
        alerts = new LinkedHashMap<>();
        alertUpdates.forEach(update -> alerts.put(update.key, update.value));
    }

    @AfterAll
    void close() {
        harness.close();
    }

    private String auditId(AuditTestData.Line line) {
        return AuditRecordCodec.decode(TestAuditEvents.encode(line.text(), "test")).value().event().auditID();
    }

    /** The rules whose alerts list the event of {@code line} as evidence. */
    private Set<String> rulesFor(AuditTestData.Line line) {
        String auditId = auditId(line);
        return alerts.values().stream()
                .filter(alert -> alert.vigil().evidence().auditIds().contains(auditId))
                .map(alert -> alert.rule().id())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void everyDecodableEventAppearsOnceAsEvidenceAndTheMalformedOneAsADeadLetter() {
        List<String> expectedIds = lines.stream()
                .map(line -> AuditRecordCodec.decode(TestAuditEvents.encode(line.text(), "test")))
                .filter(Decoded::isOk)
                .map(decoded -> decoded.value().event().documentId(decoded.value().cluster()))
                .toList();

        assertThat(expectedIds).hasSize(lines.size() - 1);
        assertThat(evidence).extracting(record -> record.value.documentId()).containsExactlyElementsOf(expectedIds);
        assertThat(evidence).allSatisfy(record ->
                assertThat(record.key).isEqualTo(record.value.kubernetes().audit().auditID()));
        assertThat(deadLetters).singleElement().satisfies(letter -> {
            assertThat(letter.payload()).startsWith("{\"kind\":0,");
            assertThat(letter.reason()).contains("kind");
            assertThat(letter.cluster()).isEqualTo("test");
        });
    }

    @Test
    void falcoTracesFireExactlyTheExpectedRules() {
        for (AuditTestData.Line line : lines) {
            if (line.file().endsWith(".json") && !line.file().equals("fal_01_003.json")) {
                assertThat(emittedFor.get(line)).as(line.file()).extracting(alert -> alert.rule().id())
                        .containsExactlyInAnyOrderElementsOf(FALCO_EXPECTED.getOrDefault(line.file(), Set.of()));
            }
        }
        Alert anonymous = alerts.values().stream().filter(alert -> alert.rule().id().equals(ANONYMOUS)).findFirst()
                .orElseThrow();
        assertThat(anonymous.message()).isEqualTo("Anonymous user created namespaces/foo (allowed)");
        assertThat(anonymous.vigil().severity().word()).isEqualTo("critical");
        assertThat(anonymous.rule().reference()).isEqualTo("BSI APP.4.4.A3");
        assertThat(anonymous.timestamp()).isEqualTo(Instant.parse("2018-10-25T13:58:49.736141Z"));
    }

    @Test
    void aReDeliveredRecordingIsListedByTheAlertsOfItsTwin() {
        AuditTestData.Line twin = lines.stream()
                .filter(line -> line.file().equals("create_nginx_pod_privileged_2nd_container.json"))
                .findFirst().orElseThrow();

        assertThat(emittedFor.get(twin)).isEmpty();
        assertThat(rulesFor(twin)).containsExactlyInAnyOrder(PRIVILEGED, DEFAULT_SA);
    }

    @Test
    void pantherPodFixturesFirePrivilegedPodWherePantherFires() {
        List<AuditTestData.Line> panther = lines.stream().filter(line -> line.file().equals("test-logs.jsonl")).toList();
        for (int number : PANTHER_PRIVILEGED) {
            AuditTestData.Line line = panther.get(number - 1);
            assertThat(line.number()).isEqualTo(number);
            assertThat(rulesFor(line)).as(line.source()).contains(PRIVILEGED);
        }
    }

    /**
     * system:admin acts as bob, a service account and alice (no impersonators listed): every request of the
     * sessions counts towards one impersonation alert per impersonated user and dedup window.
     */
    @Test
    void impersonatedRequestsOfAudit2rbacRaiseImpersonationAlerts() {
        lines.stream().filter(line -> line.file().equals("demo.log"))
                .forEach(line -> assertThat(emittedFor.get(line)).as(line.source()).extracting(alert -> alert.rule().id())
                        .containsExactly("impersonation"));
        List<Alert> impersonations = alerts.values().stream()
                .filter(alert -> alert.rule().id().equals("impersonation")).toList();
        assertThat(impersonations).extracting(alert -> alert.user().target().name())
                .containsExactly("bob", "system:serviceaccount:ns1:sa1", "bob", "alice");
        assertThat(impersonations).extracting(alert -> alert.vigil().count()).containsExactly(4L, 5L, 25L, 3L);
        assertThat(impersonations.get(0).message())
                .isEqualTo("system:admin acting as bob (system:authenticated) tried to list pods in default (response 403)");
    }

    @Test
    void alertsAreContractShapedAndEachEventCountsOnce() {
        assertThat(alerts).isNotEmpty();
        for (Alert alert : alerts.values()) {
            assertThat(alert.id()).matches("[0-9a-f]{32}");
            assertThat(alert.event().kind()).isEqualTo("alert");
            assertThat(alert.event().dataset()).isEqualTo("vigil.alert");
            assertThat(alert.event().severity()).isEqualTo(alert.vigil().severity().score());
            assertThat(alert.rule().reference()).startsWith("BSI APP.4.4.");
            assertThat(alert.vigil().bsi()).isNotEmpty();
            assertThat(alert.orchestrator().cluster().name()).isEqualTo("test");
            assertThat(alert.vigil().evidence().auditIds())
                    .hasSize((int) Math.min(alert.vigil().count(), VigilAlertInfo.MAX_AUDIT_IDS));
            assertThat(alert.vigil().firstSeen()).isBeforeOrEqualTo(alert.vigil().lastSeen());
            assertThat(alert.message()).isNotBlank();
        }
        Map<String, Long> updatesPerAlert = alertUpdates.stream()
                .collect(Collectors.groupingBy(update -> update.key, Collectors.counting()));
        updatesPerAlert.forEach((id, updates) -> assertThat(updates).isEqualTo(alerts.get(id).vigil().count()));
    }
}

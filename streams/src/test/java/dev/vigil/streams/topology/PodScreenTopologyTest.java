package dev.vigil.streams.topology;

import dev.vigil.model.audit.RequestSummary;
import dev.vigil.model.audit.RequestSummaryReader;
import dev.vigil.streams.alerts.DedupSettings;
import dev.vigil.streams.pods.PodSettings;
import dev.vigil.streams.redact.Redactor;
import dev.vigil.streams.rules.RuleEngine;
import dev.vigil.streams.rules.RulesProperties;
import dev.vigil.streams.testing.TopologyHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The detection screen rules out pod rules on events whose objects the byte reader saw hold no pod
 * ({@link RequestSummary#mayHoldPod()}), and only those: a privileged pod written in every way an attacker could try
 * to make it look pod-free to a cheap reader (escaped names, duplicate members, a JSON Patch, the pod only in the
 * response) is kept, decoded and alerted on by the detection application exactly as by the fully decoding topology.
 */
class PodScreenTopologyTest {

    private static final Instant WALL_CLOCK = Instant.parse("2026-03-02T12:00:00Z");
    private static final TopologySettings SETTINGS = new TopologySettings(Redactor.withDefaults(),
            DedupSettings.defaults(), PodSettings.defaults(), Clock.fixed(WALL_CLOCK, ZoneOffset.UTC));
    private static final RuleEngine ENGINE = RuleEngine.load(RulesProperties.defaults());

    private static final String CONTAINERS = "[{\"name\":\"c\",\"image\":\"busybox:1.36\","
            + "\"securityContext\":{\"privileged\":true}}]";
    private static final String LEASE_LIKE = "{\"kind\":\"Lease\",\"metadata\":{\"name\":\"x\"},"
            + "\"spec\":{\"holderIdentity\":\"x\",\"leaseDurationSeconds\":40}}";

    /** A privileged pod of each hostile spelling, by name (the pod's name and namespace, so that none dedups). */
    private static Map<String, String> hostilePods() {
        Map<String, String> pods = new LinkedHashMap<>();
        pods.put("plain", pod("create", "\"requestObject\":" + pod("\"spec\":{\"containers\":" + CONTAINERS + "}")));
        pods.put("escaped-spec", pod("create", "\"requestObject\":"
                + pod("\"\\u0073pec\":{\"containers\":" + CONTAINERS + "}")));
        pods.put("escaped-containers", pod("create", "\"requestObject\":"
                + pod("\"spec\":{\"\\u0063ontainers\":" + CONTAINERS + "}")));
        pods.put("decoy-spec-first", pod("create", "\"requestObject\":"
                + pod("\"spec\":{\"holderIdentity\":\"x\"},\"spec\":{\"containers\":" + CONTAINERS + "}")));
        pods.put("decoy-object-first", pod("create", "\"requestObject\":" + LEASE_LIKE + ",\"requestObject\":"
                + pod("\"spec\":{\"containers\":" + CONTAINERS + "}")));
        pods.put("pod-in-response-only", pod("update", "\"requestObject\":" + LEASE_LIKE + ",\"responseObject\":"
                + pod("\"spec\":{\"containers\":" + CONTAINERS + "}")));
        pods.put("json-patch", pod("patch", "\"requestObject\":[{\"op\":\"add\",\"path\":\"/spec/containers/0\","
                + "\"value\":{\"name\":\"c\",\"image\":\"busybox:1.36\",\"securityContext\":{\"privileged\":true}}}]"));
        pods.put("spaced", pod("create", "\"requestObject\" : " + pod(" \"spec\"\n:\t{ \"containers\" : "
                + CONTAINERS + " } ")));
        return pods;
    }

    private static String pod(String spec) {
        return "{\"kind\":\"Pod\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"NAME\"}," + spec + "}";
    }

    private static String pod(String verb, String objects) {
        return ("{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"level\":\"RequestResponse\","
                + "\"auditID\":\"id-NAME\",\"stage\":\"ResponseComplete\","
                + "\"requestURI\":\"/api/v1/namespaces/NAME/pods\",\"verb\":\"" + verb + "\","
                + "\"user\":{\"username\":\"dev@example.com\",\"groups\":[\"system:authenticated\"]},"
                + "\"sourceIPs\":[\"192.0.2.10\"],\"userAgent\":\"kubectl/v1.30.2 (linux/amd64) kubernetes/3968350\","
                + "\"objectRef\":{\"resource\":\"pods\",\"namespace\":\"NAME\",\"name\":\"NAME\",\"apiVersion\":\"v1\"},"
                + "\"responseStatus\":{\"code\":" + (verb.equals("create") ? 201 : 200) + "}," + objects + ","
                + "\"requestReceivedTimestamp\":\"2026-03-02T11:00:00.000000Z\","
                + "\"stageTimestamp\":\"2026-03-02T11:00:00.010000Z\","
                + "\"annotations\":{\"authorization.k8s.io/decision\":\"allow\"},"
                + "\"cluster\":\"test\",\"receivedAt\":\"2026-03-02T11:00:02Z\"}");
    }

    private static byte[] named(String event, String name) {
        return event.replace("NAME", name).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aPodWrittenAnyWayIsKeptAndAlertedOnAsByTheFullDecode(@TempDir Path state) {
        try (TopologyHarness full = TopologyHarness.of(builder -> VigilTopology.build(builder, TopologyHarness.TOPICS,
                ENGINE, SETTINGS), WALL_CLOCK, state.resolve("full"));
             TopologyHarness detection = TopologyHarness.of(builder -> VigilTopology.detection(builder,
                     TopologyHarness.TOPICS, ENGINE, SETTINGS), WALL_CLOCK, state.resolve("detection"))) {
            Map<String, String> pods = hostilePods();
            pods.forEach((name, event) -> {
                RequestSummary summary = RequestSummaryReader.read(named(event, name));
                assertThat(summary == null || summary.mayHoldPod()).as(name).isTrue();
                full.audit("key", named(event, name));
                detection.audit("key", named(event, name));
            });
            List<String> expected = alerts(full);
            pods.keySet().forEach(name -> assertThat(expected).as(name).anySatisfy(alert -> assertThat(alert)
                    .contains("privileged-pod").contains("Pod/" + name)));
            assertThat(alerts(detection)).containsExactlyElementsOf(expected);
            assertThat(screenedOut(detection)).isZero();
        }
    }

    @Test
    void aChangeOfAPodThatCarriesNoPodSpecIsScreenedOut(@TempDir Path state) {
        // a person labels a pod: the pod rules match the request, but a label patch holds no pod spec
        byte[] labelPatch = named(pod("patch", "\"requestObject\":{\"metadata\":{\"labels\":{\"team\":\"a\"}}}"),
                "labelled");
        RequestSummary summary = RequestSummaryReader.read(labelPatch);
        assertThat(summary).isNotNull();
        assertThat(summary.mayHoldPod()).isFalse();
        assertThat(ENGINE.screenKeptBy(summary)).isEmpty();
        assertThat(ENGINE.screenKeptBy(summary.withMayHoldPod(true))).as("unsure of the objects")
                .contains("privileged-pod", "secret-in-env");
        try (TopologyHarness detection = TopologyHarness.of(builder -> VigilTopology.detection(builder,
                TopologyHarness.TOPICS, ENGINE, SETTINGS), WALL_CLOCK, state)) {
            detection.audit("key", labelPatch);
            detection.audit("key", named(hostilePods().get("escaped-containers"), "escaped"));
            assertThat(screenedOut(detection)).isEqualTo(1.0);
            assertThat(alerts(detection)).isNotEmpty().allSatisfy(alert -> assertThat(alert).contains("Pod/escaped"))
                    .anySatisfy(alert -> assertThat(alert).contains("privileged-pod"));
        }
    }

    private static List<String> alerts(TopologyHarness harness) {
        return harness.raw(TopologyHarness.TOPICS.alerts().name()).readValuesToList().stream()
                .map(bytes -> new String(bytes, StandardCharsets.UTF_8)).toList();
    }

    private static double screenedOut(TopologyHarness harness) {
        return harness.driver().metrics().entrySet().stream()
                .filter(metric -> metric.getKey().name().equals("screened-out-total"))
                .mapToDouble(metric -> ((Number) metric.getValue().metricValue()).doubleValue()).sum();
    }
}

package dev.vigil.streams.evidence;

import dev.vigil.model.evidence.Evidence;
import dev.vigil.model.json.VigilJson;
import dev.vigil.streams.testing.TopologyHarness;
import dev.vigil.streams.topology.TopologySettings;
import dev.vigil.streams.topology.VigilTopology;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The evidence application as the {@code streams} role runs it ({@link VigilTopology#evidence}): an object the
 * redactor leaves unchanged reaches {@code vigil.evidence} as the bytes it arrived in (its escapes and spacing as
 * sent, as the API server's Go encoder writes {@code <} and {@code &}), and one with a secret is redacted in the same
 * run — the check sits in front of the redactor, not instead of it. The application counts each way
 * ({@link EvidenceNormaliser}).
 */
class EvidenceTopologyTest {

    private static final Instant WALL_CLOCK = Instant.parse("2026-03-02T12:00:00Z");
    /** A pod create as the API server logs it: Go escapes {@code <}, {@code >} and {@code &} in strings. */
    private static final String CLEAN_POD = "{\"kind\":\"Pod\",\"apiVersion\":\"v1\",\"metadata\":{\"generateName\":"
            + "\"web-7d4b9c-\",\"namespace\":\"shop\",\"annotations\":{\"note\":\"a \\u003c b \\u0026 c\"}},"
            + "\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"ghcr.io/acme/web:1.4\","
            + "\"env\":[{\"name\":\"LOG_LEVEL\",\"value\":\"debug\"}]}]}}";
    private static final String CREATED_POD = CLEAN_POD.replace("\"generateName\":\"web-7d4b9c-\",",
            "\"name\":\"web-7d4b9c-x2kqp\",\"generateName\":\"web-7d4b9c-\",\"uid\":\"0b5c6a2e-1f0e-4f7e-9a55-2a1d1c1e0f01\",");
    private static final String SECRET_POD = CLEAN_POD.replace("\"LOG_LEVEL\",\"value\":\"debug\"",
            "\"DB_PASSWORD\",\"value\":\"hunter2hunter2\"");

    @TempDir
    Path stateDir;

    private TopologyHarness harness;

    @BeforeEach
    void start() {
        harness = TopologyHarness.of(builder -> VigilTopology.evidence(builder, TopologyHarness.TOPICS,
                TopologySettings.defaults()), WALL_CLOCK, stateDir);
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    private static byte[] podCreate(String auditID, String request, String response) {
        return ("{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"level\":\"RequestResponse\",\"auditID\":\""
                + auditID + "\",\"stage\":\"ResponseComplete\",\"requestURI\":\"/api/v1/namespaces/shop/pods\","
                + "\"verb\":\"create\",\"user\":{\"username\":\"system:serviceaccount:kube-system:replicaset-controller\","
                + "\"groups\":[\"system:serviceaccounts\",\"system:serviceaccounts:kube-system\",\"system:authenticated\"]},"
                + "\"sourceIPs\":[\"10.0.0.12\"],\"userAgent\":\"kube-controller-manager/v1.30.2 (linux/amd64) "
                + "kubernetes/3968350/system:serviceaccount:kube-system:replicaset-controller\",\"objectRef\":{\"resource\":"
                + "\"pods\",\"namespace\":\"shop\",\"apiVersion\":\"v1\"},\"responseStatus\":{\"metadata\":{},\"code\":201},"
                + "\"requestObject\":" + request + ",\"responseObject\":" + response + ","
                + "\"requestReceivedTimestamp\":\"2026-03-02T11:59:58.100000Z\",\"stageTimestamp\":\"2026-03-02T11:59:58.130000Z\","
                + "\"annotations\":{\"authorization.k8s.io/decision\":\"allow\"},"
                + "\"cluster\":\"prod-1\",\"receivedAt\":\"2026-03-02T11:59:59Z\"}").getBytes(StandardCharsets.UTF_8);
    }

    private List<String> evidenceTexts() {
        return harness.raw(TopologyHarness.TOPICS.evidence().name()).readValuesToList().stream()
                .map(bytes -> new String(bytes, StandardCharsets.UTF_8)).toList();
    }

    @Test
    void aCleanObjectGoesToTheEvidenceAsTheBytesItArrivedIn() {
        harness.audit("k", podCreate("clean-1", CLEAN_POD, CREATED_POD));

        List<String> documents = evidenceTexts();

        assertThat(documents).hasSize(1);
        assertThat(documents.get(0)).contains("\"requestObject\":" + CLEAN_POD, "\"responseObject\":" + CREATED_POD)
                // the name of the created pod, read from the response's bytes
                .contains("\"message\":\"system:serviceaccount:kube-system:replicaset-controller created "
                        + "pods/web-7d4b9c-x2kqp in shop (201)\"");
        JsonNode document = VigilJson.mapper().readTree(documents.get(0));
        assertThat(document.path("orchestrator").path("resource").path("name").stringValue()).isEqualTo("web-7d4b9c-x2kqp");
        assertThat(document.path("kubernetes").path("audit").path("requestObject").path("metadata").path("annotations")
                .path("note").stringValue()).isEqualTo("a < b & c");
        assertThat(document.path("vigil").path("redacted").isEmpty()).isTrue();
        assertThat(metric(EvidenceNormaliser.AS_BYTES)).isEqualTo(1.0);
        assertThat(metric(EvidenceNormaliser.AS_TREES)).isEqualTo(0.0);
    }

    @Test
    void anObjectWithASecretIsRedactedBesideACleanOne() {
        harness.audit("k", podCreate("secret-1", SECRET_POD, CREATED_POD));

        List<Evidence> evidence = harness.evidence().readValuesToList();

        assertThat(evidence).hasSize(1);
        assertThat(evidence.get(0).vigil().redacted()).containsExactly("requestObject.spec.containers[0].env[0].value");
        String text = VigilJson.write(evidence.get(0));
        assertThat(text).doesNotContain("hunter2hunter2").contains("DB_PASSWORD", "[REDACTED]", "web-7d4b9c-x2kqp");
        assertThat(metric(EvidenceNormaliser.AS_TREES)).isEqualTo(1.0);
        assertThat(metric(EvidenceNormaliser.AS_BYTES)).isEqualTo(0.0);
    }

    @Test
    void anEventWithoutObjectsCountsNeitherWay() {
        harness.audit("k", podCreate("none-1", "null", "null"));

        assertThat(harness.evidence().readValuesToList()).hasSize(1);
        assertThat(metric(EvidenceNormaliser.AS_BYTES)).isEqualTo(0.0);
        assertThat(metric(EvidenceNormaliser.AS_TREES)).isEqualTo(0.0);
    }

    /** The {@code -total} of one of the evidence normaliser's sensors. */
    private double metric(String sensor) {
        return harness.driver().metrics().values().stream()
                .filter(metric -> metric.metricName().group().contains(EvidenceNormaliser.METRICS_SCOPE)
                        && metric.metricName().name().equals(sensor + "-total"))
                .mapToDouble(metric -> ((Number) metric.metricValue()).doubleValue())
                .findFirst().orElseThrow(() -> new AssertionError("no metric " + sensor + "-total"));
    }
}

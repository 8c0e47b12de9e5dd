package dev.vigil.streams.redact;

import dev.vigil.model.alert.Severity;
import dev.vigil.model.evidence.Evidence;
import dev.vigil.model.json.VigilJson;
import dev.vigil.streams.rules.DetectionEngine;
import dev.vigil.streams.rules.RuleEngine;
import dev.vigil.streams.rules.RulesProperties;
import dev.vigil.streams.testing.TestDetectionEngine;
import dev.vigil.streams.testing.TopologyHarness;
import dev.vigil.streams.topology.TopologySettings;
import dev.vigil.streams.topology.VigilTopology;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Secrets outside Secret objects (issue 11, defect 7): a pod whose env, URL and arguments carry secrets under names
 * without a marker, and a request with {@code ?access_token=}, through the whole topology.
 */
class RedactionTopologyTest {

    private static final Instant WALL_CLOCK = Instant.parse("2026-03-02T12:00:00Z");
    private static final List<String> SECRETS = List.of("hunter2", "p4ssw0rd-fake", "FAKEfakeFAKEfakeFAKEfake",
            "eyJzdWIiOiJmYWtlIn0", "x-fake-arg", "fake-arg-token", "fake-access-token-0001", "postgres://u:p@h",
            "--db-password=x");

    @TempDir
    Path stateDir;

    private TopologyHarness harness;

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    static List<String> events() throws IOException {
        try (InputStream in = RedactionTopologyTest.class.getResourceAsStream("/redaction/secret-shapes-audit.jsonl")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        }
    }

    /** A careless rule: message and details repeat the request URI and the unredacted objects. */
    private static TestDetectionEngine echoingEngine() {
        return TestDetectionEngine.create().rule(new TestDetectionEngine.TestRule(
                TestDetectionEngine.meta("echo", Severity.MEDIUM, Duration.ZERO), record -> true, record -> null,
                record -> record.event().username() + " " + record.event().verb() + " " + record.event().requestURI()
                        + " request " + record.event().requestObject(),
                record -> {
                    var details = VigilJson.mapper().createObjectNode().put("uri", record.event().requestURI());
                    if (record.event().requestObject() != null) {
                        details.set("request", record.event().requestObject());
                    }
                    return details;
                }));
    }

    private void start(DetectionEngine engine) throws IOException {
        harness = TopologyHarness.of(builder -> VigilTopology.build(builder, TopologyHarness.TOPICS, engine,
                TopologySettings.defaults()), WALL_CLOCK, stateDir);
        events().forEach(event -> harness.auditEvent(event, "prod-1"));
    }

    /** Every evidence and alert document, as serialized JSON. */
    private List<String> run(DetectionEngine engine) throws IOException {
        start(engine);
        List<String> documents = new ArrayList<>();
        for (String topic : List.of(TopologyHarness.TOPICS.evidence().name(), TopologyHarness.TOPICS.alerts().name())) {
            harness.raw(topic).readValuesToList().forEach(bytes -> documents.add(new String(bytes, StandardCharsets.UTF_8)));
        }
        return documents;
    }

    @Test
    void noSecretOfAnyShapeReachesEvidenceOrAlertsOfACarelessRule() throws IOException {
        List<String> documents = run(echoingEngine());

        assertThat(documents).hasSize(4);
        for (String document : documents) {
            for (String secret : SECRETS) {
                assertThat(document).doesNotContain(secret);
            }
        }
        String all = String.join("\n", documents);
        assertThat(all).contains("postgres://app:[REDACTED]@db.shop.svc/shop", "postgres://u:[REDACTED]@h/db",
                "hooks.slack.com/services/[REDACTED]", "--db-password=[REDACTED]", "access_token=[REDACTED]&limit=500",
                "ghcr.io/acme/shop:v1", "registry.k8s.io/pause:3.9", "--port=8080", "LOG_LEVEL", "debug",
                "kubectl/v1.30.2 (linux/amd64) kubernetes/3968350", "/api/v1/namespaces/shop/pods?fieldManager=kubectl-client-side-apply");
    }

    @Test
    void evidenceNamesWhatWasRedactedAndKeepsTheRest() throws IOException {
        start(TestDetectionEngine.create());

        List<Evidence> evidence = harness.evidence().readValuesToList();

        assertThat(evidence.get(0).vigil().redacted()).contains("requestObject.spec.containers[0].env[0].value",
                "requestObject.spec.containers[0].env[1].value", "requestObject.spec.containers[0].args[0]",
                "requestObject.spec.containers[0].args[2]", "requestObject.spec.containers[1].args[0]")
                .doesNotContain("requestURI", "requestObject.spec.containers[0].args[3]",
                        "requestObject.spec.containers[0].env[4].value");
        JsonNode response = VigilJson.mapper().valueToTree(evidence.get(0).kubernetes().audit().responseObject());
        assertThat(response.path("metadata").path("labels"))
                .isEqualTo(VigilJson.mapper().valueToTree(Map.of("app", "shop", "token-rotation", "weekly")));
        assertThat(response.path("metadata").path("resourceVersion").stringValue()).isEqualTo("123456789");
        assertThat(response.path("spec").path("containers").get(0).path("args").get(1).stringValue())
                .isEqualTo("--token");
        assertThat(evidence.get(1).vigil().redacted()).containsExactly("requestURI");
        assertThat(evidence.get(1).kubernetes().audit().requestURI())
                .isEqualTo("/api/v1/namespaces/shop/pods?access_token=[REDACTED]&limit=500");
    }

    @Test
    void theBundledRulesAlertOnThePodWithoutItsSecrets() throws IOException {
        List<String> documents = run(RuleEngine.load(RulesProperties.defaults()));

        assertThat(documents).hasSizeGreaterThan(2).anySatisfy(doc -> assertThat(doc).contains("\"rule\""));
        for (String document : documents) {
            for (String secret : SECRETS) {
                assertThat(document).doesNotContain(secret);
            }
        }
    }
}

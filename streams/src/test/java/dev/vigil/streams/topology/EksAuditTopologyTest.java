package dev.vigil.streams.topology;

import dev.vigil.model.alert.Alert;
import dev.vigil.model.json.VigilJson;
import dev.vigil.model.testdata.AuditTestData;
import dev.vigil.streams.rules.RuleEngine;
import dev.vigil.streams.rules.RulesProperties;
import dev.vigil.streams.testing.TopologyHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * EKS's audit events, as the Firehose endpoint and {@code vigil replay --format cloudwatch} put them on
 * {@code k8s.audit.events} (each CloudWatch log message unchanged, recorded as the cluster of its log group
 * {@code /aws/eks/eks-prod/cluster}), through the whole topology with the bundled rules: the rules need not know
 * where an event came from.
 */
class EksAuditTopologyTest {

    @Test
    void privilegedPodFiresOnEksPrivilegedPodCreateAndNamesTheCluster(@TempDir Path stateDir) throws IOException {
        JsonNode payload = VigilJson.mapper().readTree(
                Files.readString(AuditTestData.file("fixtures/eks/subscription-privileged-pod.json")));
        assertThat(payload.get("logGroup").asString()).isEqualTo("/aws/eks/eks-prod/cluster");
        RuleEngine engine = RuleEngine.load(RulesProperties.defaults());

        List<Alert> alerts;
        try (TopologyHarness harness = TopologyHarness.of(builder -> VigilTopology.build(builder,
                TopologyHarness.TOPICS, engine, TopologySettings.defaults()), Instant.parse("2025-03-04T09:16:00Z"),
                stateDir)) {
            for (JsonNode logEvent : payload.get("logEvents")) {
                harness.auditEvent(logEvent.get("message").asString(), "eks-prod");
            }
            alerts = harness.alerts().readValuesToList();
            assertThat(harness.dlq().isEmpty()).isTrue();
        }

        assertThat(alerts).filteredOn(alert -> alert.rule().id().equals("privileged-pod")).singleElement()
                .satisfies(alert -> {
                    assertThat(alert.orchestrator().cluster().name()).isEqualTo("eks-prod");
                    assertThat(alert.orchestrator().namespace()).isEqualTo("payments");
                    assertThat(alert.orchestrator().resource().name()).isEqualTo("debug-node");
                    assertThat(alert.user().name()).isEqualTo("kubernetes-admin");
                    assertThat(alert.vigil().evidence().auditIds()).containsExactly("6f1c8f0e-2d7a-4b8e-9a51-0c3e5d7b9a21");
                });
    }
}

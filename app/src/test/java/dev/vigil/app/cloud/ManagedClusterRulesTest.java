package dev.vigil.app.cloud;

import dev.vigil.ingest.cloud.CloudFormat;
import dev.vigil.ingest.cloud.CloudRecord;
import dev.vigil.ingest.cloud.aks.AksFormat;
import dev.vigil.ingest.cloud.gke.GkeFormat;
import dev.vigil.model.audit.AuditRecord;
import dev.vigil.model.audit.AuditRecordCodec;
import dev.vigil.model.json.Decoded;
import dev.vigil.model.json.VigilJson;
import dev.vigil.model.testdata.AuditTestData;
import dev.vigil.streams.rules.Detection;
import dev.vigil.streams.rules.RuleEngine;
import dev.vigil.streams.rules.RulesProperties;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rule never needs to know where an event came from: the GKE and AKS variants of a privileged pod creation, as
 * ingest's cloud formats turn them into events (the samples of the model's {@code fixtures/gke|aks/}), raise
 * {@code privileged-pod} in the bundled rules as the webhook's event does, naming the cluster of the envelope.
 */
class ManagedClusterRulesTest {

    private static final RuleEngine RULES = RuleEngine.load(RulesProperties.defaults());

    @Test
    void privilegedPodFiresOnTheGkeVariant() throws IOException {
        List<Detection> detections = evaluate(new GkeFormat(), "fixtures/gke/privileged-pod-create.json");

        assertThat(detections).filteredOn(d -> d.rule().id().equals("privileged-pod")).singleElement()
                .satisfies(d -> assertThat(d.message())
                        .isEqualTo("Pod/debug-shell in default violates Pod Security baseline (privileged, "
                                + "hostNamespaces): dev@example.com created pods/debug-shell"));
    }

    @Test
    void privilegedPodFiresOnTheAksVariant() throws IOException {
        List<Detection> detections = evaluate(new AksFormat(), "fixtures/aks/privileged-pod-create.json");

        assertThat(detections).filteredOn(d -> d.rule().id().equals("privileged-pod")).singleElement()
                .satisfies(d -> assertThat(d.message()).startsWith("Pod/debug-shell in default violates Pod Security "
                        + "baseline (privileged, hostNamespaces): masterclient created"));
    }

    /** The sample's one event, as ingest writes it to k8s.audit.events and streams reads it back. */
    private static List<Detection> evaluate(CloudFormat format, String sample) throws IOException {
        String text = Files.readString(AuditTestData.file(sample));
        List<CloudRecord> records = format.events(VigilJson.mapper().readTree(text));
        assertThat(records).singleElement().satisfies(r -> assertThat(r.isOk()).as(r.error()).isTrue());
        CloudRecord record = records.get(0);
        byte[] value = AuditRecordCodec.encode((ObjectNode) record.event(), record.cluster(), Instant.now());
        Decoded<AuditRecord> decoded = AuditRecordCodec.decode(value);
        assertThat(decoded.isOk()).isTrue();
        assertThat(decoded.value().cluster()).isEqualTo(record.cluster());
        return RULES.evaluate(decoded.value());
    }
}

package dev.vigil.ingest.replay;

import dev.vigil.ingest.cloud.CloudFormat;
import dev.vigil.model.json.VigilJson;
import dev.vigil.model.testdata.AuditTestData;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code vigil replay --format auto}: each cloud's sample is recognised as its own format, a native event as none. */
class CloudFormatsTest {

    @Test
    void everyCloudIsRegisteredByName() {
        assertThat(CloudFormats.all()).extracting(CloudFormat::name).containsExactly("cloudwatch", "gke", "aks");
    }

    @Test
    void theProbeTellsTheCloudsApart() throws IOException {
        assertThat(probe(resource("fixtures/gke/privileged-pod-create.json"))).isEqualTo("gke");
        assertThat(probe(resource("fixtures/aks/privileged-pod-create.json"))).isEqualTo("aks");
        assertThat(probe(VigilJson.mapper().readTree(Files.readString(
                AuditTestData.file("fixtures/eks/subscription-privileged-pod.json"))))).isEqualTo("cloudwatch");
        assertThat(probe(VigilJson.mapper().readTree(Files.readString(
                AuditTestData.file("k8s-audit/falco-traces/create_nginx_pod_privileged.json"))))).isEqualTo("native");
    }

    private static String probe(JsonNode item) {
        return CloudFormats.probe(item).map(CloudFormat::name).orElse("native");
    }

    private static JsonNode resource(String path) throws IOException {
        try (InputStream in = CloudFormatsTest.class.getClassLoader().getResourceAsStream(path)) {
            return VigilJson.mapper().readTree(in);
        }
    }
}

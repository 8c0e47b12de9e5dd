package dev.vigil.ingest.cloud.aks;

import dev.vigil.ingest.cloud.CloudRecord;
import dev.vigil.ingest.cloud.CloudSamples;
import dev.vigil.model.json.VigilJson;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AksFormatTest {

    private final AksFormat format = new AksFormat();

    @Test
    void takesTheEventOutOfPropertiesLogAndTheClusterFromTheResourceId() {
        JsonNode body = CloudSamples.json(CloudSamples.AKS_PRIVILEGED_POD);
        String log = body.at("/records/0/properties/log").asString();

        List<CloudRecord> records = format.events(body);

        assertThat(records).hasSize(1);
        assertThat(records.get(0).isOk()).isTrue();
        assertThat(records.get(0).cluster()).isEqualTo("aks-prod-1");
        assertThat(records.get(0).event()).isEqualTo(VigilJson.mapper().readTree(log));
        assertThat(records.get(0).original()).contains("MANAGEDCLUSTERS/AKS-PROD-1");
    }

    @Test
    void aBadRecordFailsWithItsReasonWhileItsNeighboursAreRead() {
        ObjectNode body = (ObjectNode) CloudSamples.json(CloudSamples.AKS_PRIVILEGED_POD);
        ArrayNode records = (ArrayNode) body.get("records");
        ObjectNode notJson = (ObjectNode) records.get(0).deepCopy();
        ((ObjectNode) notJson.get("properties")).put("log", "{\"kind\":\"Event\",");
        ObjectNode otherCategory = (ObjectNode) records.get(0).deepCopy();
        otherCategory.put("category", "kube-apiserver");
        records.insert(0, notJson);
        records.add(otherCategory);

        List<CloudRecord> read = format.events(body);

        assertThat(read).extracting(CloudRecord::isOk).containsExactly(false, true, false);
        assertThat(read.get(0).error()).startsWith("properties.log is not JSON");
        assertThat(read.get(0).original()).contains("{\\\"kind\\\":\\\"Event\\\",");
        assertThat(read.get(2).error()).contains("kube-apiserver");
        assertThat(read).extracting(CloudRecord::cluster).containsOnly("aks-prod-1");
    }

    @Test
    void readsASingleRecordAsAStorageAccountLineHoldsIt() {
        JsonNode record = CloudSamples.json(CloudSamples.AKS_PRIVILEGED_POD).get("records").get(0);

        assertThat(format.probe(record)).isTrue();
        assertThat(format.events(record)).singleElement().satisfies(r -> assertThat(r.isOk()).isTrue());
    }

    @Test
    void probesDiagnosticRecordsOnly() {
        assertThat(format.probe(CloudSamples.json(CloudSamples.AKS_PRIVILEGED_POD))).isTrue();
        assertThat(format.probe(CloudSamples.json(CloudSamples.GKE_PRIVILEGED_POD))).isFalse();
        assertThat(AksFormat.cluster("/subscriptions/x/resourceGroups/rg/providers/Microsoft.ContainerService/"
                + "managedClusters/Team-A")).isEqualTo("team-a");
        assertThat(AksFormat.cluster("/subscriptions/x/resourceGroups/rg")).isNull();
    }
}

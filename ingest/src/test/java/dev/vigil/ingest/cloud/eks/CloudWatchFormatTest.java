package dev.vigil.ingest.cloud.eks;

import dev.vigil.ingest.cloud.CloudRecord;
import dev.vigil.model.json.VigilJson;
import dev.vigil.model.testdata.AuditTestData;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CloudWatchFormatTest {

    private final CloudWatchFormat format = new CloudWatchFormat();

    static String fixture(String name) {
        try {
            return Files.readString(AuditTestData.file("fixtures/eks/" + name));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(String text) {
        return VigilJson.mapper().readTree(text);
    }

    @Test
    void aSubscriptionPayloadGivesOneEventPerLogEventOfTheClusterItsLogGroupNames() {
        JsonNode payload = json(fixture("subscription-privileged-pod.json"));

        List<CloudRecord> records = format.events(payload);

        assertThat(format.probe(payload)).isTrue();
        assertThat(records).hasSize(2).allSatisfy(record -> {
            assertThat(record.isOk()).isTrue();
            assertThat(record.cluster()).isEqualTo("eks-prod");
        });
        assertThat(records).extracting(record -> record.event().get("auditID").asString())
                .containsExactly("6f1c8f0e-2d7a-4b8e-9a51-0c3e5d7b9a21", "0b8e2c4d-6f1a-4c3b-8d9e-7a5b3c1d2e40");
        assertThat(records.get(0).original()).isEqualTo(payload.get("logEvents").get(0).get("message").asString());
    }

    @Test
    void aControlMessageHoldsNoEvents() {
        JsonNode control = json(fixture("subscription-control-message.json"));

        assertThat(format.probe(control)).isTrue();
        assertThat(format.events(control)).isEmpty();
    }

    @Test
    void logsInsightsRowsTakeTheClusterFromAtLog() {
        JsonNode rows = json(fixture("logs-insights-results.json"));

        assertThat(format.probe(rows.get(0))).isTrue();
        assertThat(format.events(rows.get(0))).singleElement().satisfies(record -> {
            assertThat(record.cluster()).isEqualTo("eks-prod");
            assertThat(record.event().get("verb").asString()).isEqualTo("create");
        });
    }

    @Test
    void getLogEventsOutputHasNoLogGroupAndSoNoCluster() {
        ObjectNode output = (ObjectNode) json("{\"events\":[{\"timestamp\":1,\"message\":"
                + VigilJson.write(json(fixture("subscription-privileged-pod.json")).get("logEvents").get(1)
                .get("message")) + ",\"ingestionTime\":2}],\"nextForwardToken\":\"f/1\"}");

        assertThat(format.probe(output)).isTrue();
        assertThat(format.events(output)).singleElement().satisfies(record -> {
            assertThat(record.isOk()).isTrue();
            assertThat(record.cluster()).isNull();
        });
    }

    @Test
    void aBadMessageFailsAloneWithItsTextAndTheReason() {
        JsonNode payload = json("{\"messageType\":\"DATA_MESSAGE\",\"logGroup\":\"/aws/eks/eks-prod/cluster\","
                + "\"logEvents\":[{\"id\":\"1\",\"timestamp\":1,\"message\":\"I0304 09:15:02 not an audit event\"},"
                + "{\"id\":\"2\",\"timestamp\":2,\"message\":\"{\\\"kind\\\":\\\"Event\\\",\\\"auditID\\\":\\\"x\\\"}\"},"
                + "{\"id\":\"3\",\"timestamp\":3}]}");

        List<CloudRecord> records = format.events(payload);

        assertThat(records).hasSize(3);
        assertThat(records.get(0).error()).contains("not an audit event");
        assertThat(records.get(0).original()).isEqualTo("I0304 09:15:02 not an audit event");
        assertThat(records.get(0).cluster()).isEqualTo("eks-prod");
        assertThat(records.get(1).isOk()).isTrue();
        assertThat(records.get(2).error()).contains("without a string message");
        assertThat(format.events(json("{\"messageType\":\"SOMETHING_ELSE\"}")).get(0).error())
                .contains("unknown CloudWatch Logs messageType");
    }

    @Test
    void aConfiguredLogGroupTakesPrecedenceOverEksNaming() {
        CloudWatchFormat mapped = new CloudWatchFormat(Map.of("/aws/eks/eks-prod/cluster", "prod-1",
                "/custom/audit", "lab"));

        assertThat(mapped.clusterOfLogGroup("/aws/eks/eks-prod/cluster")).isEqualTo("prod-1");
        assertThat(mapped.clusterOfLogGroup("/custom/audit")).isEqualTo("lab");
        assertThat(mapped.clusterOfLogGroup("/aws/eks/other/cluster")).isEqualTo("other");
        assertThat(mapped.clusterOfLogGroup("/aws/lambda/fn")).isNull();
    }

    @Test
    void peeksTheClusterWithoutReadingTheEvents() {
        String payload = fixture("subscription-privileged-pod.json");
        // Cut off right after the log group: the peek never needs what follows.
        String head = payload.substring(0, payload.indexOf("\"logStream\""));

        assertThat(format.peekCluster(stream(head))).hasValue("eks-prod");
        assertThat(format.peekCluster(stream("{\"kind\":\"Event\",\"auditID\":\"a\"}"))).isEmpty();
        assertThat(format.peekCluster(stream("not json"))).isEmpty();
    }

    @Test
    void nativeEventsAreNotTakenForCloudWatch() {
        JsonNode event = json(fixture("subscription-privileged-pod.json")).get("logEvents").get(0).get("message");

        assertThat(format.probe(json(event.asString()))).isFalse();
        assertThat(format.events(json(event.asString()))).singleElement()
                .satisfies(record -> assertThat(record.isOk()).isTrue());
    }

    private static ByteArrayInputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}

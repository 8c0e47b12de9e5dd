package dev.vigil.model.audit;

import dev.vigil.model.json.VigilJson;
import dev.vigil.model.testdata.AuditTestData;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class AuditRecordCodecTest {

    private static final Instant RECEIVED = Instant.parse("2026-11-23T10:15:30.123456Z");

    /** The wire form as a tree: a copy of the event with the envelope put on it. */
    private static String expected(ObjectNode event, String cluster) {
        ObjectNode copy = event.deepCopy();
        copy.put(AuditRecordCodec.CLUSTER, cluster);
        copy.put(AuditRecordCodec.RECEIVED_AT, RECEIVED.toString());
        return VigilJson.write(copy);
    }

    private static String encode(String event, String cluster) {
        ObjectNode node = (ObjectNode) VigilJson.mapper().readTree(event);
        String wire = new String(AuditRecordCodec.encode(node, cluster, RECEIVED), StandardCharsets.UTF_8);
        assertThat(VigilJson.write(node)).as("the original is untouched").isEqualTo(VigilJson.write(
                VigilJson.mapper().readTree(event)));
        return wire;
    }

    @Test
    void appendsTheEnvelopeToEveryThirdPartyEventUnchanged() {
        var events = AuditTestData.thirdPartyEvents().stream()
                .map(line -> VigilJson.mapper().readTree(line.text()))
                .filter(node -> node.isObject()).map(ObjectNode.class::cast).toList();
        assertThat(events).hasSizeGreaterThan(100);
        for (ObjectNode event : events) {
            String wire = new String(AuditRecordCodec.encode(event, "prod-1", RECEIVED), StandardCharsets.UTF_8);
            assertThat(wire).isEqualTo(expected(event, "prod-1"));
            assertThat(AuditRecordCodec.decode(wire.getBytes(StandardCharsets.UTF_8)).isOk())
                    .isEqualTo(AuditEventParser.parse(event, "").isOk());
        }
    }

    @Test
    void handlesAnEmptyObjectEscapesTheClusterAndReplacesAnEnvelopeTheEventAlreadyHad() {
        assertThat(encode("{}", "c")).isEqualTo("{\"cluster\":\"c\",\"receivedAt\":\"2026-11-23T10:15:30.123456Z\"}");
        assertThat(encode("{\"a\":1}", "we\"ird\\\n")).isEqualTo(
                "{\"a\":1,\"cluster\":\"we\\\"ird\\\\\\n\",\"receivedAt\":\"2026-11-23T10:15:30.123456Z\"}");
        assertThat(encode("{\"cluster\":\"forged\",\"a\":1}", "c")).isEqualTo(
                "{\"cluster\":\"c\",\"a\":1,\"receivedAt\":\"2026-11-23T10:15:30.123456Z\"}");
        assertThat(encode("{\"a\":null,\"receivedAt\":0}", "c")).isEqualTo(
                "{\"a\":null,\"receivedAt\":\"2026-11-23T10:15:30.123456Z\",\"cluster\":\"c\"}");
    }

    @Test
    void sendsTheTextAnEventArrivedInWhenItHasIt() {
        for (var line : AuditTestData.thirdPartyEvents()) {
            if (!(VigilJson.mapper().readTree(line.text()) instanceof ObjectNode event)) {
                continue;
            }
            String pretty = VigilJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(event);
            byte[] fromText = AuditRecordCodec.encode("\n" + pretty + "  ", event, "prod-1", RECEIVED);
            byte[] fromTree = AuditRecordCodec.encode(event, "prod-1", RECEIVED);
            assertThat(VigilJson.mapper().readTree(fromText)).isEqualTo(VigilJson.mapper().readTree(fromTree));
            assertThat(new String(fromText, StandardCharsets.UTF_8)).startsWith(pretty.substring(0, pretty.length() - 1));
        }
        ObjectNode numbers = (ObjectNode) VigilJson.mapper().readTree("{ \"n\" : 1.50E3 }");
        assertThat(new String(AuditRecordCodec.encode("{ \"n\" : 1.50E3 }", numbers, "c", RECEIVED),
                StandardCharsets.UTF_8)).as("byte for byte as the API server wrote it")
                .isEqualTo("{ \"n\" : 1.50E3 ,\"cluster\":\"c\",\"receivedAt\":\"2026-11-23T10:15:30.123456Z\"}");
        ObjectNode empty = VigilJson.mapper().createObjectNode();
        assertThat(new String(AuditRecordCodec.encode("{ }", empty, "c", RECEIVED), StandardCharsets.UTF_8))
                .isEqualTo("{ \"cluster\":\"c\",\"receivedAt\":\"2026-11-23T10:15:30.123456Z\"}");
        ObjectNode forged = (ObjectNode) VigilJson.mapper().readTree("{\"cluster\":\"x\"}");
        assertThat(new String(AuditRecordCodec.encode("{\"cluster\" : \"x\"}", forged, "c", RECEIVED),
                StandardCharsets.UTF_8)).as("an envelope field of its own is replaced, as from the tree")
                .isEqualTo("{\"cluster\":\"c\",\"receivedAt\":\"2026-11-23T10:15:30.123456Z\"}");
    }
}

package dev.vigil.model.audit;

import dev.vigil.model.json.Decoded;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class AuditEventParserTest {

    private static final String EVENT = """
            {"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"RequestResponse","auditID":"a-1",
             "stage":"ResponseComplete","requestURI":"/api/v1/namespaces/default/pods","verb":"create",
             "user":{"username":"alice","groups":["dev"],"extra":{"authentication.kubernetes.io/pod-name":["p-1"]}},
             "sourceIPs":["10.0.0.1"],"objectRef":{"resource":"pods","namespace":"default","name":"p","apiVersion":"v1"},
             "responseStatus":{"metadata":{},"code":201},"requestObject":{"spec":{"x":1.50}},
             "requestReceivedTimestamp":"2024-01-02T03:04:05.123456Z","stageTimestamp":"2024-01-02T03:04:05.223456Z",
             "annotations":{"authorization.k8s.io/decision":"allow"},"future":{"field":true}}
            """;

    @Test
    void readsEveryUpstreamField() {
        AuditEvent event = AuditEventParser.parse(EVENT).value();
        assertThat(event.auditID()).isEqualTo("a-1");
        assertThat(event.user().extraValue("authentication.kubernetes.io/pod-name")).isEqualTo("p-1");
        assertThat(event.objectRef().resourcePath()).isEqualTo("pods");
        assertThat(event.responseCode()).isEqualTo(201);
        assertThat(event.requestObject().at("/spec/x").decimalValue()).isEqualByComparingTo("1.50");
        assertThat(event.stageTimestamp()).isEqualTo(Instant.parse("2024-01-02T03:04:05.223456Z"));
        assertThat(event.annotation("authorization.k8s.io/decision")).isEqualTo("allow");
        assertThat(event.other()).containsKey("future");
        assertThat(event.documentId("prod-1")).isEqualTo("prod-1/a-1-ResponseComplete");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "[1,2]                                              | not a JSON object",
            "{\"kind\":0}                                       | kind",
            "{\"kind\":\"EventList\",\"items\":[]}              | kind is 'EventList'",
            "{\"auditID\":\"\",\"verb\":\"get\"}               | auditID is empty",
            "{\"auditID\":\"x\",\"user\":\"bob\"}               | user: expected an object",
            "{\"auditID\":\"x\",\"sourceIPs\":[1]}              | sourceIPs",
            "{\"auditID\":\"x\",\"stageTimestamp\":\"yesterday\"} | stageTimestamp: unparseable timestamp",
            "{\"auditID\":\"x\",\"responseStatus\":{\"code\":\"200\"}} | responseStatus.code",
            "{\"auditID\":                                        | not valid JSON",
    })
    void failsWithAReasonNamingTheProblem(String text, String reason) {
        Decoded<AuditEvent> decoded = AuditEventParser.parse(text);
        assertThat(decoded).isInstanceOfSatisfying(Decoded.Failed.class, f -> {
            assertThat(f.reason()).contains(reason);
            assertThat(f.original()).isEqualTo(text);
        });
    }

    @Test
    void readsDuplicateKeysAsTheApiServersGoJsonDoesTheLastOneWins() {
        Decoded<AuditEvent> decoded = AuditEventParser.parse(
                "{\"auditID\":\"x\",\"auditID\":\"y\",\"requestObject\":{\"a\":1,\"a\":2}}");
        assertThat(decoded.value().auditID()).isEqualTo("y");
        assertThat(decoded.value().requestObject().path("a").asInt()).isEqualTo(2);
    }

    @Test
    void derivesAStableIdWhenAuditIdIsMissing() {
        String first = AuditEventParser.parse("{\"verb\":\"get\", \"requestURI\":\"/healthz\"}").value().auditID();
        String again = AuditEventParser.parse("{\"verb\":\"get\",\"requestURI\":\"/healthz\"}").value().auditID();
        String other = AuditEventParser.parse("{\"verb\":\"get\",\"requestURI\":\"/livez\"}").value().auditID();
        assertThat(first).startsWith("derived-").isEqualTo(again).isNotEqualTo(other);
        assertThat(AuditEventParser.isDerived(first)).isTrue();
    }

    @Test
    void envelopeRoundTripKeepsTheOriginalEvent() {
        Instant received = Instant.parse("2024-01-02T03:04:06Z");
        var node = (tools.jackson.databind.node.ObjectNode) dev.vigil.model.json.VigilJson.mapper().readTree(EVENT);
        byte[] wire = AuditRecordCodec.encode(node, "prod-1", received);
        AuditRecord record = AuditRecordCodec.decode(wire).value();
        assertThat(record.cluster()).isEqualTo("prod-1");
        assertThat(record.receivedAt()).isEqualTo(received);
        assertThat(record.event()).isEqualTo(AuditEventParser.parse(EVENT).value());
        assertThat(AuditRecordCodec.decode("nope".getBytes(StandardCharsets.UTF_8)).isOk()).isFalse();
    }
}

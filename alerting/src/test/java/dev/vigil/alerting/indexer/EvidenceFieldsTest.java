package dev.vigil.alerting.indexer;

import dev.vigil.alerting.testing.TestDocuments;
import dev.vigil.model.evidence.Evidence;
import dev.vigil.model.json.VigilJson;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The field reader answers only where it reads exactly what the tree path reads, and gives every other record to the
 * tree path (which dead-letters or indexes it as before).
 */
class EvidenceFieldsTest {

    private static final Instant AT = Instant.parse("2026-11-23T21:14:05.123456Z");
    private static final long RECORD_TIME = Instant.parse("2026-11-20T00:00:00Z").toEpochMilli();

    @Test
    void readsIdClusterAndTimesOfAStreamsEvidenceRecord() {
        Evidence evidence = TestDocuments.evidence(TestDocuments.copy(TestDocuments.thirdPartyEvents().get(0),
                "7f2c0c64-1b1e-4d8e-a4a1-b0b4ad3e9d10", AT), "prod-1", AT.plusMillis(50));

        EvidenceFields fields = EvidenceFields.read(VigilJson.writeBytes(evidence));

        assertThat(fields.auditId()).isEqualTo("7f2c0c64-1b1e-4d8e-a4a1-b0b4ad3e9d10");
        assertThat(fields.cluster()).isEqualTo("prod-1");
        assertThat(fields.stage()).isEqualTo(evidence.kubernetes().audit().stage());
        assertThat(fields.timestamp()).isEqualTo(VigilJson.tree(evidence).path("@timestamp").asString());
    }

    @Test
    void hostileButWellFormedRecordsGiveTheSameItemAsTheTreePath() {
        List<String> records = List.of(
                // escaped names and values: the key \u0061uditID is auditID, as in the tree
                """
                {"@timestamp":"2026\\u002d11\\u002d23T21:14:05Z","kubernetes":{"audit":{"\\u0061uditID":"a\\"b/..\\\\c\\u2028","stage":"Response\\u0043omplete"}},"orchestrator":{"cluster":{"name":"pr\\u006fd \\"1\\""}}}""",
                // the id fields nested where they do not belong, or not strings, are not the id fields
                """
                {"kubernetes":{"audit":{"auditID":"real","x":{"auditID":"fake"},"stage":7},"auditID":"fake2"},"orchestrator":{"cluster":[{"name":"fake"}],"x":{"cluster":{"name":"fake"}}},"@timestamp":{"x":"2020-01-01T00:00:00Z"}}""",
                // blank strings are absent; the time falls back to stageTimestamp
                """
                {"@timestamp":"  ","kubernetes":{"audit":{"auditID":"id-1","stage":" ","stageTimestamp":"2026-10-01T10:00:00.5Z"}},"orchestrator":{"cluster":{"name":""}}}""",
                // an unparseable @timestamp and stageTimestamp: requestReceivedTimestamp, then the record's time
                """
                {"@timestamp":"yesterday","kubernetes":{"audit":{"auditID":"id-2","stageTimestamp":"x","requestReceivedTimestamp":"2026-09-30T23:59:59Z"}}}""",
                """
                {"kubernetes":{"audit":{"auditID":"id-3"}},"message":"\\ud83d\\ude00 \\u0000"}""",
                " \t{\"kubernetes\":{\"audit\":{\"auditID\":\"id-4\"}}}\t ");

        for (String record : records) {
            byte[] bytes = record.getBytes(StandardCharsets.UTF_8);
            IndexItem raw = DocumentKind.EVIDENCE.rawItem(bytes, RECORD_TIME);
            assertThat(raw).as(record).isNotNull();
            assertThat(raw).as(record).usingRecursiveComparison().ignoringFields("document")
                    .isEqualTo(treeItem(bytes));
            assertThat(((RawJson) raw.document()).bytes()).isSameAs(bytes);
        }
    }

    @Test
    void everythingElseTakesTheTreePath() {
        List<String> records = List.of(
                "",
                "   ",
                "{\"kubernetes\": {\"audit\": {\"auditID\": ",
                "[{\"kubernetes\":{\"audit\":{\"auditID\":\"a\"}}}]",
                "\"text\"",
                "null",
                // duplicate keys, at the id or deep in a request object: the mapper refuses them as the tree decode does
                "{\"kubernetes\":{\"audit\":{\"auditID\":\"a\",\"auditID\":\"b\"}}}",
                "{\"kubernetes\":{\"audit\":{\"auditID\":\"a\",\"requestObject\":{\"k\":1,\"v\":2,\"k\":3}}}}",
                // trailing content
                "{\"kubernetes\":{\"audit\":{\"auditID\":\"a\"}}}{}",
                "{\"kubernetes\":{\"audit\":{\"auditID\":\"a\"}}} x",
                // a line feed would split the bulk body's line
                "{\"kubernetes\":{\"audit\":{\"auditID\":\"a\"}},\n\"message\":\"m\"}",
                "{\"kubernetes\":{\"audit\":{\"auditID\":\"a\"}}}\n",
                "\r\n{\"kubernetes\":{\"audit\":{\"auditID\":\"a\"}}}",
                "{\"kubernetes\":{\"audit\":{\"auditID\":\"a\"}},\r\"message\":\"m\"}",
                // no audit id: the tree path writes the dead letter's reason
                "{\"@timestamp\":\"2026-11-23T10:00:00Z\",\"message\":\"m\"}",
                "{\"kubernetes\":{\"audit\":{\"auditID\":\" \"}}}",
                // not JSON beyond RFC 8259
                "{\"kubernetes\":{\"audit\":{\"auditID\":'a'}}}",
                "{\"kubernetes\":{\"audit\":{\"auditID\":\"a\",\"n\":NaN}}}",
                "{\"kubernetes\":{\"audit\":{\"auditID\":\"a\"}},}",
                "{\"kubernetes\":{\"audit\":{\"auditID\":\"a\"}} // comment",
                "{\"kubernetes\":{\"audit\":{\"auditID\":\"a\tb\"}}}");

        for (String record : records) {
            assertThat(DocumentKind.EVIDENCE.rawItem(record.getBytes(StandardCharsets.UTF_8), RECORD_TIME))
                    .as(record).isNull();
        }
    }

    @Test
    void invalidUtf8AnywhereTakesTheTreePath() {
        byte[] prefix = "{\"kubernetes\":{\"audit\":{\"auditID\":\"a\",\"requestObject\":{\"data\":\"x".getBytes(
                StandardCharsets.UTF_8);
        byte[] suffix = "\"}}}}".getBytes(StandardCharsets.UTF_8);
        for (byte[] bad : List.of(new byte[]{(byte) 0xC3}, new byte[]{(byte) 0xC3, 'a'}, new byte[]{(byte) 0x80},
                new byte[]{(byte) 0xFF}, new byte[]{(byte) 0xE2, (byte) 0x82})) {
            byte[] record = new byte[prefix.length + bad.length + suffix.length];
            System.arraycopy(prefix, 0, record, 0, prefix.length);
            System.arraycopy(bad, 0, record, prefix.length, bad.length);
            System.arraycopy(suffix, 0, record, prefix.length + bad.length, suffix.length);

            assertThat(DocumentKind.EVIDENCE.rawItem(record, RECORD_TIME)).isNull();
        }
    }

    /** The item as the tree path makes it. */
    private static IndexItem treeItem(byte[] bytes) {
        JsonNode document = VigilJson.mapper().readTree(bytes);
        DocumentKind kind = DocumentKind.EVIDENCE;
        Instant time = kind.eventTime(document).orElseGet(() -> Instant.ofEpochMilli(RECORD_TIME));
        return new IndexItem(kind.family().indexFor(time), kind.id(document), kind.version(document), document,
                DocumentKind.cluster(document));
    }
}

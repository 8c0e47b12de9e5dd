package dev.vigil.alerting.indexer;

import dev.vigil.alerting.index.IndexFamily;
import dev.vigil.alerting.testing.KafkaTestSupport;
import dev.vigil.alerting.testing.TestDocuments;
import dev.vigil.embedded.EmbeddedKafka;
import dev.vigil.embedded.EmbeddedOpenSearch;
import dev.vigil.embedded.TopicReader;
import dev.vigil.embedded.WithEmbeddedKafka;
import dev.vigil.embedded.WithEmbeddedOpenSearch;
import dev.vigil.model.audit.AuditEvent;
import dev.vigil.model.dlq.DeadLetter;
import dev.vigil.model.evidence.Evidence;
import dev.vigil.model.json.VigilJson;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.generic.Body;
import org.opensearch.client.opensearch.generic.Requests;
import org.opensearch.client.opensearch.generic.Response;
import tools.jackson.core.JacksonException;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Evidence records go to OpenSearch as their bytes: the stored {@code _source} is the record's value byte for byte,
 * and a record that is not a well-formed document is dead-lettered with its bytes and the tree decode's reason.
 */
@WithEmbeddedKafka
@WithEmbeddedOpenSearch
class RawEvidenceIT {

    private static final Duration POLL = Duration.ofMillis(500);

    private IndexerFixture fixture;

    @BeforeEach
    void setUp(EmbeddedKafka broker, EmbeddedOpenSearch openSearch) {
        fixture = new IndexerFixture(broker, openSearch);
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void theStoredSourceIsTheRecordsValueByteForByteAndAPrettyPrintedOneParseEqual() throws IOException {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Map<String, byte[]> records = new LinkedHashMap<>(); // document id → record value
        for (Evidence evidence : TestDocuments.manyEvidence(TestDocuments.thirdPartyEvents(), 5, fixture.cluster, now)) {
            records.put(evidence.documentId(), VigilJson.writeBytes(evidence));
        }
        // a hostile sender's audit id and a foreign producer's formatting: escapes, quotes, a slash, spacing, numbers
        // a tree round trip would rewrite; the id and the cluster are read decoded, as the tree path reads them
        String cluster = fixture.cluster.replace("it-", "\\u0069t-");
        String hostile = """
                { "@timestamp" : "%s", "message":"caf\\u00e9 \\"q\\" é \\ud83d\\ude00", "n": 1.10, "e": 1E+2, "z": -0.0,
                  "kubernetes":{"audit":{"auditID":"..\\/a\\"b\\\\c\\u0020d/%s","stage":"ResponseComplete",
                    "verb":"get"}},
                  "orchestrator":{"cluster":{"name":"%s"}}}""".replace("\n", " \t").formatted(now, fixture.id, cluster);
        String hostileId = fixture.cluster + "/../a\"b\\c d/" + fixture.id + "-ResponseComplete";
        records.put(hostileId, hostile.getBytes(StandardCharsets.UTF_8));
        // pretty-printed: its line feeds would split the bulk body's line, so it goes out re-serialised, parse-equal
        Evidence pretty = TestDocuments.evidence(TestDocuments.copy(TestDocuments.thirdPartyEvents().get(1),
                "pretty-" + fixture.id, now), fixture.cluster, now);
        records.put(pretty.documentId(), VigilJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(pretty));

        KafkaTestSupport.produce(fixture.kafka, fixture.topics.evidence(), new ArrayList<>(records.entrySet()),
                Map.Entry::getKey, Map.Entry::getValue);
        fixture.startEvidenceIndexer();

        await().atMost(Duration.ofSeconds(60)).pollInterval(POLL).until(() ->
                fixture.probe.count(IndexFamily.EVIDENCE.pattern(), fixture.cluster) == records.size());
        for (Map.Entry<String, byte[]> record : records.entrySet()) {
            byte[] source = source(IndexFamily.EVIDENCE.indexFor(now), record.getKey());
            if (record.getKey().equals(pretty.documentId())) {
                assertThat(VigilJson.mapper().readTree(source)).isEqualTo(VigilJson.mapper().readTree(record.getValue()));
                continue;
            }
            assertThat(new String(source, StandardCharsets.UTF_8)).as(record.getKey())
                    .isEqualTo(new String(record.getValue(), StandardCharsets.UTF_8));
        }
        assertThat(fixture.documents(fixture.topics.evidence(), "dead_lettered")).isZero();
    }

    @Test
    void recordsThatAreNoWellFormedDocumentGoToTheDlqWithTheirBytesAndTheTreeDecodesReason() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Evidence good = TestDocuments.evidence(TestDocuments.copy(TestDocuments.thirdPartyEvents().get(0),
                "good-" + fixture.id, now), fixture.cluster, now);
        String goodJson = VigilJson.write(good);
        List<byte[]> bad = List.of(
                goodJson.substring(0, goodJson.length() / 2).getBytes(StandardCharsets.UTF_8),
                // a second auditID would let a sender pick the id OpenSearch's own parser refuses anyway
                goodJson.replace("\"auditID\":", "\"auditID\":\"other\",\"auditID\":").getBytes(StandardCharsets.UTF_8),
                goodJson.replace("\"kubernetes\":{", "\"kubernetes\":{\"x\":{\"k\":1,\"k\":2},")
                        .getBytes(StandardCharsets.UTF_8),
                invalidUtf8(goodJson),
                "[1,2]".getBytes(StandardCharsets.UTF_8));
        List<byte[]> values = new ArrayList<>(bad);
        values.add(VigilJson.writeBytes(good));
        KafkaTestSupport.produce(fixture.kafka, fixture.topics.evidence(), values, value -> "k", value -> value);
        fixture.startEvidenceIndexer();

        List<ConsumerRecord<String, byte[]>> dlq = TopicReader.readAtLeast(fixture.kafka.bootstrapServers(),
                fixture.topics.dlq(), bad.size(), Duration.ofSeconds(60));
        assertThat(dlq).hasSize(bad.size());
        for (int i = 0; i < bad.size(); i++) {
            DeadLetter letter = VigilJson.mapper().readValue(dlq.get(i).value(), DeadLetter.class);
            assertThat(letter.source()).endsWith("@" + i);
            assertThat(letter.payload()).isEqualTo(new String(bad.get(i), StandardCharsets.UTF_8));
            assertThat(letter.reason()).isEqualTo(treeReason(bad.get(i)));
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(POLL).until(() ->
                fixture.probe.count(IndexFamily.EVIDENCE.pattern(), fixture.cluster) == 1);
        assertThat(fixture.documents(fixture.topics.evidence(), "dead_lettered")).isEqualTo(bad.size());
    }

    @Test
    void openSearchRefusesDuplicateKeysSoTheIndexerMustNotSendThem() throws OpenSearchUnavailableException {
        byte[] duplicate = """
                {"@timestamp":"2026-11-23T10:00:00Z","kubernetes":{"audit":{"auditID":"a","auditID":"b"}}}"""
                .getBytes(StandardCharsets.UTF_8);

        List<BulkWriter.ItemResult> results = new BulkWriter(fixture.probe.client(), false).write(List.of(
                new IndexItem(IndexFamily.EVIDENCE.indexFor(Instant.now()), fixture.cluster + "/dup", null,
                        new RawJson(duplicate), fixture.cluster)));

        assertThat(results.get(0).outcome()).isEqualTo(BulkWriter.Outcome.REJECTED);
        assertThat(results.get(0).reason()).containsIgnoringCase("duplicate field");
        assertThat(DocumentKind.EVIDENCE.rawItem(duplicate, 0)).isNull(); // it takes the tree path: the DLQ
    }

    /** The reason the tree path gives a record it cannot decode (as the indexer did before raw bytes). */
    private static String treeReason(byte[] value) {
        try {
            var document = VigilJson.mapper().readTree(value);
            assertThat(document.isObject()).isFalse();
            return "not a JSON object: evidence expected";
        } catch (JacksonException e) {
            return "not a JSON evidence document: " + e.getMessage();
        }
    }

    private static byte[] invalidUtf8(String json) {
        byte[] text = json.replace("\"verb\":\"", "\"verb\":\"\u0001").getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < text.length; i++) {
            if (text[i] == 1) {
                text[i] = (byte) 0xC3; // a lead byte without its continuation
                return text;
            }
        }
        throw new IllegalStateException("no verb in " + json);
    }

    /** The stored {@code _source} as OpenSearch returns it, unparsed. */
    private byte[] source(String index, String id) throws IOException {
        String path = "/" + index + "/_source/" + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
        try (Response response = fixture.probe.client().generic().execute(
                Requests.builder().method("GET").endpoint(path).build())) {
            assertThat(response.getStatus()).as(path).isEqualTo(200);
            return response.getBody().map(Body::bodyAsBytes).orElseThrow();
        }
    }
}

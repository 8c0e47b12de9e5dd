package dev.vigil.ingest.webhook;

import dev.vigil.ingest.TestEvents;
import dev.vigil.ingest.audit.AuditItemCheck;
import dev.vigil.ingest.hostile.HostileBodies;
import dev.vigil.ingest.http.LimitedBody;
import dev.vigil.ingest.kafka.AuditRecordWriter;
import dev.vigil.ingest.kafka.DeadLetterWriter;
import dev.vigil.ingest.kafka.RecordingProducer;
import dev.vigil.model.audit.AuditFileReader;
import dev.vigil.model.json.VigilJson;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 18: the webhook judges items from their tokens ({@code ItemSummary}) instead of parsing each into a tree.
 * For every hostile or odd body of the ingest tests (WebhookFuzzIT's mutations with its seed, HostileBatchIT's and
 * WebhookFuzzIT's hostile items in a 400-event batch, AuditFileReaderHostileTest's items, and odd items of this test),
 * the answer and every record written — audit topic and dead-letter topic, key, headers and bytes — are those of the
 * tree path, item for item. Small bodies are also tried streamed (padded past the reader's 64 KB probe), so that the
 * token path sees them too.
 */
class TokenPathDifferentialTest {

    private static final int MAX_RECORD_SIZE = 1024 * 1024;
    private static final int MAX_ITEM_CHARS = 16 * 1024 * 1024;
    private static final long FUZZ_SEED = 0x5EED_0F22L; // WebhookFuzzIT.SEED
    private static final int FUZZ_CASES = 150; // WebhookFuzzIT.CASES

    /** What one path made of one body: the answer (or the refusal) and every record, receivedAt normalised. */
    private record Outcome(String answer, List<String> records) {
    }

    private static Outcome ingest(byte[] body, boolean deferred) {
        RecordingProducer kafka = new RecordingProducer(MAX_RECORD_SIZE);
        DeadLetterWriter deadLetters = new DeadLetterWriter(kafka.producer(), "vigil.dlq");
        AuditRecordWriter audit = new AuditRecordWriter(kafka.producer(), "k8s.audit.events", deadLetters);
        BatchIngestor ingestor = new BatchIngestor(audit, deadLetters, Duration.ofSeconds(5),
                new WebhookMetrics(new SimpleMeterRegistry(), WebhookMetrics.WEBHOOK), MAX_ITEM_CHARS, deferred);
        String answer;
        try {
            answer = VigilJson.write(ingestor.ingest(new LimitedBody(new ByteArrayInputStream(body), 64L << 20),
                    "cluster-a"));
        } catch (Exception e) {
            answer = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        List<String> records = new ArrayList<>();
        for (ProducerRecord<String, byte[]> record : kafka.records()) {
            StringBuilder headers = new StringBuilder();
            for (Header header : record.headers()) {
                headers.append(header.key()).append('=').append(new String(header.value(), StandardCharsets.UTF_8));
            }
            records.add(record.topic() + " " + record.key() + " " + headers + " "
                    + new String(record.value(), StandardCharsets.UTF_8)
                    .replaceAll("\"receivedAt\":\"[0-9T:.Z-]+\"", "\"receivedAt\":\"<now>\"")
                    // Jackson reports a long name's length where its recycled buffer filled up, which depends on what
                    // the thread parsed before (on either path): the length in the reason is not the item's.
                    .replaceAll("(Name|String value) length \\(\\d+\\)", "$1 length (n)"));
        }
        return new Outcome(answer, records);
    }

    private static void assertSameAsTreePath(String name, byte[] body) {
        Outcome tree = ingest(body, false);
        Outcome tokens = ingest(body, true);
        assertThat(tokens.answer()).as("%s: the answer", name).isEqualTo(tree.answer());
        assertThat(tokens.records()).as("%s: the records", name).containsExactlyElementsOf(tree.records());
    }

    /** The same JSON, but past the reader's probe on its first line, so that it is read as a streamed document. */
    private static byte[] streamed(byte[] body) {
        if (body.length == 0 || body[0] != '{') {
            return body;
        }
        byte[] padded = new byte[body.length + 70_000];
        padded[0] = '{';
        java.util.Arrays.fill(padded, 1, 70_001, (byte) ' ');
        System.arraycopy(body, 1, padded, 70_001, body.length - 1);
        return padded;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theFuzzersMutatedBodiesGetTheTreePathsAnswersAndRecords() {
        Random random = new Random(FUZZ_SEED);
        for (int i = 0; i < FUZZ_CASES; i++) {
            byte[] body = HostileBodies.mutated(random);
            assertSameAsTreePath("fuzz case " + i, body);
            assertSameAsTreePath("fuzz case " + i + " streamed", streamed(body));
        }
    }

    @Test
    void aHostileItemInA400EventBatchGetsTheTreePathsAnswerAndRecords() {
        Map<String, UnaryOperator<String>> shapes = new LinkedHashMap<>(HostileBodies.hostileItems());
        shapes.put("patch with a duplicate key (fixture)",
                event -> HostileBodies.fixture("patch-duplicate-key.json", TestEvents.auditId("x", 5)));
        shapes.put("anonymous binding (fixture)",
                event -> HostileBodies.fixture("anonymous-clusterrolebinding-create.json", TestEvents.auditId("x", 5)));
        shapes.put("too large for a record", event -> {
            ObjectNode big = (ObjectNode) VigilJson.mapper().readTree(event);
            big.putObject("requestObject").put("kind", "ConfigMap").putObject("data").put("blob", "b".repeat(1_300_000));
            return VigilJson.write(big);
        });
        shapes.put("too large even without its objects", event -> {
            ObjectNode big = (ObjectNode) VigilJson.mapper().readTree(event);
            big.put("userAgent", "u".repeat(1_300_000));
            return VigilJson.write(big);
        });
        oddItems().forEach((name, item) -> shapes.put(name, event -> item));
        int round = 0;
        for (var shape : shapes.entrySet()) {
            List<String> items = new ArrayList<>(HostileBodies.eventTexts("differential-" + round++, 400));
            items.set(5, shape.getValue().apply(items.get(5)));
            assertSameAsTreePath(shape.getKey(), utf8(HostileBodies.eventList(items)));
        }
    }

    @Test
    void thePartlyBadBatchOfTheFuzzTestGetsTheTreePathsAnswerAndRecords() {
        ObjectNode list = HostileBodies.eventList("partly-bad", 10);
        ArrayNode items = (ArrayNode) list.get("items");
        items.add(42);
        items.add("an event as a string");
        items.addArray();
        ObjectNode noId = HostileBodies.withSecret(TestEvents.event(0, "x"), HostileBodies.SECRETS.get(0));
        noId.remove("auditID");
        items.add(noId);
        items.add(TestEvents.event(1, "partly-bad-badtime").put("stageTimestamp", "yesterday"));
        items.add(TestEvents.event(2, "partly-bad-baduser").put("user", "root"));
        byte[] body = VigilJson.writeBytes(list);

        assertSameAsTreePath("partly bad", body);
        assertSameAsTreePath("partly bad, streamed", streamed(body));
    }

    @Test
    void theFileReadersHostileItemsGetTheTreePathsAnswersAndRecords() {
        String event = "{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"level\":\"RequestResponse\","
                + "\"auditID\":\"id-5\",\"stage\":\"ResponseComplete\",\"requestURI\":\"/api/v1/namespaces/shop/"
                + "configmaps/c5\",\"verb\":\"patch\",\"user\":{\"username\":\"alice\",\"groups\":[\"dev\"]},"
                + "\"objectRef\":{\"resource\":\"configmaps\",\"namespace\":\"shop\",\"name\":\"c5\"},"
                + "\"requestObject\":%s}";
        Map<String, String> items = new LinkedHashMap<>();
        items.put("duplicate keys in the request object",
                event.formatted("{\"metadata\":{\"labels\":{\"app\":\"a\",\"app\":\"b\"}},\"spec\":1,\"spec\":2}"));
        items.put("nesting 600", event.formatted("[".repeat(600) + "]".repeat(600)));
        items.put("60 000-character name", event.formatted("{\"" + "n".repeat(60_000) + "\":1}"));
        items.put("unquoted secret", event.formatted("{\"data\":{\"password\":hunter2-secret}}"));
        items.put("syntax error", event.formatted("{}").replace("\"verb\":\"patch\"", "\"verb\":patch"));
        items.put("broken brackets", event.formatted("{}").replace("\"groups\":[\"dev\"]}", "\"groups\":[\"dev\"}}"));
        items.put("dropped and duplicated", event.formatted("{\"a\":1,\"a\":2,\"deep\":" + "[".repeat(600)
                + "]".repeat(600) + "}"));
        for (var item : items.entrySet()) {
            List<String> list = new ArrayList<>(HostileBodies.eventTexts("reader-" + item.getKey(), 40));
            list.set(5, item.getValue());
            assertSameAsTreePath(item.getKey(), utf8(HostileBodies.eventList(list)));
        }
        assertSameAsTreePath("JSON lines with a duplicate key", utf8("{\"auditID\":\"a\",\"verb\":\"get\",\"verb\":"
                + "\"delete\"}\n[{\"auditID\":\"b\",\"verb\":\"get\"},{\"auditID\":\"c\",\"verb\":get}]\n"));
    }

    /** Items that only the token path could get wrong: each makes it hand over to the tree path, or is plain. */
    private static Map<String, String> oddItems() {
        String base = "{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"auditID\":\"odd\",\"stage\":\"ResponseComplete\","
                + "\"verb\":\"get\",\"stageTimestamp\":\"2026-12-03T12:00:00.000000Z\"%s}";
        Map<String, String> items = new LinkedHashMap<>();
        items.put("an envelope field cluster", base.formatted(",\"cluster\":\"forged\""));
        items.put("an envelope field receivedAt", base.formatted(",\"receivedAt\":42"));
        items.put("no auditID", "{\"kind\":\"Event\",\"verb\":\"get\"}");
        items.put("auditID null", "{\"kind\":\"Event\",\"auditID\":null,\"verb\":\"get\"}");
        items.put("auditID blank", "{\"kind\":\"Event\",\"auditID\":\" \",\"verb\":\"get\"}");
        items.put("auditID a number", "{\"kind\":\"Event\",\"auditID\":7,\"verb\":\"get\"}");
        items.put("duplicate auditID", base.formatted(",\"auditID\":\"second\""));
        items.put("duplicate kind, the last wins", "{\"kind\":\"Pod\",\"kind\":\"Event\",\"auditID\":\"k\"}");
        items.put("duplicate kind, the last loses", "{\"kind\":\"Event\",\"kind\":\"Pod\",\"auditID\":\"k\"}");
        items.put("kind Pod", base.replace("\"Event\"", "\"Pod\""));
        items.put("no sign of an event", "{\"foo\":1}");
        items.put("empty object", "{}");
        items.put("only apiVersion", "{\"apiVersion\":\"audit.k8s.io/v1beta1\",\"auditID\":\"v\"}");
        items.put("bad timestamp", base.formatted(",\"requestReceivedTimestamp\":\"yesterday\""));
        items.put("timestamp null", base.formatted(",\"requestReceivedTimestamp\":null"));
        items.put("code a long", base.formatted(",\"responseStatus\":{\"code\":4294967296}"));
        items.put("code a float", base.formatted(",\"responseStatus\":{\"code\":200.0}"));
        items.put("code a string", base.formatted(",\"responseStatus\":{\"code\":\"200\"}"));
        items.put("code null", base.formatted(",\"responseStatus\":{\"code\":null,\"details\":{\"x\":[1,2.5]}}"));
        items.put("responseStatus an array", base.formatted(",\"responseStatus\":[]"));
        items.put("annotation an object", base.formatted(",\"annotations\":{\"a\":{\"b\":1}}"));
        items.put("annotations scalars and null", base.formatted(",\"annotations\":{\"a\":1,\"b\":true,\"c\":null}"));
        items.put("user extra with null", base.formatted(",\"user\":{\"username\":\"u\",\"extra\":{\"a\":null,"
                + "\"b\":[\"c\"]},\"other\":{\"x\":1}}"));
        items.put("user extra not strings", base.formatted(",\"user\":{\"extra\":{\"a\":[1]}}"));
        items.put("groups with a number", base.formatted(",\"user\":{\"groups\":[\"a\",1]}"));
        items.put("sourceIPs a string", base.formatted(",\"sourceIPs\":\"10.0.0.1\""));
        items.put("objectRef with an unknown number field", base.formatted(",\"objectRef\":{\"resource\":\"pods\","
                + "\"x\":1e5}"));
        items.put("objectRef name a number", base.formatted(",\"objectRef\":{\"name\":5}"));
        items.put("huge exponent", base.formatted(",\"requestObject\":{\"n\":1e999999999999}"));
        items.put("thousand-digit number", base.formatted(",\"requestObject\":{\"n\":" + "9".repeat(1001) + "}"));
        items.put("escapes and unicode", base.formatted(",\"userAgent\":\"\\u00e9\\n\\\"é😀<&>\""));
        items.put("bad escape", base.formatted(",\"userAgent\":\"\\q\""));
        items.put("whitespace around", "  \n" + base.formatted("") + "\t ");
        items.put("not an object", "[\"Event\"]");
        items.put("a string", "\"Event\"");
        return items;
    }

    @Test
    void plainEventsAreJudgedFromTheirTokensWithoutATree() {
        String text = HostileBodies.eventTexts("plain", 1).get(0);
        AuditFileReader.Item deferred = new AuditFileReader.Item("test", 1, null, text, null, null);

        AuditItemCheck.Verdict verdict = AuditItemCheck.check(deferred, AuditItemCheck.IdPolicy.REQUIRE);

        assertThat(deferred.isDeferred()).isTrue();
        assertThat(verdict).isInstanceOfSatisfying(AuditItemCheck.Accepted.class, accepted -> {
            assertThat(accepted.event()).as("no tree").isNull();
            assertThat(accepted.text()).isEqualTo(text);
            assertThat(accepted.auditID()).isEqualTo(TestEvents.auditId("plain", 0));
        });
    }
}

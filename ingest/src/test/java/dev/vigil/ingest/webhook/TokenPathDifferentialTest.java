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
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 18: the webhook judges items from their tokens ({@code ItemSummary}) instead of parsing each into a tree, and
 * checks and encodes plain events straight from the body's bytes ({@code Utf8ItemReader}). For every hostile or odd
 * body of the ingest tests (WebhookFuzzIT's mutations with its seed, HostileBatchIT's and WebhookFuzzIT's hostile
 * items in a 400-event batch, AuditFileReaderHostileTest's items, odd items and byte-level oddities of this test),
 * the answer and every record written — audit topic and dead-letter topic, key, headers and bytes — are those of the
 * tree path, item for item, on both other paths; the byte path also when the body arrives in small pieces. Small
 * bodies are also tried streamed (padded past the reader's 64 KB probe), so that the token and byte paths see them.
 */
class TokenPathDifferentialTest {

    private static final int MAX_RECORD_SIZE = 1024 * 1024;
    private static final int MAX_ITEM_CHARS = 16 * 1024 * 1024;
    private static final long FUZZ_SEED = 0x5EED_0F22L; // WebhookFuzzIT.SEED
    private static final int FUZZ_CASES = 150; // WebhookFuzzIT.CASES

    /** What one path made of one body: the answer (or the refusal) and every record, receivedAt normalised. */
    private record Outcome(String answer, List<String> records) {
    }

    private static Outcome ingest(byte[] body, BatchIngestor.Path path) {
        return ingest(new ByteArrayInputStream(body), path);
    }

    private static Outcome ingest(InputStream body, BatchIngestor.Path path) {
        RecordingProducer kafka = new RecordingProducer(MAX_RECORD_SIZE);
        DeadLetterWriter deadLetters = new DeadLetterWriter(kafka.producer(), "vigil.dlq");
        AuditRecordWriter audit = new AuditRecordWriter(kafka.producer(), "k8s.audit.events", deadLetters);
        BatchIngestor ingestor = new BatchIngestor(audit, deadLetters, Duration.ofSeconds(5),
                new WebhookMetrics(new SimpleMeterRegistry(), WebhookMetrics.WEBHOOK), MAX_ITEM_CHARS, path);
        String answer;
        try {
            answer = VigilJson.write(ingestor.ingest(new LimitedBody(body, 64L << 20), "cluster-a"));
        } catch (Exception e) {
            answer = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        List<String> records = new ArrayList<>();
        for (ProducerRecord<String, byte[]> record : kafka.records()) {
            StringBuilder headers = new StringBuilder();
            for (Header header : record.headers()) {
                headers.append(header.key()).append('=').append(new String(header.value(), StandardCharsets.UTF_8));
            }
            // Byte for byte (as Latin-1): decoding as UTF-8 would hide a malformed sequence sent on as it came.
            records.add(record.topic() + " " + record.key() + " " + headers + " "
                    + new String(record.value(), StandardCharsets.ISO_8859_1)
                    .replaceAll("\"receivedAt\":\"[0-9T:.Z-]+\"", "\"receivedAt\":\"<now>\"")
                    // Jackson reports a long name's length where its recycled buffer filled up, which depends on what
                    // the thread parsed before (on either path): the length in the reason is not the item's.
                    .replaceAll("(Name|String value) length \\(\\d+\\)", "$1 length (n)"));
        }
        return new Outcome(answer, records);
    }

    private static void assertSameAsTreePath(String name, byte[] body) {
        Outcome tree = ingest(body, BatchIngestor.Path.TREE);
        Outcome tokens = ingest(body, BatchIngestor.Path.TOKENS);
        Outcome bytes = ingest(body, BatchIngestor.Path.BYTES);
        Outcome trickled = ingest(new Trickle(body, name.hashCode()), BatchIngestor.Path.BYTES);
        assertThat(tokens.answer()).as("%s: the answer (tokens)", name).isEqualTo(tree.answer());
        assertThat(tokens.records()).as("%s: the records (tokens)", name).containsExactlyElementsOf(tree.records());
        assertThat(bytes.answer()).as("%s: the answer (bytes)", name).isEqualTo(tree.answer());
        assertThat(bytes.records()).as("%s: the records (bytes)", name).containsExactlyElementsOf(tree.records());
        assertThat(trickled.answer()).as("%s: the answer (bytes, trickled)", name).isEqualTo(tree.answer());
        assertThat(trickled.records()).as("%s: the records (bytes, trickled)", name)
                .containsExactlyElementsOf(tree.records());
    }

    /** A body that arrives in pieces of 1 to 3 000 bytes, as from a slow network: items straddle the reads. */
    private static final class Trickle extends InputStream {
        private final ByteArrayInputStream body;
        private final Random random;

        Trickle(byte[] body, long seed) {
            this.body = new ByteArrayInputStream(body);
            this.random = new Random(seed);
        }

        @Override
        public int read() {
            return body.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            return body.read(buffer, offset, Math.min(length, 1 + random.nextInt(3_000)));
        }
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

    private static final String HEAD = "{\"kind\":\"EventList\",\"apiVersion\":\"audit.k8s.io/v1\",\"metadata\":{},"
            + "\"items\":[";

    /** An EventList body from raw parts: head, items joined by {@code separator}, tail; a streamed document. */
    private static byte[] body(String head, List<byte[]> items, String separator, String tail) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.writeBytes(utf8(head));
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                out.writeBytes(utf8(separator));
            }
            out.writeBytes(items.get(i));
        }
        out.writeBytes(utf8(tail));
        return out.toByteArray();
    }

    private static List<byte[]> events(String seed, int size) {
        return new ArrayList<>(HostileBodies.eventTexts(seed, size).stream().map(TokenPathDifferentialTest::utf8).toList());
    }

    /** An event's text with raw bytes spliced into its userAgent value (invalid UTF-8 stays invalid). */
    private static byte[] withUserAgentBytes(byte[] event, byte... raw) {
        String text = new String(event, StandardCharsets.UTF_8);
        int at = text.indexOf("\"userAgent\":\"") + "\"userAgent\":\"".length();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(event, 0, at);
        out.writeBytes(raw);
        out.write(event, at, event.length - at);
        return out.toByteArray();
    }

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    @Test
    void theBytePathsOwnEdgesGetTheTreePathsAnswersAndRecords() {
        Map<String, byte[]> bodies = new LinkedHashMap<>();
        List<byte[]> plain = events("bytes", 300);
        String padded = "{" + " ".repeat(70_000) + HEAD.substring(1);
        bodies.put("plain", body(HEAD, plain, ",", "]}"));
        bodies.put("plain, padded head", body(padded, plain, ",", "]}"));
        bodies.put("byte order mark", body("\uFEFF" + HEAD, plain, ",", "]}"));
        bodies.put("whitespace before the document", body(" \t\r" + HEAD, plain, ",", "]}"));
        // A line break within the first 64 K characters makes the reader's probe decide, hence the padded head.
        bodies.put("CR LF, tabs and spaces between items", body(padded, plain, " ,\r\n\t", "\r\n]\r\n}\r\n"));
        bodies.put("no commas", body(HEAD, plain, "", "]}"));
        bodies.put("many commas", body(HEAD, plain, ",,,", ",]}"));
        bodies.put("ASCII whitespace Java counts (VT, FF, FS)", body(HEAD, plain, "\u000B,\f\u001C", "]}"));
        bodies.put("a line separator between items", body(HEAD, plain, ",\u2028", "]}"));
        bodies.put("a no-break space between items", body(HEAD, plain, ",\u00A0", "]}"));
        bodies.put("tail with metadata", body(HEAD, plain, ",", "],\"metadata\":{\"continue\":\"x\"}}"));
        bodies.put("tail: line feed", body(padded, plain, ",", "]}\n"));
        bodies.put("tail: another event after the list", body(padded, plain, ",", "]}\n{\"kind\":\"Event\","
                + "\"auditID\":\"after\",\"verb\":\"get\"}"));
        bodies.put("tail: the list never closed", body(HEAD, plain, ",", "]"));
        bodies.put("tail: cut off after an item", body(HEAD, plain, ",", ""));
        bodies.put("tail: cut off after a comma", body(HEAD, plain, ",", ","));
        bodies.put("tail: a bracket closing nothing", body(HEAD, plain, ",", "]}]"));
        bodies.put("head: kind after the items", body("{\"items\":[", plain, ",", "],\"kind\":\"EventList\"}"));
        bodies.put("head: kind Pod (one event)", body(HEAD.replace("EventList", "Pod"), plain, ",", "]}"));
        bodies.put("head: an escaped name", body(HEAD.replace("\"items\"", "\"it\\u0065ms\""), plain, ",", "]}"));
        bodies.put("head: an escaped kind", body(HEAD.replace("EventList", "Event\\u004cist"), plain, ",", "]}"));
        bodies.put("head: non-ASCII metadata", body(HEAD.replace("{}", "{\"é\":\"😀\"}"), plain, ",", "]}"));
        bodies.put("head: items inside metadata", body(HEAD.replace("{}", "{\"items\":[1]}"), plain, ",", "]}"));
        bodies.put("head: not JSON", body(HEAD.replace("\"EventList\"", "EventList"), plain, ",", "]}"));
        bodies.put("head: a line break", body(HEAD.replace(",\"metadata\"", ",\n\"metadata\""), plain, ",", "]}"));
        bodies.put("head: a line break after the probe", body(padded.replace(",\"metadata\"", ",\n\"metadata\""), plain,
                ",", "]}"));
        bodies.put("an array of events", body("[", plain, ",", "]"));

        Map<String, byte[]> items = new LinkedHashMap<>();
        byte[] event = plain.get(5);
        items.put("overlong NUL", withUserAgentBytes(event, bytes(0xC0, 0x80)));
        items.put("a surrogate", withUserAgentBytes(event, bytes(0xED, 0xA0, 0x80)));
        items.put("past U+10FFFF", withUserAgentBytes(event, bytes(0xF4, 0x90, 0x80, 0x80)));
        items.put("a lead byte F5", withUserAgentBytes(event, bytes(0xF5, 0x80, 0x80, 0x80)));
        items.put("a stray continuation byte", withUserAgentBytes(event, bytes(0x80)));
        items.put("a sequence cut by the quote", withUserAgentBytes(event, bytes(0xE2, 0x82)));
        items.put("a sequence cut by a bracket", withUserAgentBytes(event, bytes(0xE2, '"', '}', ']', '{', '"')));
        items.put("0xFF", withUserAgentBytes(event, bytes(0xFF)));
        items.put("four-byte character", withUserAgentBytes(event, bytes(0xF0, 0x9F, 0x98, 0x80)));
        items.put("eight-byte run of two-byte characters", withUserAgentBytes(event, utf8("éééééééééé")));
        String text = new String(event, StandardCharsets.UTF_8);
        items.put("auditID inside the request object", utf8(HostileBodies.withRawRequestObject(text,
                "{\"auditID\":\"inner\",\"s\":\"\\\"auditID\\\":\\\"x\\\"\"}")));
        items.put("auditID only inside", utf8(HostileBodies.withRawRequestObject(text.replace("\"auditID\"",
                "\"auditId\""), "{\"auditID\":\"inner\"}")));
        items.put("an escaped auditID name", utf8(text.replace("\"auditID\"", "\"audit\\u0049D\"")));
        items.put("an escaped duplicate auditID", utf8(text.replace("{\"kind\"", "{\"\\u0061uditID\":\"first\","
                + "\"kind\"")));
        items.put("duplicate keys at the top", utf8(text.replace("{\"kind\"", "{\"verb\":1,\"kind\"")));
        items.put("huge numbers", utf8(HostileBodies.withRawRequestObject(text, "{\"a\":1e400,\"b\":"
                + "9".repeat(900) + ",\"c\":-0.0}")));
        items.put("nesting 499 in the request", utf8(HostileBodies.withRawRequestObject(text,
                "[".repeat(497) + "]".repeat(497))));
        items.put("a pretty-printed item", utf8(text.replace("\",\"", "\",\n  \"").replace("\":\"", "\" :\r\n\"")));
        items.put("a 300 KB item", utf8(HostileBodies.withRawRequestObject(text, "{\"blob\":\"" + "x".repeat(300_000)
                + "\"}")));
        items.put("a 600 KB item of non-ASCII", utf8(HostileBodies.withRawRequestObject(text, "{\"blob\":\""
                + "é😀".repeat(100_000) + "\"}")));
        items.put("a BOM inside the item", utf8(text.replace("{\"kind\"", "{\uFEFF\"kind\"")));
        items.put("a number", utf8("42"));
        items.put("a string", utf8("\"an event\""));
        items.put("null", utf8("null"));
        items.put("an array", utf8("[" + text + "]"));
        items.put("an empty object", utf8("{}"));
        items.put("a bracket closing the wrong one", utf8(text.replaceFirst("]", "}")));
        items.put("an unclosed string", utf8(text.substring(0, text.length() - 2)));
        items.put("a raw line feed in a string", utf8(text.replace("\"userAgent\":\"", "\"userAgent\":\"a\nb")));
        items.put("a raw tab in a string", utf8(text.replace("\"userAgent\":\"", "\"userAgent\":\"a\tb")));
        items.put("an envelope field", utf8(text.replace("{\"kind\"", "{\"receivedAt\":\"x\",\"kind\"")));
        // The request and response objects, which the scanner walks in one loop (issue 18): every shape of value.
        bulkValues().forEach((name, value) -> items.put("request object: " + name,
                utf8(HostileBodies.withRawRequestObject(text, value))));
        for (var item : items.entrySet()) {
            List<byte[]> list = new ArrayList<>(plain);
            list.set(5, item.getValue());
            list.set(250, item.getValue());
            bodies.put("item: " + item.getKey(), body(padded, list, ",", "]}"));
        }
        List<byte[]> brokenLate = new ArrayList<>(plain);
        brokenLate.set(5, items.get("a pretty-printed item"));
        brokenLate.set(200, items.get("a bracket closing the wrong one"));
        bodies.put("line breaks, then a broken item (the line in its reason)",
                body(padded, brokenLate, ",\r\n", "\n]}"));
        bodies.put("cut off inside the last item", Arrays.copyOf(bodies.get("plain"), bodies.get("plain").length - 40));
        // Cut off inside a bulky last item: in a string, after a backslash, in a \\u escape, a UTF-8 sequence, a number,
        // a literal, between brackets.
        List<byte[]> bulky = new ArrayList<>(plain);
        bulky.add(utf8(HostileBodies.withRawRequestObject(text, "{\"a\":[{\"b\":\"xyz\\n\\u00e9é😀\"},[1.5e-3,true,"
                + "null]],\"c\":{}}")));
        byte[] whole = body(padded, bulky, ",", "]}");
        String tail = new String(whole, whole.length - 120, 120, StandardCharsets.ISO_8859_1);
        int object = tail.lastIndexOf("\"requestObject\":");
        assertThat(object).isPositive();
        for (String at : List.of("xyz", "\\n", "\\u00", "\\u00e9", "\u00c3", "\u00f0\u009f", "1.5", "1.5e", "tru", "nul",
                "[{", "]]", "{}")) {
            assertThat(tail.indexOf(at, object)).as(at).isPositive();
            int cut = whole.length - 120 + tail.indexOf(at, object) + at.length();
            bodies.put("cut off inside a bulky last item after " + at, Arrays.copyOf(whole, cut));
        }

        bodies.forEach(TokenPathDifferentialTest::assertSameAsTreePath);
    }

    /** Request objects of every shape the scanner's value loop meets, good and bad (raw text, as the API server copies it). */
    private static Map<String, String> bulkValues() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("managedFields", "[{\"manager\":\"kubectl\",\"fieldsV1\":{\"f:metadata\":{\"f:labels\":{\".\":{},"
                + "\"f:app\":{}},\"f:ownerReferences\":{\"k:{\\\"uid\\\":\\\"72aca527\\\"}\":{}}}}}]");
        values.put("escapes in names and values", "{\"a\\/b\":\"\\u00e9\\n\\t\\\"\\\\\",\"\\\"q\\\"\":[\"\\b\\f\\r\"]}");
        values.put("a \\u escape in a name", "{\"\\u0061\":1}");
        values.put("a lone surrogate escape", "{\"a\":\"\\ud800\",\"b\":\"\\udc00x\"}");
        values.put("a surrogate pair escape", "{\"a\":\"\\ud83d\\ude00\"}");
        values.put("a bad escape", "{\"a\":\"\\x41\"}");
        values.put("a short \\u escape", "{\"a\":\"\\u12\"}");
        values.put("unicode", "{\"é\":\"😀 ü 中文\",\"\u2028\":[\"\u00a0\"]}");
        values.put("a raw control character", "{\"a\":\"x\u0001y\"}");
        values.put("numbers with exponents", "[1e5,-2.5E-10,1e+308,1e309,1E400,0.0000001,-0,0,1.0e0,123456789012345678]");
        values.put("a 19-digit integer", "[1234567890123456789]");
        values.put("a 31-character decimal", "[1.00000000000000000000000000001]");
        values.put("a four-digit exponent", "[1e1000]");
        values.put("a leading zero", "[01]");
        values.put("a bare minus", "[-]");
        values.put("a dot without digits", "[1.]");
        values.put("an exponent without digits", "[1e]");
        values.put("a number glued to a literal", "[1true]");
        values.put("literals", "[true,false,null,[true],{\"t\":false}]");
        values.put("a misspelt literal", "[nul]");
        values.put("a literal glued on", "[nullx]");
        // The event is depth 1: 199 brackets in its request object are the deepest the scanner reads itself.
        values.put("deep arrays, 199", "[".repeat(199) + "]".repeat(199));
        values.put("deep arrays, 200", "[".repeat(200) + "]".repeat(200));
        values.put("deep objects, 199", "{\"k\":".repeat(199) + "1" + "}".repeat(199));
        values.put("deep objects, 200", "{\"k\":".repeat(200) + "1" + "}".repeat(200));
        values.put("deep mixed, 150", "[{\"k\":".repeat(75) + "[]" + "}]".repeat(75));
        values.put("deep, closed by the wrong bracket at 100", "[".repeat(100) + "}" + "]".repeat(99));
        values.put("a huge string", "{\"blob\":\"" + "y".repeat(200_000) + "\"}");
        values.put("a huge string of escapes", "{\"blob\":\"" + "\\n\\\"".repeat(50_000) + "\"}");
        values.put("many small members", "{" + String.join(",", java.util.stream.IntStream.range(0, 5_000)
                .mapToObj(k -> "\"k" + k + "\":[" + k + ",{}]").toList()) + "}");
        values.put("duplicate keys", "{\"a\":1,\"a\":{\"b\":[]},\"a\":\"c\"}");
        values.put("a trailing comma", "{\"a\":[1,2,],\"b\":1}");
        values.put("a missing colon", "{\"a\" 1}");
        values.put("a missing comma", "{\"a\":1 \"b\":2}");
        values.put("a name that is not a string", "{a:1}");
        values.put("whitespace everywhere", " { \"a\" :\n[ 1 ,\t{ } ,\r\n[ ] ] , \"b\" : null } ");
        return values;
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

package dev.vigil.model.audit;

import dev.vigil.model.json.VigilJson;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonParser;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link PlainEventScanner} accepts only what Jackson's parser with {@link ItemSummary} accepts as a plain event, with
 * the same identity, end and line feeds, and only well-formed UTF-8: checked on plain events and on many thousand
 * byte-level mutations of them (each either accepted alike or left to Jackson).
 */
class PlainEventScannerTest {

    private static final List<String> EVENTS = List.of(
            "{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"level\":\"Request\",\"auditID\":\"a7c2c41b\","
                    + "\"stage\":\"ResponseComplete\",\"requestURI\":\"/api/v1/namespaces/identity/events\",\"verb\":"
                    + "\"create\",\"objectRef\":{\"resource\":\"events\",\"namespace\":\"identity\",\"apiVersion\":\"v1\"},"
                    + "\"responseStatus\":{\"metadata\":{},\"code\":201},\"requestReceivedTimestamp\":"
                    + "\"2026-12-03T10:00:00Z\",\"stageTimestamp\":\"2026-12-03T10:00:00.001500Z\",\"annotations\":"
                    + "{\"authorization.k8s.io/decision\":\"allow\",\"n\":1.5e3,\"b\":true,\"z\":null},\"user\":{\"username\":"
                    + "\"system:node:node-3\",\"groups\":[\"system:nodes\",\"system:authenticated\"],\"extra\":{\"x\":"
                    + "[\"é\"]}},\"userAgent\":\"kubelet/v1.31.2 \\u00e9 \\\"q\\\"\",\"sourceIPs\":[\"10.0.0.7\"],"
                    + "\"requestObject\":{\"kind\":\"Event\",\"count\":-1,\"x\":[[],{},[1,2.25,-0.5E-2]],\"type\":\"😀\"}}",
            "{\"auditID\":\"b\",\"verb\":\"get\"}",
            "{ \"apiVersion\" : \"audit.k8s.io/v1beta1\" ,\n\t\"auditID\" : \"c\" ,\r\n \"stage\":null }");

    private record Jackson(ItemSummary summary, int end) {
    }

    /** What the reader's Jackson path makes of the object at {@code bytes[0]}: null where it would not encode it. */
    private static Jackson jackson(byte[] bytes) {
        try (JsonParser parser = VigilJson.tolerantMapper().createParser(bytes, 0, bytes.length)) {
            parser.nextToken();
            ItemSummary summary = ItemSummary.readObject(parser);
            int end = (int) parser.currentTokenLocation().getByteOffset() + 1;
            boolean plain = summary != null && summary.identifies() && summary.auditID() != null
                    && !summary.envelopeField() && Utf8Bytes.lineFeedsIfWellFormed(bytes, 0, end) >= 0;
            return plain ? new Jackson(summary, end) : null;
        } catch (RuntimeException unusual) {
            return null;
        }
    }

    private static void assertNoWiderThanJackson(byte[] bytes, PlainEventScanner scanner) {
        int end = scanner.scan(bytes, 0, bytes.length);
        if (end < 0) {
            return;
        }
        Jackson jackson = jackson(bytes);
        String item = new String(bytes, StandardCharsets.UTF_8);
        assertThat(jackson).as("accepted by the scanner only: %s", item).isNotNull();
        assertThat(end).as("end of %s", item).isEqualTo(jackson.end());
        assertThat(scanner.auditID()).as("auditID of %s", item).isEqualTo(jackson.summary().auditID());
        assertThat(scanner.stage()).as("stage of %s", item).isEqualTo(jackson.summary().stage());
        assertThat(scanner.lineFeeds()).isEqualTo(Utf8Bytes.lineFeedsIfWellFormed(bytes, 0, end));
    }

    @Test
    void plainEventsAreAcceptedAsJacksonAcceptsThem() {
        PlainEventScanner scanner = new PlainEventScanner();
        for (String event : EVENTS) {
            byte[] bytes = (event + ",{\"next\":1}").getBytes(StandardCharsets.UTF_8);
            assertThat(scanner.scan(bytes, 0, bytes.length)).as(event).isEqualTo(event.getBytes(StandardCharsets.UTF_8).length);
            assertNoWiderThanJackson(bytes, scanner);
        }
        for (String notSure : List.of("{\"auditID\":\"b\",\"verb\":\"get\",\"annotations\":{\"a\": {\"b\":1}}}",
                "{\"auditID\":\"b\",\"verb\":\"get\",\"annotations\":{\"a\":\t[1]}}",
                "{\"audit\\u0049D\":\"b\",\"verb\":\"get\"}",
                "{\"auditID\":\"b\",\"verb\":\"get\",\"cl\\u0075ster\":\"forged\"}",
                "{\"auditID\":\"b\",\"verb\":\"get\",\"responseStatus\":{\"c\\u006fde\":\"x\"}}")) {
            byte[] bytes = notSure.getBytes(StandardCharsets.UTF_8);
            assertThat(scanner.scan(bytes, 0, bytes.length)).as(notSure).isEqualTo(-1);
        }
        String managedFields = "{\"auditID\":\"b\",\"verb\":\"get\",\"requestObject\":{\"f:metadata\":{\"k:{\\\"uid\\\":"
                + "\\\"72aca527\\\"}\":{}}},\"annotations\":{\"a\\/b\":\"c\"}}";
        byte[] managed = managedFields.getBytes(StandardCharsets.UTF_8);
        assertThat(scanner.scan(managed, 0, managed.length)).as(managedFields).isEqualTo(managed.length);
        assertNoWiderThanJackson(managed, scanner);
        byte[] cut = EVENTS.get(0).getBytes(StandardCharsets.UTF_8);
        assertThat(scanner.scan(cut, 0, cut.length - 1)).as("the buffer ends first").isEqualTo(-1);
    }

    @Test
    void noMutationIsAcceptedThatJacksonWouldNotAcceptAlike() {
        Random random = new Random(0x18_0B7E5L);
        byte[][] alphabet = {{'"'}, {'\\'}, {'{'}, {'}'}, {'['}, {']'}, {','}, {':'}, {' '}, {'\n'}, {'\t'}, {0x0B},
                {'0'}, {'1'}, {'-'}, {'.'}, {'e'}, {'+'}, {'u'}, {'n'}, {'t'}, {'f'}, {'x'}, {0}, {0x1F}, {(byte) 0x80},
                {(byte) 0xC0, (byte) 0x80}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xE2}, {(byte) 0xFF},
                "null".getBytes(), "true".getBytes(), "\"auditID\":\"z\",".getBytes(), "\"kind\":\"Pod\",".getBytes(),
                "\"cluster\":\"c\",".getBytes(), "\"code\":2147483648,".getBytes(), "\"code\":1e2,".getBytes(),
                "9".repeat(19).getBytes(), "\\u12".getBytes(), "\\ud800".getBytes(), "é".getBytes(StandardCharsets.UTF_8)};
        PlainEventScanner scanner = new PlainEventScanner();
        int accepted = 0;
        for (int round = 0; round < 30_000; round++) {
            byte[] event = EVENTS.get(random.nextInt(EVENTS.size())).getBytes(StandardCharsets.UTF_8);
            byte[] mutated = mutate(event, alphabet, random);
            assertNoWiderThanJackson(mutated, scanner);
            accepted += scanner.scan(mutated, 0, mutated.length) >= 0 ? 1 : 0;
        }
        assertThat(accepted).as("mutations still plain events (inside strings, whitespace, …)").isGreaterThan(1_000);
    }

    /** An event whose request object has the shapes of real ones: managedFields, nested lists, numbers, escapes. */
    private static final String BULKY = "{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"auditID\":\"bulk\","
            + "\"verb\":\"create\",\"requestObject\":{\"metadata\":{\"managedFields\":[{\"fieldsV1\":{\"f:metadata\":"
            + "{\"f:labels\":{\".\":{},\"f:app\":{}},\"f:ownerReferences\":{\"k:{\\\"uid\\\":\\\"72ac\\\"}\":{}}}}}]},"
            + "\"spec\":{\"containers\":[{\"name\":\"a\",\"args\":[\"--x=1\",\"\\u00e9\\n\\\"q\\\"\",\"é😀\"],"
            + "\"ports\":[{\"containerPort\":8080,\"ratio\":-0.25e+2,\"big\":1.5E-300}],\"empty\":[[],{},[[{}]]]}],"
            + "\"flags\":[true,false,null,0,-1,12345678901234]}},\"responseObject\":[{\"a\":[1,{\"b\":[2,[3]]}]}],"
            + "\"stage\":\"ResponseComplete\"}";

    @Test
    void bulkValuesAreCheckedAsJacksonChecksThem() {
        PlainEventScanner scanner = new PlainEventScanner();
        byte[] bulky = BULKY.getBytes(StandardCharsets.UTF_8);
        assertThat(scanner.scan(bulky, 0, bulky.length)).as(BULKY).isEqualTo(bulky.length);
        assertNoWiderThanJackson(bulky, scanner);
        // Nesting: the root is depth 1 and the response object's list 2, so 198 brackets inside it are the deepest
        // the scanner reads itself (one bit a level: the word boundaries 64 and 128 included).
        for (int brackets : new int[] {1, 62, 63, 64, 65, 126, 127, 128, 197, 198, 199, 200, 600}) {
            for (String shape : List.of("arrays", "objects", "mixed")) {
                StringBuilder value = new StringBuilder();
                StringBuilder close = new StringBuilder();
                for (int level = 0; level < brackets; level++) {
                    boolean array = shape.equals("arrays") || (shape.equals("mixed") && level % 2 == 0);
                    value.append(array ? "[" : "{\"k\":");
                    close.insert(0, array ? ']' : '}');
                }
                byte[] bytes = BULKY.replace("\"responseObject\":[", "\"responseObject\":[" + value + "1" + close + ",")
                        .getBytes(StandardCharsets.UTF_8);
                int end = scanner.scan(bytes, 0, bytes.length);
                assertNoWiderThanJackson(bytes, scanner);
                assertThat(end).as("%d brackets, %s", brackets, shape).isEqualTo(brackets <= 198 ? bytes.length : -1);
            }
        }
        // Brackets that close the wrong container, at every depth the loop keeps a bit for.
        for (String wrong : List.of("[}", "{]", "[[]}", "{\"a\":[}}", "[{]}", "{\"a\":{]}", "[1,]", "{\"a\":1,}", "[,1]",
                "{,}", "{\"a\"}", "{\"a\":}", "{1:2}", "[\"a\":1]", "{\"a\":1 \"b\":2}", "[1 2]", "]", "}")) {
            for (int depth : new int[] {0, 63, 64, 120}) {
                String value = "[".repeat(depth) + wrong + "]".repeat(depth);
                byte[] bytes = BULKY.replace("\"responseObject\":[", "\"responseObject\":[" + value + ",")
                        .getBytes(StandardCharsets.UTF_8);
                assertThat(scanner.scan(bytes, 0, bytes.length)).as("%s at depth %d", wrong, depth).isEqualTo(-1);
            }
        }
    }

    @Test
    void noMutationOfABulkyEventIsAcceptedThatJacksonWouldNotAcceptAlike() {
        Random random = new Random(0x18_B01C);
        byte[][] alphabet = {{'"'}, {'\\'}, {'{'}, {'}'}, {'['}, {']'}, {','}, {':'}, {' '}, {'\n'}, {'0'}, {'-'},
                {'.'}, {'e'}, {'E'}, {'+'}, {'u'}, {'n'}, {'t'}, {'f'}, {0}, {(byte) 0x80}, {(byte) 0xC3},
                "null".getBytes(), "[]".getBytes(), "{}".getBytes(), "\"a\":".getBytes(), "\"a\":1,".getBytes(),
                "\\u00".getBytes(), "1e999".getBytes(), "9".repeat(19).getBytes(), "é".getBytes(StandardCharsets.UTF_8)};
        byte[] event = BULKY.getBytes(StandardCharsets.UTF_8);
        PlainEventScanner scanner = new PlainEventScanner();
        int accepted = 0;
        for (int round = 0; round < 30_000; round++) {
            byte[] mutated = mutate(event, alphabet, random);
            assertNoWiderThanJackson(mutated, scanner);
            int end = scanner.scan(mutated, 0, mutated.length);
            accepted += end >= 0 ? 1 : 0;
            // Cut off anywhere (a body read in pieces): the same answer where the item ends before the cut, else -1.
            int cut = random.nextInt(mutated.length);
            assertThat(scanner.scan(mutated, 0, cut)).as("cut at %d", cut).isEqualTo(end >= 0 && end <= cut ? end : -1);
        }
        assertThat(accepted).as("mutations still plain events").isGreaterThan(1_000);
    }

    /** One to three random edits of the event: a byte removed, a byte replaced, or a token of the alphabet inserted. */
    private static byte[] mutate(byte[] event, byte[][] alphabet, Random random) {
        List<Byte> bytes = new ArrayList<>();
        for (byte b : event) {
            bytes.add(b);
        }
        for (int m = 1 + random.nextInt(3); m > 0; m--) {
            int at = random.nextInt(bytes.size());
            switch (random.nextInt(3)) {
                case 0 -> bytes.remove(at);
                case 1 -> bytes.set(at, alphabet[random.nextInt(alphabet.length)][0]);
                default -> {
                    byte[] insert = alphabet[random.nextInt(alphabet.length)];
                    for (int k = insert.length - 1; k >= 0; k--) {
                        bytes.add(at, insert[k]);
                    }
                }
            }
        }
        byte[] mutated = new byte[bytes.size()];
        for (int k = 0; k < mutated.length; k++) {
            mutated[k] = bytes.get(k);
        }
        return mutated;
    }
}

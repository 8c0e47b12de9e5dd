package dev.vigil.model.audit;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which items {@link Utf8ItemReader} encodes from their bytes and which it hands on as the document reader would.
 * That the answers and records equal the other paths' is the webhook's {@code TokenPathDifferentialTest}; this test
 * makes sure the byte path is taken at all, and leaves it where it must.
 */
class Utf8ItemReaderTest {

    private static final Instant RECEIVED = Instant.parse("2026-12-03T12:00:00Z");
    private static final byte[] ENVELOPE = AuditRecordCodec.envelope("c1", RECEIVED);

    private static String event(int i) {
        return "{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"level\":\"Metadata\",\"auditID\":\"id-" + i
                + "\",\"stage\":\"ResponseComplete\",\"requestURI\":\"/api/v1/namespaces/shop/pods/p" + i
                + "\",\"verb\":\"get\",\"user\":{\"username\":\"alice\",\"groups\":[\"dev\"]},\"sourceIPs\":[\"10.0.0.1\"],"
                + "\"userAgent\":\"kubectl/v1.31 ü\",\"objectRef\":{\"resource\":\"pods\",\"namespace\":\"shop\",\"name\":\"p"
                + i + "\"},\"responseStatus\":{\"code\":200},\"requestReceivedTimestamp\":\"2026-12-03T12:00:00.000000Z\","
                + "\"stageTimestamp\":\"2026-12-03T12:00:00.001000Z\",\"annotations\":{\"authorization.k8s.io/decision\":"
                + "\"allow\"},\"requestObject\":{\"pad\":\"" + "x".repeat(300) + "\"}}";
    }

    private static List<String> events(int count) {
        List<String> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(event(i));
        }
        return events;
    }

    private static String eventList(List<String> items) {
        return "{\"kind\":\"EventList\",\"apiVersion\":\"audit.k8s.io/v1\",\"metadata\":{},\"items\":["
                + String.join(",", items) + "]}";
    }

    private static List<Utf8ItemReader.Next> read(byte[] body) throws IOException {
        try (Utf8ItemReader reader = Utf8ItemReader.open(new ByteArrayInputStream(body), "test", 1 << 24, ENVELOPE)) {
            List<Utf8ItemReader.Next> items = new ArrayList<>();
            while (reader.hasNext()) {
                items.add(reader.next());
            }
            return items;
        }
    }

    @Test
    void plainEventsOfALongBodyAreEncodedFromTheirBytes() throws IOException {
        List<String> events = events(400);

        List<Utf8ItemReader.Next> items = read(eventList(events).getBytes(StandardCharsets.UTF_8));

        assertThat(items).hasSize(400).allSatisfy(next -> assertThat(next.event()).isNotNull());
        for (int i = 0; i < 400; i++) {
            Utf8ItemReader.Encoded encoded = items.get(i).event();
            assertThat(encoded.auditID()).isEqualTo("id-" + i);
            assertThat(encoded.stage()).isEqualTo("ResponseComplete");
            assertThat(encoded.text()).isEqualTo(events.get(i));
            assertThat(encoded.value()).as("the record: the text as received plus the envelope")
                    .isEqualTo(AuditRecordCodec.encodeText(events.get(i), "c1", RECEIVED));
        }
    }

    @Test
    void anItemOnlyTheTreeCanJudgeComesOutAsTheDocumentReaderGivesIt() throws IOException {
        List<String> events = events(400);
        events.set(3, event(3).replace("\"auditID\":\"id-3\",", ""));
        byte[] body = eventList(events).getBytes(StandardCharsets.UTF_8);
        String list = new String(body, StandardCharsets.UTF_8);
        int at = list.substring(0, list.indexOf("kubectl/v1.31", list.length() / 2)).getBytes(StandardCharsets.UTF_8)
                .length;
        byte[] malformed = new byte[body.length + 1];
        System.arraycopy(body, 0, malformed, 0, at);
        malformed[at] = (byte) 0xC0; // an overlong form: the document reader reads U+FFFD
        System.arraycopy(body, at, malformed, at + 1, body.length - at);

        List<Utf8ItemReader.Next> items = read(malformed);

        assertThat(items).hasSize(400);
        assertThat(items.get(3).item()).as("no auditID").isNotNull();
        assertThat(items.get(3).item().isDeferred()).isTrue();
        assertThat(items.get(3).item().text()).isEqualTo(events.get(3));
        Utf8ItemReader.Next bad = items.stream().filter(next -> next.item() != null).skip(1).findFirst().orElseThrow();
        assertThat(bad.item().text()).contains("\uFFFDkubectl/v1.31");
        assertThat(items.stream().filter(next -> next.event() != null)).as("all others from their bytes").hasSize(398);
    }

    @Test
    void aBrokenItemHandsTheRestToTheDocumentScanner() throws IOException {
        List<String> events = events(400);
        events.set(10, event(10).replaceFirst("]", "}"));

        List<Utf8ItemReader.Next> items = read(eventList(events).getBytes(StandardCharsets.UTF_8));

        assertThat(items.subList(0, 10)).allSatisfy(next -> assertThat(next.event()).isNotNull());
        assertThat(items.get(10).item().flaw()).isEqualTo(AuditFileReader.Item.Flaw.UNREAD_REST);
        assertThat(items.get(10).item().error()).contains("broken at line 1");
        assertThat(items.subList(10, items.size())).allSatisfy(next -> assertThat(next.item()).isNotNull());
    }

    @Test
    void aShortBodyOrJsonLinesAreTheDocumentReadersFromTheFirstByte() throws IOException {
        List<Utf8ItemReader.Next> small = read(eventList(events(3)).getBytes(StandardCharsets.UTF_8));
        List<Utf8ItemReader.Next> lines = read((String.join("\n", events(300)) + "\n").getBytes(StandardCharsets.UTF_8));

        assertThat(small).hasSize(3).allSatisfy(next -> assertThat(next.item().node()).as("parsed, JSON lines").isNotNull());
        assertThat(lines).hasSize(300).allSatisfy(next -> assertThat(next.item()).isNotNull());
    }

    @Test
    void wellFormedUtf8IsWhatJavasDecoderReadsWithoutAReplacement() {
        Random random = new Random(18);
        byte[][] pieces = {{'a'}, {'\n'}, {'"'}, {(byte) 0xC3, (byte) 0xA9}, {(byte) 0xE2, (byte) 0x82, (byte) 0xAC},
                {(byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x80}, {(byte) 0x80}, {(byte) 0xC0}, {(byte) 0xC1},
                {(byte) 0xE0}, {(byte) 0xED}, {(byte) 0xF4}, {(byte) 0xF5}, {(byte) 0xFF}, {(byte) 0x9F}, {(byte) 0xA0},
                {(byte) 0x90}, {(byte) 0x8F}, {(byte) 0xBF}};
        for (int round = 0; round < 20_000; round++) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            int length = random.nextInt(24);
            for (int i = 0; i < length; i++) {
                out.writeBytes(pieces[random.nextInt(random.nextInt(3) == 0 ? pieces.length : 6)]);
            }
            byte[] bytes = out.toByteArray();
            Integer expected;
            try {
                String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
                expected = (int) text.chars().filter(c -> c == '\n').count();
            } catch (CharacterCodingException malformed) {
                expected = -1;
            }
            assertThat(Utf8Bytes.lineFeedsIfWellFormed(bytes, 0, bytes.length)).as("%s", java.util.HexFormat.of()
                    .formatHex(bytes)).isEqualTo(expected);
        }
    }
}

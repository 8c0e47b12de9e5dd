package dev.vigil.model.audit;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Utf8ItemReader}'s format probe decides as the document reader's: a line feed among the first 65 535
 * characters makes the body lines (or a document the probe decides) and the document reader reads it all; one after
 * them leaves a long-lined EventList to the byte path. Tried at the very boundary, with two-byte characters before it
 * falling at every position of the eight bytes the probe takes at a time.
 */
class Utf8ItemReaderProbeTest {

    private static final int PROBE_CHARS = 64 * 1024 - 1;
    private static final byte[] ENVELOPE = AuditRecordCodec.envelope("c1", Instant.parse("2026-12-03T12:00:00Z"));
    private static final String HEAD = "{\"kind\":\"EventList\",\"items\":[{\"kind\":\"Event\",\"auditID\":\"b\",\"pad\":\"";
    private static final String EVENT = "{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"auditID\":\"a\","
            + "\"verb\":\"get\"}";

    /** A list whose first line feed, between its two items, is character {@code lineFeedAt}; {@code wide} two-byte
     * characters start the first item's pad. */
    private static byte[] body(int lineFeedAt, int wide) {
        int padChars = lineFeedAt - HEAD.length() - 3;
        String pad = "é".repeat(wide) + "x".repeat(padChars - wide);
        String body = HEAD + pad + "\"},\n" + EVENT + "]}";
        assertThat(body.indexOf('\n')).isEqualTo(lineFeedAt);
        return body.getBytes(StandardCharsets.UTF_8);
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
    void aLineFeedWithinTheProbeHandsTheBodyToTheDocumentReaderAndOneAfterItDoesNot() throws IOException {
        for (int wide = 0; wide <= 17; wide++) {
            assertThat(read(body(PROBE_CHARS - 1, wide))).as("line feed at the probe's last character, %d wide", wide)
                    .hasSize(2).allSatisfy(next -> assertThat(next.event()).isNull());
            assertThat(read(body(PROBE_CHARS, wide))).as("line feed just after the probe, %d wide", wide)
                    .hasSize(2).allSatisfy(next -> assertThat(next.event()).isNotNull());
        }
    }
}

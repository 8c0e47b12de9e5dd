package dev.vigil.alerting.indexer;

import dev.vigil.model.json.VigilJson;
import jakarta.json.stream.JsonGenerator;
import org.opensearch.client.json.JsonpMapper;
import org.opensearch.client.json.JsonpSerializable;
import org.opensearch.client.json.JsonpUtils;
import org.opensearch.client.json.jackson3.JacksonJsonpGenerator;
import tools.jackson.core.SerializableString;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A document that goes into a bulk body as the bytes it came in: a Kafka record's value, already the JSON document
 * (one well-formed object on one line, checked by {@link EvidenceFields}). Why: decoding it into a tree only for the
 * client to write the tree out again cost the indexer ~25 µs of CPU per evidence document. The opensearch-java
 * client serialises a {@link JsonpSerializable} document by calling it; with Vigil's Jackson 3 mapper
 * ({@code OpenSearchJson}) the generator is Jackson's own, which copies raw bytes straight into its buffer.
 */
final class RawJson implements JsonpSerializable {

    private final byte[] utf8;

    /** @param utf8 one well-formed JSON object in UTF-8 without a line feed (a bulk body is one document per line) */
    RawJson(byte[] utf8) {
        this.utf8 = utf8;
    }

    byte[] bytes() {
        return utf8;
    }

    /** The document as a tree, for the rare change of a document ({@link DocumentKind#withFreeFormUnindexed}). */
    JsonNode tree() {
        return VigilJson.mapper().readTree(utf8);
    }

    @Override
    public void serialize(JsonGenerator generator, JsonpMapper mapper) {
        if (generator instanceof JacksonJsonpGenerator jackson) {
            jackson.jacksonGenerator().writeRawValue(new RawUtf8(utf8));
            return;
        }
        // another mapper: copy token by token, still without a tree
        try (var parser = mapper.jsonProvider().createParser(new ByteArrayInputStream(utf8))) {
            JsonpUtils.copy(parser, generator);
        }
    }

    /** The bytes as Jackson's raw value: only the unquoted UTF-8 forms are used by a UTF-8 generator. */
    private record RawUtf8(byte[] utf8) implements SerializableString {

        @Override
        public String getValue() {
            return new String(utf8, StandardCharsets.UTF_8);
        }

        @Override
        public int charLength() {
            return getValue().length();
        }

        @Override
        public byte[] asUnquotedUTF8() {
            return utf8;
        }

        @Override
        public int appendUnquotedUTF8(byte[] buffer, int offset) {
            if (offset + utf8.length > buffer.length) {
                return -1; // the generator then writes asUnquotedUTF8() through
            }
            System.arraycopy(utf8, 0, buffer, offset, utf8.length);
            return utf8.length;
        }

        @Override
        public int appendUnquoted(char[] buffer, int offset) {
            String value = getValue();
            if (offset + value.length() > buffer.length) {
                return -1;
            }
            value.getChars(0, value.length(), buffer, offset);
            return value.length();
        }

        @Override
        public int writeUnquotedUTF8(OutputStream out) throws IOException {
            out.write(utf8);
            return utf8.length;
        }

        @Override
        public int putUnquotedUTF8(ByteBuffer buffer) {
            if (utf8.length > buffer.remaining()) {
                return -1;
            }
            buffer.put(utf8);
            return utf8.length;
        }

        // a raw value is never quoted
        @Override
        public char[] asQuotedChars() {
            throw new UnsupportedOperationException("a raw JSON value is not quoted");
        }

        @Override
        public byte[] asQuotedUTF8() {
            throw new UnsupportedOperationException("a raw JSON value is not quoted");
        }

        @Override
        public int appendQuotedUTF8(byte[] buffer, int offset) {
            throw new UnsupportedOperationException("a raw JSON value is not quoted");
        }

        @Override
        public int appendQuoted(char[] buffer, int offset) {
            throw new UnsupportedOperationException("a raw JSON value is not quoted");
        }

        @Override
        public int writeQuotedUTF8(OutputStream out) {
            throw new UnsupportedOperationException("a raw JSON value is not quoted");
        }

        @Override
        public int putQuotedUTF8(ByteBuffer buffer) {
            throw new UnsupportedOperationException("a raw JSON value is not quoted");
        }
    }
}

package dev.vigil.alerting.indexer;

import dev.vigil.model.json.RawJsonValue;
import dev.vigil.model.json.VigilJson;
import jakarta.json.stream.JsonGenerator;
import org.opensearch.client.json.JsonpMapper;
import org.opensearch.client.json.JsonpSerializable;
import org.opensearch.client.json.JsonpUtils;
import org.opensearch.client.json.jackson3.JacksonJsonpGenerator;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayInputStream;

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
            jackson.jacksonGenerator().writeRawValue(RawJsonValue.of(utf8));
            return;
        }
        // another mapper: copy token by token, still without a tree
        try (var parser = mapper.jsonProvider().createParser(new ByteArrayInputStream(utf8))) {
            JsonpUtils.copy(parser, generator);
        }
    }
}

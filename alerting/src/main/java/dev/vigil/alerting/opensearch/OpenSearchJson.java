package dev.vigil.alerting.opensearch;

import dev.vigil.model.json.VigilJson;
import org.opensearch.client.json.JsonpMapper;
import org.opensearch.client.json.jackson3.JacksonJsonpMapper;
import tools.jackson.databind.DeserializationFeature;

/**
 * The client's JSON-P mapper, built on Vigil's own Jackson 3 mapper. Why: opensearch-java 3.9 ships a Jackson 3
 * mapper besides its Jackson 2 default, so documents travel as {@code tools.jackson} trees — alert bulk items are the
 * trees read from Kafka and search hits come back as trees; evidence bulk items are the records' bytes, which its
 * generator copies as they are — and no Jackson 2 type appears in Vigil's code (the Jackson 2 jars stay on the
 * classpath only for the client's unused default mapper).
 */
public final class OpenSearchJson {

    private static final JsonpMapper MAPPER = new JacksonJsonpMapper(VigilJson.mapper().rebuild()
            // the client reads documents out of a larger response: what follows one of them is not an error
            .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build());

    private OpenSearchJson() {
    }

    public static JsonpMapper mapper() {
        return MAPPER;
    }
}

package dev.vigil.model.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one Jackson (3.x) mapper configuration Vigil writes and reads its own documents with.
 * Shared so that every stage encodes the contract documents identically.
 */
public final class VigilJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            // Keeps numbers inside requestObject/responseObject exactly as the API server wrote them.
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .changeDefaultPropertyInclusion(incl -> incl
                    .withValueInclusion(JsonInclude.Include.NON_NULL)
                    .withContentInclusion(JsonInclude.Include.NON_NULL))
            .build();

    /**
     * The same configuration, but duplicate keys are read the way the API server's Go JSON reads them: the last one
     * wins. For audit events only, whose request and response objects carry a user's raw bytes (a patch body).
     */
    private static final JsonMapper TOLERANT = MAPPER.rebuild()
            .disable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private VigilJson() {
    }

    public static JsonMapper mapper() {
        return MAPPER;
    }

    /** {@link #mapper()} reading duplicate keys as Go does (the last wins); for audit events from outside. */
    public static JsonMapper tolerantMapper() {
        return TOLERANT;
    }

    /** Serialises a value to compact JSON; never throws for Vigil's own record types. */
    public static String write(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    public static byte[] writeBytes(Object value) {
        return MAPPER.writeValueAsBytes(value);
    }

    public static JsonNode tree(Object value) {
        return MAPPER.valueToTree(value);
    }
}

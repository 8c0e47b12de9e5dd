package dev.vigil.console.search;

import dev.vigil.console.query.InvalidParameterException;
import dev.vigil.model.json.VigilJson;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where the next page of {@code GET /v1/search} starts ({@code search_after}): the event time (epoch millis) and
 * document id of the last result shown, with the order they belong to, as an opaque URL-safe string.
 */
record SearchCursor(boolean descending, long time, String id) {

    String encode() {
        byte[] json = VigilJson.writeBytes(VigilJson.mapper().createObjectNode()
                .put("o", descending ? "desc" : "asc").put("t", time).put("i", id));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json);
    }

    /** The cursor of {@code text}, which must belong to the order asked for; 400 naming {@code cursor} otherwise. */
    static SearchCursor decode(String text, boolean descending) {
        JsonNode json;
        try {
            json = VigilJson.mapper().readTree(new String(Base64.getUrlDecoder().decode(text.trim()),
                    StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | JacksonException e) {
            throw invalid();
        }
        if (!json.path("t").isIntegralNumber() || !json.path("i").isString()) {
            throw invalid();
        }
        if (!(descending ? "desc" : "asc").equals(json.path("o").asString(""))) {
            throw new InvalidParameterException("cursor", "belongs to order=" + json.path("o").asString("?")
                    + ": repeat the order of the page it came from");
        }
        return new SearchCursor(descending, json.path("t").longValue(), json.path("i").stringValue());
    }

    private static InvalidParameterException invalid() {
        return new InvalidParameterException("cursor", "is not a cursor of GET /v1/search: pass the 'next' value of "
                + "the previous page unchanged");
    }
}

package dev.vigil.console.query;

import dev.vigil.model.json.VigilJson;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Where the next page of {@code GET /v1/alerts} starts: the sort values of the last alert shown ({@code search_after}),
 * with the order they belong to, as an opaque URL-safe string. The order is part of the cursor so that a cursor is
 * never applied to another order by mistake.
 *
 * @param sort       the order the values belong to
 * @param descending whether newest first
 * @param after      the last alert's sort values: the sort field (epoch millis or null) and its id
 */
record AlertCursor(AlertSort sort, boolean descending, List<Object> after) {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    AlertCursor {
        after = java.util.Collections.unmodifiableList(new ArrayList<>(after));
    }

    String encode() {
        ObjectNode json = VigilJson.mapper().createObjectNode();
        json.put("s", sort.word()).put("o", descending ? "desc" : "asc");
        ArrayNode values = json.putArray("a");
        for (Object value : after) {
            if (value == null) {
                values.addNull();
            } else if (value instanceof Number number) {
                values.add(number.longValue());
            } else {
                values.add(value.toString());
            }
        }
        return ENCODER.encodeToString(VigilJson.mapper().writeValueAsBytes(json));
    }

    /** The cursor of {@code text}, which must belong to {@code sort} and the order; 400 otherwise. */
    static AlertCursor decode(String text, AlertSort sort, boolean descending) {
        JsonNode json;
        try {
            json = VigilJson.mapper().readTree(new String(Base64.getUrlDecoder().decode(text.trim()),
                    StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | JacksonException e) {
            throw invalid();
        }
        if (!json.path("a").isArray() || json.path("a").size() != 2) {
            throw invalid();
        }
        if (!sort.word().equals(json.path("s").asString("")) || !(descending ? "desc" : "asc").equals(
                json.path("o").asString(""))) {
            throw new InvalidParameterException("cursor", "belongs to sort=" + json.path("s").asString("?") + "&order="
                    + json.path("o").asString("?") + ": repeat the sort and order of the page it came from");
        }
        List<Object> after = new ArrayList<>();
        for (JsonNode value : json.path("a")) {
            if (value.isNull()) {
                after.add(null);
            } else if (value.isIntegralNumber()) {
                after.add(value.longValue());
            } else if (value.isString()) {
                after.add(value.stringValue());
            } else {
                throw invalid();
            }
        }
        return new AlertCursor(sort, descending, after);
    }

    private static InvalidParameterException invalid() {
        return new InvalidParameterException("cursor", "is not a cursor of GET /v1/alerts: pass the 'next' value of "
                + "the previous page unchanged");
    }
}

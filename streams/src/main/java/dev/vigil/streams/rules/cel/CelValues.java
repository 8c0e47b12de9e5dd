package dev.vigil.streams.rules.cel;

import dev.cel.common.values.NullValue;
import dev.vigil.model.json.VigilJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Converts between JSON trees and the Java values CEL evaluates over (maps, lists, String, Long, Double,
 * Boolean, {@link NullValue}), both ways: events go in, rule results (dedup keys, details) come out.
 */
public final class CelValues {

    private CelValues() {
    }

    /** A JSON tree as a CEL value; null or missing becomes an empty map so field selection stays safe. */
    public static Object fromJson(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return Map.of();
        }
        return convert(node);
    }

    private static Object convert(JsonNode node) {
        if (node.isObject()) {
            // Converted as read: conditions look at a few fields of objects that carry hundreds.
            return new JsonMap(node);
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            for (JsonNode item : node) {
                list.add(convert(item));
            }
            return Collections.unmodifiableList(list);
        }
        if (node.isString()) {
            return node.stringValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToLong() ? (Object) node.longValue() : (Object) node.doubleValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isNull()) {
            return NullValue.NULL_VALUE;
        }
        return node.asString();
    }

    /** A CEL result as JSON (maps, lists and scalars; anything else as its text). */
    public static JsonNode toJson(Object value) {
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = VigilJson.mapper().createObjectNode();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                object.set(String.valueOf(entry.getKey()), toJson(entry.getValue()));
            }
            return object;
        }
        if (value instanceof List<?> list) {
            ArrayNode array = VigilJson.mapper().createArrayNode();
            for (Object item : list) {
                array.add(toJson(item));
            }
            return array;
        }
        if (value instanceof Optional<?> optional) {
            return optional.map(CelValues::toJson).orElseGet(() -> VigilJson.mapper().nullNode());
        }
        if (value == null || value instanceof NullValue) {
            return VigilJson.mapper().nullNode();
        }
        if (value instanceof String || value instanceof Boolean || value instanceof Number) {
            return VigilJson.mapper().valueToTree(value instanceof Number n && !(n instanceof Long || n instanceof Double
                    || n instanceof Integer) ? n.toString() : value);
        }
        return VigilJson.mapper().getNodeFactory().stringNode(value.toString());
    }

    /** A CEL result as display text: lists joined with ", ", null as empty. */
    public static String toText(Object value) {
        if (value == null || value instanceof NullValue) {
            return "";
        }
        if (value instanceof List<?> list) {
            List<String> items = new ArrayList<>(list.size());
            for (Object item : list) {
                items.add(toText(item));
            }
            return String.join(", ", items);
        }
        if (value instanceof Optional<?> optional) {
            return optional.map(CelValues::toText).orElse("");
        }
        return value.toString();
    }
}

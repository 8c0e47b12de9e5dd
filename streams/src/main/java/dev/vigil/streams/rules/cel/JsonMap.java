package dev.vigil.streams.rules.cel;

import tools.jackson.databind.JsonNode;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A JSON object as the read-only map CEL sees, converted field by field when read: a rule that reads
 * {@code obj.spec.containers} does not pay for {@code metadata.managedFields}. Each field is converted at most
 * once; iterating converts all of them, in the object's order. Like the activation it belongs to, not
 * thread-safe.
 */
final class JsonMap extends AbstractMap<String, Object> {

    private final JsonNode node;
    private Map<String, Object> converted;
    private Map<String, Object> all;

    JsonMap(JsonNode node) {
        this.node = node;
    }

    @Override
    public Object get(Object key) {
        if (!(key instanceof String name)) {
            return null;
        }
        if (all != null) {
            return all.get(name);
        }
        if (converted == null) {
            converted = new HashMap<>(8);
        } else {
            Object done = converted.get(name);
            if (done != null) {
                return done;
            }
        }
        JsonNode field = node.get(name);
        if (field == null) {
            return null;
        }
        Object value = CelValues.fromJson(field);
        converted.put(name, value);
        return value;
    }

    @Override
    public boolean containsKey(Object key) {
        return key instanceof String name && node.has(name);
    }

    @Override
    public int size() {
        return node.size();
    }

    @Override
    public boolean isEmpty() {
        return node.isEmpty();
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        if (all == null) {
            Map<String, Object> map = new LinkedHashMap<>(Math.max(4, node.size() * 2));
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                map.put(field.getKey(), get(field.getKey()));
            }
            all = Collections.unmodifiableMap(map);
        }
        return all.entrySet();
    }
}

package dev.vigil.streams.redact;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects, without touching it, where one JSON tree ({@code requestObject} or {@code responseObject}) holds secret
 * values; {@link #redactedCopy} then replaces exactly those leaves in a copy. Events without secrets are never copied.
 */
final class SecretScan {

    private static final StringNode REDACTED = StringNode.valueOf(Redactor.REDACTED);

    /**
     * Where a secret value sits: field names and array indexes from the root; {@code replacement} is what the copy
     * holds there ({@link Redactor#REDACTED}, or the string with only its secret parts replaced).
     */
    private record Hit(List<Object> path, JsonNode replacement) {
    }

    private final String rootName;
    private final List<Object> path = new ArrayList<>();
    private final List<Hit> hits = new ArrayList<>();
    private final Set<List<Object>> hitPaths = new HashSet<>();
    private final Set<String> values;

    SecretScan(String rootName, Set<String> values) {
        this.rootName = rootName;
        this.values = values;
    }

    void enter(Object segment) {
        path.add(segment);
    }

    void leave() {
        path.remove(path.size() - 1);
    }

    /** The leaf at the current path holds a secret: every scalar below it is redacted. */
    void secret(JsonNode leaf) {
        if (leaf == null || leaf.isNull() || leaf.isMissingNode() || leaf.isString() && leaf.stringValue().isEmpty()) {
            return;
        }
        if (leaf.isContainer()) {
            if (leaf.isObject()) {
                for (Map.Entry<String, JsonNode> field : leaf.properties()) {
                    enter(field.getKey());
                    secret(field.getValue());
                    leave();
                }
            } else {
                for (int i = 0; i < leaf.size(); i++) {
                    enter(i);
                    secret(leaf.get(i));
                    leave();
                }
            }
            return;
        }
        if (!hitPaths.add(List.copyOf(path))) {
            return;
        }
        hits.add(new Hit(List.copyOf(path), REDACTED));
        String value = leaf.isString() ? leaf.stringValue() : leaf.toString();
        if (!value.isEmpty()) {
            values.add(value);
        }
    }

    /**
     * The string at the current path holds secrets by their shape: the copy gets {@code redacted} there, unless
     * the whole leaf is already a secret.
     */
    void partial(String redacted) {
        List<Object> at = List.copyOf(path);
        if (hitPaths.add(at)) {
            hits.add(new Hit(at, StringNode.valueOf(redacted)));
        }
    }

    /** Whether the current path is already redacted as a whole. */
    boolean isHit() {
        return !hitPaths.isEmpty() && hitPaths.contains(path);
    }

    /** A secret found somewhere that is redacted as a whole (e.g. inside an annotation holding JSON). */
    void secretValue(String value) {
        if (value != null && !value.isEmpty()) {
            values.add(value);
        }
    }

    /** A detached scan for a nested document (an annotation's JSON), sharing the collected values. */
    SecretScan nested() {
        return new SecretScan(rootName, values);
    }

    boolean found() {
        return !hits.isEmpty();
    }

    /** The printable paths of the hits, e.g. {@code requestObject.data.password}. */
    List<String> paths() {
        List<String> printed = new ArrayList<>(hits.size());
        for (Hit hit : hits) {
            StringBuilder text = new StringBuilder(rootName);
            for (Object segment : hit.path()) {
                if (segment instanceof Integer index) {
                    text.append('[').append(index).append(']');
                } else {
                    String field = (String) segment;
                    boolean plain = field.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_' || c == '-');
                    text.append(plain ? "." + field : "[\"" + field + "\"]");
                }
            }
            printed.add(text.toString());
        }
        return printed;
    }

    /** A deep copy of {@code root} with every hit replaced by {@link Redactor#REDACTED}. */
    JsonNode redactedCopy(JsonNode root) {
        JsonNode copy = root.deepCopy();
        for (Hit hit : hits) {
            JsonNode parent = copy;
            List<Object> segments = hit.path();
            if (segments.isEmpty()) {
                return hit.replacement();
            }
            for (int i = 0; i < segments.size() - 1; i++) {
                parent = segments.get(i) instanceof Integer index ? parent.get(index) : parent.get((String) segments.get(i));
            }
            Object last = segments.get(segments.size() - 1);
            if (parent instanceof ObjectNode object) {
                object.set((String) last, hit.replacement());
            } else if (parent instanceof ArrayNode array) {
                array.set((Integer) last, hit.replacement());
            }
        }
        return copy;
    }

    static Set<String> newValueSet() {
        return new LinkedHashSet<>();
    }
}

package dev.vigil.streams.redact;

import dev.vigil.model.audit.AuditEvent;
import dev.vigil.model.redact.SecretPatterns;
import tools.jackson.core.io.JsonStringEncoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The outcome of redacting one audit event: the event safe to write out, the JSON paths that were replaced, and
 * the removed values themselves (in memory only) so that text derived from the unredacted event, such as an alert
 * message or rule details, can be scrubbed of them too. {@link #toString()} never shows the values.
 */
public record Redaction(AuditEvent event, List<String> paths, Set<String> values) {

    /** Values shorter than this are not scrubbed from free text: replacing "1" or "yes" everywhere helps no one. */
    public static final int MIN_SCRUB_LENGTH = 4;

    public Redaction {
        paths = List.copyOf(paths);
        values = withEscapedForms(values);
    }

    /**
     * The values plus their JSON-escaped forms (once and twice: a value inside an annotation that holds JSON, inside
     * a JSON text), so that text made from JSON such as {@code node.toString()} is scrubbed too.
     */
    private static Set<String> withEscapedForms(Set<String> values) {
        Set<String> all = new LinkedHashSet<>(values);
        for (String value : values) {
            String once = escape(value);
            all.add(once);
            all.add(escape(once));
        }
        return Set.copyOf(all);
    }

    private static String escape(String value) {
        StringBuilder escaped = new StringBuilder(value.length() + 8);
        JsonStringEncoder.getInstance().quoteAsString(value, escaped);
        return escaped.toString();
    }

    static Redaction none(AuditEvent event) {
        return new Redaction(event, List.of(), Set.of());
    }

    public boolean redacted() {
        return !paths.isEmpty();
    }

    /**
     * {@code text} with every removed secret value replaced by {@link Redactor#REDACTED}, and then every part that
     * looks secret by its shape (docs/redaction.md): rules quote the unredacted event, e.g. its request URI.
     */
    public String scrub(String text) {
        if (text == null) {
            return null;
        }
        String scrubbed = text;
        for (String value : values) {
            if (value.length() >= MIN_SCRUB_LENGTH) {
                scrubbed = scrubbed.replace(value, Redactor.REDACTED);
            }
        }
        return SecretPatterns.redact(scrubbed);
    }

    /** {@code node}, or a scrubbed copy of it when one of its strings (or field names) contains a secret. */
    public JsonNode scrub(JsonNode node) {
        if (node == null || !containsSecret(node)) {
            return node;
        }
        JsonNode copy = node.deepCopy();
        return scrubInPlace(copy);
    }

    private boolean containsSecret(JsonNode node) {
        if (node.isString()) {
            return !scrub(node.stringValue()).equals(node.stringValue());
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if (!scrub(field.getKey()).equals(field.getKey()) || containsSecret(field.getValue())) {
                    return true;
                }
            }
            return false;
        }
        if (node.isArray()) {
            for (JsonNode item : node) {
                if (containsSecret(item)) {
                    return true;
                }
            }
        }
        return false;
    }

    private JsonNode scrubInPlace(JsonNode node) {
        if (node.isString()) {
            String scrubbed = scrub(node.stringValue());
            return scrubbed.equals(node.stringValue()) ? node : StringNode.valueOf(scrubbed);
        }
        if (node instanceof ObjectNode object) {
            for (String name : List.copyOf(object.propertyNames())) {
                JsonNode value = scrubInPlace(object.get(name));
                String scrubbedName = scrub(name);
                if (!scrubbedName.equals(name)) {
                    object.remove(name);
                }
                object.set(scrubbedName, value);
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, scrubInPlace(array.get(i)));
            }
        }
        return node;
    }

    @Override
    public String toString() {
        return "Redaction[auditID=" + (event == null ? null : event.auditID()) + ", paths=" + paths
                + ", values=" + values.size() + " hidden]";
    }
}

package dev.vigil.console.deadletters;

import dev.vigil.model.json.VigilJson;
import dev.vigil.model.redact.SecretEnvNames;
import dev.vigil.model.redact.SecretText;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Redacts a dead letter's payload the way evidence is redacted, as far as a payload that failed to become an
 * event allows: in JSON (a document or JSON lines) the {@code data}/{@code stringData} of Secrets, values whose key
 * or env {@code name} looks secret, and secret shapes in every string; any other text by its shapes alone.
 */
final class PayloadRedaction {

    private static final SecretEnvNames NAMES = new SecretEnvNames(SecretEnvNames.DEFAULT_MARKERS);
    private static final StringNode REDACTED = StringNode.valueOf(SecretText.REDACTED);

    private PayloadRedaction() {
    }

    static String redact(String payload) {
        if (payload == null || payload.isEmpty()) {
            return payload;
        }
        String trimmed = payload.strip();
        if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
            JsonNode whole = parse(trimmed);
            if (whole != null) {
                return VigilJson.write(walk(whole));
            }
            List<String> lines = new ArrayList<>();
            for (String line : payload.split("\n", -1)) {
                JsonNode document = line.isBlank() ? null : parse(line.strip());
                lines.add(document == null ? SecretText.redact(line) : VigilJson.write(walk(document)));
            }
            return String.join("\n", lines);
        }
        return SecretText.redact(payload);
    }

    private static JsonNode parse(String text) {
        try {
            return VigilJson.mapper().readTree(text);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static JsonNode walk(JsonNode node) {
        if (node instanceof ObjectNode object) {
            boolean secret = "Secret".equals(object.path("kind").asString(""));
            JsonNode envName = object.path("name");
            boolean secretEnv = envName.isString() && object.has("value") && NAMES.isSecret(envName.stringValue());
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                String key = field.getKey();
                JsonNode value = field.getValue();
                if ((secret && (key.equals("data") || key.equals("stringData")) && value.isObject())) {
                    value.propertyNames().forEach(name -> ((ObjectNode) value).set(name, REDACTED));
                } else if ((secretEnv && key.equals("value")) || (value.isString() && NAMES.isSecret(key))) {
                    field.setValue(REDACTED);
                } else {
                    field.setValue(walk(value));
                }
            }
            return object;
        }
        if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, walk(array.get(i)));
            }
            return array;
        }
        if (node.isString()) {
            String redacted = SecretText.redact(node.stringValue());
            return redacted == node.stringValue() ? node : StringNode.valueOf(redacted);
        }
        return node;
    }
}

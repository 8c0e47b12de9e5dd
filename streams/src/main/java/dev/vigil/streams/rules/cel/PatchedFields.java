package dev.vigil.streams.rules.cel;

import dev.vigil.model.json.VigilJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a patch sets, as a sparse object: a merge or strategic-merge patch already is one; a JSON Patch
 * (RFC 6902 operation list) is turned into one from its {@code add} and {@code replace} operations. Used when an
 * audit event has no response object, so rules can still judge the values a patch introduces.
 */
final class PatchedFields {

    private PatchedFields() {
    }

    static JsonNode of(JsonNode patch) {
        if (patch == null || !patch.isArray()) {
            return patch;
        }
        ObjectNode root = VigilJson.mapper().createObjectNode();
        for (JsonNode operation : patch) {
            String op = operation.path("op").asString("");
            JsonNode path = operation.get("path");
            if ((op.equals("add") || op.equals("replace")) && path != null && path.isString()
                    && operation.has("value")) {
                set(root, path.stringValue(), operation.get("value"));
            }
        }
        return root;
    }

    private static void set(ObjectNode root, String pointer, JsonNode value) {
        if (!pointer.startsWith("/")) {
            return;
        }
        String[] tokens = pointer.substring(1).split("/", -1);
        JsonNode current = root;
        for (int i = 0; i < tokens.length; i++) {
            String token = tokens[i].replace("~1", "/").replace("~0", "~");
            boolean last = i == tokens.length - 1;
            boolean nextIsIndex = !last && isIndex(tokens[i + 1]);
            JsonNode child = last ? value.deepCopy() : nextIsIndex
                    ? VigilJson.mapper().createArrayNode() : VigilJson.mapper().createObjectNode();
            if (current instanceof ObjectNode object) {
                JsonNode existing = object.get(token);
                if (existing != null && !last && existing.isContainer()) {
                    current = existing;
                    continue;
                }
                object.set(token, child);
            } else if (current instanceof ArrayNode array && isIndex(token)) {
                int index = token.equals("-") ? array.size() : Math.min(Integer.parseInt(token), 1000);
                while (array.size() <= index) {
                    array.add(VigilJson.mapper().createObjectNode());
                }
                JsonNode existing = array.get(index);
                if (!last && existing.isContainer() && !existing.isEmpty()) {
                    current = existing;
                    continue;
                }
                array.set(index, child);
            } else {
                return;
            }
            current = child;
        }
    }

    private static boolean isIndex(String token) {
        return token.equals("-") || (!token.isEmpty() && token.length() < 6 && token.chars().allMatch(Character::isDigit));
    }
}

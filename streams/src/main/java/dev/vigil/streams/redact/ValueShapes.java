package dev.vigil.streams.redact;

import dev.vigil.model.redact.Assignments;
import dev.vigil.model.redact.SecretPatterns;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ContainerNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

import java.util.Map;

/**
 * Walks a request or response object for secrets found by their shape ({@link SecretPatterns}) in any string, and
 * for the value after a secret-looking flag in {@code args} and {@code command} arrays ({@code ["--token", "x"]}).
 * Leaves that the name-based scans already redacted are left to them.
 */
final class ValueShapes {

    private ValueShapes() {
    }

    /** Collects the hits of {@code root}; a first pass without path bookkeeping spares events without any. */
    static void scan(JsonNode root, SecretScan scan) {
        if (holdsSecret(root, false)) {
            walk(root, scan);
        }
    }

    /**
     * Whether any string of the tree holds a secret shape, or follows a secret flag in an argument list. Every event's
     * objects pass here: the node types are told by {@code instanceof}, not by {@code isString()}/{@code isObject()},
     * which ask each node its type through a call that sees every node class and so is not inlined.
     */
    private static boolean holdsSecret(JsonNode node, boolean argumentList) {
        if (node instanceof StringNode string) {
            String text = string.stringValue();
            return text.length() >= 5 && SecretPatterns.redact(text) != text;
        }
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                JsonNode child = field.getValue();
                if ((child instanceof StringNode || child instanceof ContainerNode<?>)
                        && holdsSecret(child, isArgumentList(field.getKey()))) {
                    return true;
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                JsonNode item = array.get(i);
                if (argumentList && item instanceof StringNode string && Assignments.isSecretFlag(string.stringValue())
                        || (item instanceof StringNode || item instanceof ContainerNode<?>) && holdsSecret(item, false)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void walk(JsonNode node, SecretScan scan) {
        if (node.isString()) {
            string(node.stringValue(), scan);
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                JsonNode child = field.getValue();
                if (child.isString() || child.isContainer()) {
                    scan.enter(field.getKey());
                    if (child.isArray() && isArgumentList(field.getKey())) {
                        arguments(child, scan);
                    } else {
                        walk(child, scan);
                    }
                    scan.leave();
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                JsonNode item = node.get(i);
                if (item.isString() || item.isContainer()) {
                    scan.enter(i);
                    walk(item, scan);
                    scan.leave();
                }
            }
        }
    }

    private static boolean isArgumentList(String field) {
        return "args".equals(field) || "command".equals(field);
    }

    /** Container arguments: a secret flag without {@code =} makes the next argument a secret as a whole. */
    private static void arguments(JsonNode arguments, SecretScan scan) {
        boolean afterSecretFlag = false;
        for (int i = 0; i < arguments.size(); i++) {
            JsonNode argument = arguments.get(i);
            scan.enter(i);
            if (argument.isString()) {
                String text = argument.stringValue();
                if (afterSecretFlag && !text.startsWith("-") && Assignments.isSecretValue(text, 0, text.length())) {
                    scan.secret(argument);
                } else {
                    string(text, scan);
                }
                afterSecretFlag = Assignments.isSecretFlag(text);
            } else {
                afterSecretFlag = false;
                walk(argument, scan);
            }
            scan.leave();
        }
    }

    private static void string(String text, SecretScan scan) {
        if (text.length() < 5 || scan.isHit()) {
            return;
        }
        String redacted = SecretPatterns.redact(text, scan::secretValue);
        if (!redacted.equals(text)) {
            scan.partial(redacted);
        }
    }
}

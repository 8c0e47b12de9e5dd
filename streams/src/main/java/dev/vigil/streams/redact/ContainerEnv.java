package dev.vigil.streams.redact;

import dev.vigil.model.json.VigilJson;
import dev.vigil.model.redact.SecretEnvNames;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import java.util.Map;

/**
 * Finds the literal {@code value}s of environment variables with secret-looking names in pods, workload templates,
 * lists of them and patches to them, wherever an {@code env} array sits (containers, initContainers,
 * ephemeralContainers, any template depth). A {@code last-applied-configuration} annotation that repeats such a value
 * is redacted as a whole.
 */
final class ContainerEnv {

    private final SecretEnvNames names;

    ContainerEnv(SecretEnvNames names) {
        this.names = names;
    }

    void scan(JsonNode root, SecretScan scan) {
        if (root.isArray() && isJsonPatch(root)) {
            jsonPatch(root, scan);
        } else {
            walk(root, scan);
        }
    }

    /** Whether a tree (an annotation's JSON) holds a secret env value; collects the values it finds. */
    private boolean hasSecretEnv(JsonNode root, SecretScan scan) {
        SecretScan nested = scan.nested();
        walk(root, nested);
        return nested.found();
    }

    private void walk(JsonNode node, SecretScan scan) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                JsonNode child = field.getValue();
                if (!child.isContainer()) {
                    continue;
                }
                scan.enter(field.getKey());
                if ("env".equals(field.getKey()) && child.isArray()) {
                    env(child, scan);
                } else if ("annotations".equals(field.getKey()) && child.isObject()) {
                    lastApplied(child, scan);
                } else {
                    walk(child, scan);
                }
                scan.leave();
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                if (node.get(i).isContainer()) {
                    scan.enter(i);
                    walk(node.get(i), scan);
                    scan.leave();
                }
            }
        }
    }

    private void env(JsonNode env, SecretScan scan) {
        for (int i = 0; i < env.size(); i++) {
            JsonNode variable = env.get(i);
            if (variable.isObject() && isSecretVariable(variable)) {
                scan.enter(i);
                scan.enter("value");
                scan.secret(variable.get("value"));
                scan.leave();
                scan.leave();
            }
        }
    }

    private boolean isSecretVariable(JsonNode variable) {
        JsonNode name = variable.get("name");
        JsonNode value = variable.get("value");
        return name != null && name.isString() && value != null && !value.isNull() && names.isSecret(name.stringValue());
    }

    private void lastApplied(JsonNode annotations, SecretScan scan) {
        JsonNode annotation = annotations.get(Redactor.LAST_APPLIED);
        if (annotation == null || !annotation.isString()) {
            return;
        }
        JsonNode applied;
        try {
            applied = VigilJson.mapper().readTree(annotation.stringValue());
        } catch (JacksonException notJson) {
            return;
        }
        if (applied != null && hasSecretEnv(applied, scan)) {
            scan.enter(Redactor.LAST_APPLIED);
            scan.secret(annotation);
            scan.leave();
        }
    }

    private static boolean isJsonPatch(JsonNode array) {
        return !array.isEmpty() && array.get(0).isObject() && array.get(0).has("op") && array.get(0).has("path");
    }

    /**
     * RFC 6902 operations: a value added under an {@code env} path is checked by its name; a bare
     * {@code …/env/N/value} replacement carries no name, so it is redacted whatever the variable is.
     */
    private void jsonPatch(JsonNode operations, SecretScan scan) {
        for (int i = 0; i < operations.size(); i++) {
            JsonNode operation = operations.get(i);
            JsonNode path = operation.path("path");
            JsonNode value = operation.get("value");
            if (value == null || !path.isString()) {
                continue;
            }
            scan.enter(i);
            scan.enter("value");
            String target = path.stringValue();
            if (target.contains("/env/") && target.endsWith("/value")) {
                scan.secret(value);
            } else if (target.contains("/env/") && value.isObject() && isSecretVariable(value)) {
                scan.enter("value");
                scan.secret(value.get("value"));
                scan.leave();
            } else if (target.endsWith("/env") && value.isArray()) {
                env(value, scan);
            } else if (value.isContainer()) {
                walk(value, scan);
            }
            scan.leave();
            scan.leave();
        }
    }
}

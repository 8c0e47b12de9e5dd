package dev.vigil.streams.redact;

import dev.vigil.model.json.VigilJson;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import java.util.Map;

/**
 * Finds the values of Secrets in a request or response object: {@code data}, {@code stringData} and the
 * {@code kubectl.kubernetes.io/last-applied-configuration} annotation (which repeats the data), in a Secret, in the
 * items of a {@code SecretList}/{@code List}/{@code Table}, and in patches of a secret (merge patches without
 * {@code kind}, JSON patches whose operations carry values).
 */
final class SecretObjects {

    private SecretObjects() {
    }

    /**
     * @param assumeSecret the request was about {@code secrets}, so an object without {@code kind} (a patch) is a
     *                     Secret and a JSON patch's values are secret
     */
    static void scan(JsonNode root, boolean assumeSecret, SecretScan scan) {
        if (root.isArray()) {
            if (assumeSecret) {
                jsonPatch(root, scan);
            }
            return;
        }
        if (!root.isObject()) {
            return;
        }
        String kind = kind(root);
        JsonNode items = root.get("items");
        if (items != null && items.isArray() && (kind == null || kind.endsWith("List"))) {
            boolean itemsAreSecrets = assumeSecret || "SecretList".equals(kind);
            scan.enter("items");
            for (int i = 0; i < items.size(); i++) {
                scan.enter(i);
                item(items.get(i), itemsAreSecrets, scan);
                scan.leave();
            }
            scan.leave();
        } else if ("Table".equals(kind)) {
            table(root, assumeSecret, scan);
        } else if (isSecret(kind, assumeSecret)) {
            secret(root, scan);
        }
    }

    /** Whether a tree can hold a Secret at all: cheap pre-check on {@code kind} for requests not about secrets. */
    static boolean mayContain(JsonNode root) {
        String kind = kind(root);
        return "Secret".equals(kind) || "SecretList".equals(kind) || "List".equals(kind);
    }

    private static void item(JsonNode item, boolean itemsAreSecrets, SecretScan scan) {
        if (item != null && item.isObject() && isSecret(kind(item), itemsAreSecrets)) {
            secret(item, scan);
        }
    }

    private static void table(JsonNode table, boolean assumeSecret, SecretScan scan) {
        JsonNode rows = table.get("rows");
        if (rows == null || !rows.isArray()) {
            return;
        }
        scan.enter("rows");
        for (int i = 0; i < rows.size(); i++) {
            scan.enter(i);
            scan.enter("object");
            item(rows.get(i).get("object"), assumeSecret, scan);
            scan.leave();
            scan.leave();
        }
        scan.leave();
    }

    private static boolean isSecret(String kind, boolean assumeSecret) {
        return "Secret".equals(kind) || kind == null && assumeSecret;
    }

    private static void secret(JsonNode secret, SecretScan scan) {
        values(secret, "data", scan);
        values(secret, "stringData", scan);
        JsonNode annotations = secret.path("metadata").path("annotations");
        JsonNode lastApplied = annotations.get(Redactor.LAST_APPLIED);
        if (lastApplied != null && !lastApplied.isNull()) {
            scan.enter("metadata");
            scan.enter("annotations");
            scan.enter(Redactor.LAST_APPLIED);
            scan.secret(lastApplied);
            scan.leave();
            scan.leave();
            scan.leave();
            appliedValues(lastApplied, scan);
        }
    }

    /** The annotation repeats {@code data} and {@code stringData} as JSON text: remember those values too. */
    private static void appliedValues(JsonNode lastApplied, SecretScan scan) {
        if (!lastApplied.isString()) {
            return;
        }
        try {
            JsonNode applied = VigilJson.mapper().readTree(lastApplied.stringValue());
            if (applied != null && applied.isObject()) {
                SecretScan nested = scan.nested();
                values(applied, "data", nested);
                values(applied, "stringData", nested);
            }
        } catch (JacksonException notJson) {
            // The whole annotation is redacted and remembered anyway.
        }
    }

    private static void values(JsonNode secret, String field, SecretScan scan) {
        JsonNode data = secret.get(field);
        if (data == null || !data.isObject()) {
            return;
        }
        scan.enter(field);
        for (Map.Entry<String, JsonNode> entry : data.properties()) {
            scan.enter(entry.getKey());
            scan.secret(entry.getValue());
            scan.leave();
        }
        scan.leave();
    }

    /** RFC 6902 operations on a secret: every {@code value} may be secret material. */
    private static void jsonPatch(JsonNode operations, SecretScan scan) {
        for (int i = 0; i < operations.size(); i++) {
            JsonNode operation = operations.get(i);
            if (operation.isObject() && operation.has("value")) {
                scan.enter(i);
                scan.enter("value");
                scan.secret(operation.get("value"));
                scan.leave();
                scan.leave();
            }
        }
    }

    static String kind(JsonNode object) {
        JsonNode kind = object.get("kind");
        return kind != null && kind.isString() ? kind.stringValue() : null;
    }
}

package dev.vigil.streams.redact;

import dev.vigil.model.audit.AuditRecordCodec;
import dev.vigil.model.redact.Assignments;
import dev.vigil.model.redact.SecretEnvNames;
import dev.vigil.model.redact.SecretPatterns;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

import java.util.Set;

/**
 * Tells, while the evidence decoder reads a request or response object token by token, that the {@link Redactor}
 * will leave it as it is, so that its bytes can go into the evidence as they arrived, without a tree
 * ({@link AuditRecordCodec#decodeChecked}). It answers false for a superset of what the redactor looks for in an
 * object — then the record takes the tree path and the redactor itself decides:
 * <ul>
 * <li>any string with a secret shape ({@link ValueShapes}), a secret flag in {@code args} or {@code command};</li>
 * <li>an object whose top-level {@code kind} can hold Secrets ({@link SecretObjects#mayContain});</li>
 * <li>an entry of any {@code env} array with a secret-looking name and a value ({@link ContainerEnv}), a
 *     {@code path} into an {@code env} (a JSON patch), a {@code last-applied-configuration} that may hold an
 *     {@code env};</li>
 * </ul>
 * What the redactor decides by the request's resource (secrets, service-account tokens, token reviews) is not in the
 * object: {@link Redactor#redactsObjectsOf} says so after the read. Every string and number is converted as the tree
 * reader converts it, so that the read fails where building the tree would.
 */
final class ObjectSecretCheck implements AuditRecordCodec.ObjectCheck {

    private static final Set<String> SECRET_HOLDING_KINDS = Set.of("Secret", "SecretList", "List", "Table");

    private enum ArrayKind { PLAIN, ARGUMENTS, ENV }

    private final SecretEnvNames names;

    ObjectSecretCheck(SecretEnvNames names) {
        this.names = names;
    }

    @Override
    public boolean passes(JsonParser parser) {
        return parser.currentToken() == JsonToken.START_OBJECT ? object(parser, true, false)
                : array(parser, ArrayKind.PLAIN);
    }

    private boolean object(JsonParser parser, boolean root, boolean envEntry) {
        String envName = null;
        boolean envValue = false;
        String name;
        while ((name = parser.nextName()) != null) {
            JsonToken token = parser.nextToken();
            switch (token) {
                case START_OBJECT -> {
                    if (!object(parser, false, false)) {
                        return false;
                    }
                }
                case START_ARRAY -> {
                    if (!array(parser, arrayKind(name))) {
                        return false;
                    }
                }
                case VALUE_STRING -> {
                    String text = parser.getString();
                    if (!plain(text) || !plainField(root, name, text)) {
                        return false;
                    }
                    if (envEntry && "name".equals(name)) {
                        envName = text;
                    }
                }
                default -> {
                    if (!scalar(parser, token)) {
                        return false;
                    }
                }
            }
            envValue |= envEntry && "value".equals(name) && token != JsonToken.VALUE_NULL;
        }
        return !(envName != null && envValue && names.isSecret(envName));
    }

    private boolean array(JsonParser parser, ArrayKind kind) {
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            switch (token) {
                case START_OBJECT -> {
                    if (!object(parser, false, kind == ArrayKind.ENV)) {
                        return false;
                    }
                }
                case START_ARRAY -> {
                    if (!array(parser, ArrayKind.PLAIN)) {
                        return false;
                    }
                }
                case VALUE_STRING -> {
                    String text = parser.getString();
                    if (!plain(text) || kind == ArrayKind.ARGUMENTS && Assignments.isSecretFlag(text)) {
                        return false;
                    }
                }
                default -> {
                    if (!scalar(parser, token)) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private static ArrayKind arrayKind(String field) {
        return switch (field) {
            case "args", "command" -> ArrayKind.ARGUMENTS;
            case "env" -> ArrayKind.ENV;
            default -> ArrayKind.PLAIN;
        };
    }

    /** No secret shape in the string, as {@link ValueShapes} tests it. */
    private static boolean plain(String text) {
        return text.length() < 5 || SecretPatterns.redact(text) == text;
    }

    /** Nothing the name-based scans look for in this field. */
    private static boolean plainField(boolean root, String name, String text) {
        return switch (name) {
            case "kind" -> !root || !SECRET_HOLDING_KINDS.contains(text);
            case "path" -> !text.contains("/env");
            // the annotation is JSON text: an env in it is the key "env", spelt plainly or with escapes
            case Redactor.LAST_APPLIED -> !text.contains("env") && text.indexOf('\\') < 0;
            default -> true;
        };
    }

    /**
     * A number, boolean or null; a number converted as the tree reader converts it (floats as BigDecimal), so that
     * it fails where the tree would. False for any other token.
     */
    private static boolean scalar(JsonParser parser, JsonToken token) {
        switch (token) {
            case VALUE_NUMBER_FLOAT -> parser.getDecimalValue();
            case VALUE_NUMBER_INT -> parser.getNumberValue();
            case VALUE_TRUE, VALUE_FALSE, VALUE_NULL -> {
            }
            default -> {
                return false;
            }
        }
        return true;
    }
}

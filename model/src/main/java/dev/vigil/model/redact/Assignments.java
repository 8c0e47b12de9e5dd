package dev.vigil.model.redact;

import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Values assigned to secret-looking keys inside a string: {@code --db-password=x}, {@code DB_PASS=x},
 * {@code aws_secret_access_key = x}, {@code "client_secret": "x"}, {@code password: x}, {@code Password=x;} and the
 * argument form {@code --token x}. Keys are judged like env names ({@link SecretEnvNames}, default markers) unless
 * their last part says the value only names or points at a secret ({@code secretName}, {@code --token-file},
 * {@code tokenExpirationSeconds}). Linear scans: no regular expression an attacker could make backtrack.
 */
public final class Assignments {

    private static final SecretEnvNames KEYS = new SecretEnvNames(SecretEnvNames.DEFAULT_MARKERS);

    /** Key endings whose value is a name, a reference, a path or a setting, not the secret itself. */
    private static final List<String> NOT_SECRET_SUFFIXES = List.of("name", "names", "ref", "refs", "path", "file",
            "files", "dir", "mount", "type", "ttl", "expiry", "expires", "expiration", "seconds", "length", "size",
            "enabled", "count", "id", "url", "uri", "endpoint", "audience", "audiences", "issuer", "store",
            "provider", "mode", "format", "header", "location");
    /** Values that are settings, or references to the secret elsewhere, not the secret. */
    private static final List<String> NOT_SECRET_VALUES = List.of("true", "false", "null", "none", "$(", "${",
            SecretPatterns.REDACTED);
    private static final int MAX_KEY = 64;

    private Assignments() {
    }

    /** @param found the {@link SecretPatterns#characters} of {@code text} */
    static String redact(String text, Consumer<String> removed, int found) {
        String result = text;
        if ((found & (SecretPatterns.EQUALS | SecretPatterns.COLON)) != 0) {
            result = separated(result, removed);
        }
        if ((found & (SecretPatterns.DASH | SecretPatterns.SPACE)) == (SecretPatterns.DASH | SecretPatterns.SPACE)) {
            result = flagArguments(result, removed);
        }
        return result;
    }

    /** Whether an argument such as {@code --db-password} (no {@code =}) takes a secret as its next argument. */
    public static boolean isSecretFlag(String argument) {
        if (argument.length() < 3 || argument.charAt(0) != '-' || argument.length() > MAX_KEY) {
            return false;
        }
        int start = argument.charAt(1) == '-' ? 2 : 1;
        for (int i = start; i < argument.length(); i++) {
            if (!isKeyChar(argument.charAt(i))) {
                return false;
            }
        }
        return isSecretKey(argument, start, argument.length());
    }

    /** Whether a whole value may be replaced: not empty, not a setting, not a reference to the secret. */
    public static boolean isSecretValue(String text, int from, int to) {
        if (to <= from) {
            return false;
        }
        for (String setting : NOT_SECRET_VALUES) {
            int end = from + setting.length();
            if (text.regionMatches(true, from, setting, 0, setting.length())
                    && (end >= to || !Character.isLetterOrDigit(text.charAt(end)) || !isKeyChar(setting.charAt(0)))) {
                return false;
            }
        }
        return true;
    }

    /** {@code key=value} and {@code key: value} / {@code "key":"value"}. */
    private static String separated(String text, Consumer<String> removed) {
        StringBuilder out = null;
        int copied = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '=' && c != ':' || i < copied) {
                continue;
            }
            int keyEnd = i;
            boolean quotedKey = keyEnd > 0 && (text.charAt(keyEnd - 1) == '"' || text.charAt(keyEnd - 1) == '\'');
            if (quotedKey) {
                keyEnd--;
            }
            while (keyEnd > 0 && text.charAt(keyEnd - 1) == ' ') {
                keyEnd--;
            }
            int keyStart = keyEnd;
            while (keyStart > 0 && keyEnd - keyStart < MAX_KEY && isKeyChar(text.charAt(keyStart - 1))) {
                keyStart--;
            }
            int valueStart = i + 1;
            while (valueStart < text.length() && (text.charAt(valueStart) == ' ' || text.charAt(valueStart) == '\t')) {
                valueStart++;
            }
            // "key: value" or "key":"value"; a bare colon is an image tag, a port or a time.
            if (c == ':' && !quotedKey && valueStart == i + 1) {
                continue;
            }
            if (keyStart == keyEnd || !startsKey(text, keyStart) || !isSecretKey(text, keyStart, keyEnd)) {
                continue;
            }
            char quote = 0;
            if (valueStart < text.length() && (text.charAt(valueStart) == '"' || text.charAt(valueStart) == '\'')) {
                quote = text.charAt(valueStart);
                valueStart++;
            }
            int valueEnd = valueEnd(text, valueStart, quote);
            if (!isSecretValue(text, valueStart, valueEnd) || text.charAt(valueStart) == '{'
                    || text.charAt(valueStart) == '[') {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length());
            }
            removed.accept(text.substring(valueStart, valueEnd));
            out.append(text, copied, valueStart).append(SecretPatterns.REDACTED);
            copied = valueEnd;
        }
        return out == null ? text : out.append(text, copied, text.length()).toString();
    }

    /** {@code --token x}: a secret-looking flag followed by whitespace and a value that is no flag itself. */
    private static String flagArguments(String text, Consumer<String> removed) {
        StringBuilder out = null;
        int copied = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) != '-' || i > 0 && !Character.isWhitespace(text.charAt(i - 1)) || i < copied) {
                continue;
            }
            int flagEnd = i;
            while (flagEnd < text.length() && (text.charAt(flagEnd) == '-' || isKeyChar(text.charAt(flagEnd)))) {
                flagEnd++;
            }
            if (flagEnd >= text.length() || !Character.isWhitespace(text.charAt(flagEnd))
                    || !KEYS.mayBeSecret(text, i, flagEnd) || !isSecretFlag(text.substring(i, flagEnd))) {
                continue;
            }
            int valueStart = flagEnd;
            while (valueStart < text.length() && Character.isWhitespace(text.charAt(valueStart))) {
                valueStart++;
            }
            int valueEnd = valueEnd(text, valueStart, (char) 0);
            if (valueStart >= text.length() || text.charAt(valueStart) == '-'
                    || !isSecretValue(text, valueStart, valueEnd)) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length());
            }
            removed.accept(text.substring(valueStart, valueEnd));
            out.append(text, copied, valueStart).append(SecretPatterns.REDACTED);
            copied = valueEnd;
            i = valueEnd - 1;
        }
        return out == null ? text : out.append(text, copied, text.length()).toString();
    }

    /** A key starts a string, a word, a quoted name or a list item; after {@code /} it is part of a path. */
    private static boolean startsKey(String text, int keyStart) {
        if (keyStart == 0) {
            return true;
        }
        char before = text.charAt(keyStart - 1);
        return Character.isWhitespace(before) || "\"'{,;&?([|\\".indexOf(before) >= 0;
    }

    private static int valueEnd(String text, int from, char quote) {
        int i = from;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (quote != 0 ? c == quote || c == '\\' && i + 1 < text.length() && text.charAt(i + 1) == quote
                    : c == '"' || c == '\'' || c == '\\' || c == '&' || c == ';' || Character.isWhitespace(c)) {
                break;
            }
            i++;
        }
        return i;
    }

    private static boolean isSecretKey(String text, int from, int to) {
        if (!KEYS.mayBeSecret(text, from, to)) {
            return false; // most keys (RBAC, image, https): no substring, no lower-casing
        }
        String key = text.substring(from, to);
        String lower = key.toLowerCase(Locale.ROOT);
        for (String suffix : NOT_SECRET_SUFFIXES) {
            if (lower.endsWith(suffix) && lower.length() > suffix.length()) {
                return false;
            }
        }
        return KEYS.isSecret(key);
    }

    private static boolean isKeyChar(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-');
    }
}

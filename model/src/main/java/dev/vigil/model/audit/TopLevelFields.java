package dev.vigil.model.audit;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the text of a JSON object into its top-level fields without parsing their values: strings and brackets
 * are followed, nothing else. Strict about the top level itself ({@code { "name" : value , … }} and nothing after),
 * so that reading the fields one by one accepts no more than a parser reading the whole would — apart from what
 * is inside the values.
 */
final class TopLevelFields {

    /** The JSON text of a field's name (a string literal, quotes included) and of its value. */
    record Field(String name, String value) {
    }

    private final String text;
    private int at;

    private TopLevelFields(String text) {
        this.text = text;
    }

    /** The fields, or null when the text is not an object at its top level. */
    static List<Field> split(String text) {
        return new TopLevelFields(text).fields();
    }

    private List<Field> fields() {
        List<Field> fields = new ArrayList<>();
        skipWhitespace();
        if (!take('{')) {
            return null;
        }
        skipWhitespace();
        if (take('}')) {
            return end() ? fields : null;
        }
        while (true) {
            skipWhitespace();
            if (at >= text.length() || text.charAt(at) != '"') {
                return null;
            }
            int nameStart = at;
            if (!skipString()) {
                return null;
            }
            String name = text.substring(nameStart, at);
            skipWhitespace();
            if (!take(':')) {
                return null;
            }
            skipWhitespace();
            int valueStart = at;
            if (!skipValue()) {
                return null;
            }
            fields.add(new Field(name, text.substring(valueStart, at)));
            skipWhitespace();
            if (take('}')) {
                return end() ? fields : null;
            }
            if (!take(',')) {
                return null;
            }
        }
    }

    private boolean end() {
        skipWhitespace();
        return at == text.length();
    }

    private boolean skipValue() {
        if (at >= text.length()) {
            return false;
        }
        char c = text.charAt(at);
        if (c == '"') {
            return skipString();
        }
        if (c != '{' && c != '[') {
            int start = at;
            while (at < text.length() && ",}] \t\r\n".indexOf(text.charAt(at)) < 0) {
                at++;
            }
            return at > start;
        }
        int depth = 0;
        while (at < text.length()) {
            c = text.charAt(at);
            if (c == '"') {
                if (!skipString()) {
                    return false;
                }
                continue;
            }
            at++;
            if (c == '{' || c == '[') {
                depth++;
            } else if ((c == '}' || c == ']') && --depth == 0) {
                return true;
            }
        }
        return false;
    }

    /** At an opening quote: moves past the closing one. */
    private boolean skipString() {
        at++;
        while (at < text.length()) {
            char c = text.charAt(at++);
            if (c == '\\') {
                at++;
            } else if (c == '"') {
                return true;
            }
        }
        return false;
    }

    private boolean take(char expected) {
        if (at < text.length() && text.charAt(at) == expected) {
            at++;
            return true;
        }
        return false;
    }

    private void skipWhitespace() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
    }
}

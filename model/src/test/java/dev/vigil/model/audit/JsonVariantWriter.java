package dev.vigil.model.audit;

import dev.vigil.model.json.VigilJson;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Writes a JSON tree the many ways JSON allows, for differential tests: whitespace between any two tokens, members
 * in any order, escapes in names and strings (a letter as a Unicode escape, an escaped slash), numbers in other
 * spellings, and decoy duplicate members before the real ones. A string value {@code RAW + text} is written as the
 * text itself, so that a test can place any literal (an odd number, broken JSON) anywhere.
 */
final class JsonVariantWriter {

    static final String RAW = "\u0000raw:";
    private static final String[] WHITESPACE = {" ", "\n", "\t", "\r\n", "  "};
    private static final String[] DECOYS = {"\"decoy\"", "5", "null", "true", "{}", "[]", "{\"verb\":\"x\"}",
            "[\"system:masters\"]", "200", "\"forbid\""};

    /** How much of each variation to apply, each a probability per place it could apply. */
    record Style(double whitespace, double shuffle, double escapeName, double escapeValue, double duplicate,
                 double oddNumber) {
        static final Style PLAIN = new Style(0, 0, 0, 0, 0, 0);
        static final Style LAYOUT = new Style(0.3, 1, 0, 0, 0, 0);
    }

    private final Random random;
    private final Style style;
    private final StringBuilder out = new StringBuilder();

    JsonVariantWriter(Random random, Style style) {
        this.random = random;
        this.style = style;
    }

    String write(JsonNode node) {
        out.setLength(0);
        space();
        value(node);
        space();
        return out.toString();
    }

    private boolean chance(double p) {
        return p > 0 && random.nextDouble() < p;
    }

    private void space() {
        if (chance(style.whitespace())) {
            out.append(WHITESPACE[random.nextInt(WHITESPACE.length)]);
        }
    }

    private void value(JsonNode node) {
        if (node.isObject()) {
            List<Map.Entry<String, JsonNode>> members = new ArrayList<>(node.properties());
            if (chance(style.shuffle())) {
                Collections.shuffle(members, random);
            }
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, JsonNode> member : members) {
                if (chance(style.duplicate())) {
                    first = member(first, member.getKey(), random.nextInt(5) == 0 ? null : alike(member.getValue()));
                }
                first = member(first, member.getKey(), member.getValue());
            }
            space();
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                space();
                if (i > 0) {
                    out.append(',');
                    space();
                }
                value(node.get(i));
            }
            space();
            out.append(']');
        } else if (node.isString() && node.stringValue().startsWith(RAW)) {
            out.append(node.stringValue().substring(RAW.length()));
        } else if (node.isString()) {
            string(node.stringValue(), style.escapeValue());
        } else if (node.isIntegralNumber() && chance(style.oddNumber())) {
            String[] forms = {".0", "e0", "E+0", ".00", "0e-1"};
            String form = forms[random.nextInt(forms.length)];
            out.append(node.asString()).append(form); // 200e0, 2000e-1: still 200, but not an int token
        } else {
            out.append(node.toString());
        }
    }

    /** A decoy of the same type as a value, which a reader must let the real value after it replace. */
    private static JsonNode alike(JsonNode value) {
        String decoy;
        if (value.isString()) {
            decoy = "\"decoy\"";
        } else if (value.isObject()) {
            decoy = "{\"username\":\"u\",\"groups\":[\"g\"],\"resource\":\"r\",\"namespace\":\"n\",\"code\":418,"
                    + "\"authorization.k8s.io/decision\":\"d\"}";
        } else if (value.isArray()) {
            decoy = "[\"system:masters\"]";
        } else if (value.isNumber()) {
            decoy = "418";
        } else {
            decoy = "null";
        }
        return VigilJson.tolerantMapper().readTree(decoy);
    }

    /** A member, or a decoy of it (value null): writes the comma before it unless first. */
    private boolean member(boolean first, String name, JsonNode value) {
        space();
        if (!first) {
            out.append(',');
            space();
        }
        string(name, style.escapeName());
        space();
        out.append(':');
        space();
        if (value == null) {
            out.append(DECOYS[random.nextInt(DECOYS.length)]);
        } else {
            value(value);
        }
        return false;
    }

    private void string(String text, double escape) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else if (chance(escape)) {
                out.append(c == '/' && random.nextBoolean() ? "\\/" : String.format("\\u%04X", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }
}

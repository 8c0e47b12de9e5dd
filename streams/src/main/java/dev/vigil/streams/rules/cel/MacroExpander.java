package dev.vigil.streams.rules.cel;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Expands named macros inside CEL text: every identifier that names a macro (not a field after {@code .}, not a
 * function name before {@code (}, not inside a string literal) is replaced by the macro's own expansion in
 * parentheses. Textual expansion keeps macros free to use any variable, list or function, and the compiled
 * program is exactly what a hand-written condition would be.
 */
final class MacroExpander {

    private final Map<String, String> macros;
    private final Map<String, String> expanded = new HashMap<>();

    MacroExpander(Map<String, String> macros) {
        this.macros = macros;
    }

    /** The text with every macro expanded; throws {@link IllegalArgumentException} on a macro cycle. */
    String expand(String text) {
        return expand(text, new ArrayDeque<>());
    }

    /** The macros a text names directly. */
    Set<String> references(String text) {
        Set<String> names = new LinkedHashSet<>();
        scan(text, name -> {
            names.add(name);
            return name;
        });
        return names;
    }

    /** Every name a text uses as a variable (not a field, a function or inside a string), macros expanded. */
    Set<String> variables(String text) {
        Set<String> names = new LinkedHashSet<>();
        scan(expand(text), word -> true, name -> {
            names.add(name);
            return name;
        });
        return names;
    }

    private String expand(String text, Deque<String> stack) {
        return scan(text, name -> "(" + expansion(name, stack) + ")");
    }

    private String expansion(String name, Deque<String> stack) {
        String done = expanded.get(name);
        if (done != null) {
            return done;
        }
        if (stack.contains(name)) {
            throw new IllegalArgumentException("macro cycle: " + String.join(" -> ", stack) + " -> " + name);
        }
        stack.addLast(name);
        String result = expand(macros.get(name), stack);
        stack.removeLast();
        expanded.put(name, result);
        return result;
    }

    private interface Replacement {
        String apply(String macroName);
    }

    private String scan(String text, Replacement replacement) {
        return scan(text, macros::containsKey, replacement);
    }

    private String scan(String text, java.util.function.Predicate<String> wanted, Replacement replacement) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\'' || c == '"') {
                int end = skipString(text, i);
                out.append(text, i, end);
                i = end;
            } else if (Character.isLetter(c) || c == '_') {
                int end = i;
                while (end < n && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
                    end++;
                }
                String word = text.substring(i, end);
                boolean rawPrefix = (word.equals("r") || word.equals("R") || word.equals("b") || word.equals("B"))
                        && end < n && (text.charAt(end) == '\'' || text.charAt(end) == '"');
                if (rawPrefix) {
                    int stringEnd = skipString(text, end);
                    out.append(text, i, stringEnd);
                    i = stringEnd;
                    continue;
                }
                if (wanted.test(word) && !afterDot(text, i) && !beforeParen(text, end)) {
                    out.append(replacement.apply(word));
                } else {
                    out.append(word);
                }
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static int skipString(String text, int start) {
        char quote = text.charAt(start);
        boolean triple = text.startsWith(String.valueOf(quote).repeat(3), start);
        boolean raw = start > 0 && (text.charAt(start - 1) == 'r' || text.charAt(start - 1) == 'R');
        int i = start + (triple ? 3 : 1);
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\' && !raw) {
                i += 2;
                continue;
            }
            if (triple ? text.startsWith(String.valueOf(quote).repeat(3), i) : c == quote) {
                return i + (triple ? 3 : 1);
            }
            i++;
        }
        return text.length();
    }

    private static boolean afterDot(String text, int index) {
        int i = index - 1;
        while (i >= 0 && Character.isWhitespace(text.charAt(i))) {
            i--;
        }
        return i >= 0 && text.charAt(i) == '.';
    }

    private static boolean beforeParen(String text, int index) {
        int i = index;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i < text.length() && text.charAt(i) == '(';
    }
}

package dev.vigil.streams.rules.cel;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Facts from a request URI for rule functions: the decoded values of a query parameter ({@code command=} of an
 * exec, {@code ports=} of a port-forward) and the words of a command line. Never throws on odd input.
 */
final class RequestUris {

    /** Bounds the work on an attacker-sized URI (the API server accepts long query strings). */
    private static final int MAX_VALUES = 256;
    /** Whitespace and shell punctuation: the words of {@code sh -c "curl -s http://x|sh"} are sh, -c, curl, … */
    private static final Pattern WORD_BREAK = Pattern.compile("[\\s;|&()<>`'\"$={}]+");

    private RequestUris() {
    }

    /**
     * Every value of query parameter {@code name}, URL-decoded, in order: {@code ?command=sh&command=-c&command=id}
     * gives {@code [sh, -c, id]}. A value that is not valid percent-encoding is returned as written.
     */
    static List<String> queryParam(String uri, String name) {
        if (uri == null || name == null || name.isEmpty()) {
            return List.of();
        }
        int query = uri.indexOf('?');
        if (query < 0) {
            return List.of();
        }
        int fragment = uri.indexOf('#', query);
        String text = uri.substring(query + 1, fragment < 0 ? uri.length() : fragment);
        List<String> values = new ArrayList<>();
        for (String pair : text.split("&", -1)) {
            int equals = pair.indexOf('=');
            String key = decode(equals < 0 ? pair : pair.substring(0, equals));
            if (key.equals(name)) {
                values.add(equals < 0 ? "" : decode(pair.substring(equals + 1)));
                if (values.size() == MAX_VALUES) {
                    break;
                }
            }
        }
        return values;
    }

    /**
     * The words of a command line given as arguments, split again at whitespace and shell punctuation (a shell's
     * {@code -c} script is one argument), each also by its file name ({@code /usr/bin/curl} gives
     * {@code /usr/bin/curl} and {@code curl}); distinct, in order.
     */
    static List<String> commandWords(List<?> arguments) {
        if (arguments == null) {
            return List.of();
        }
        Set<String> words = new LinkedHashSet<>();
        for (Object argument : arguments) {
            if (!(argument instanceof String text)) {
                continue;
            }
            for (String word : WORD_BREAK.split(text)) {
                if (word.isEmpty()) {
                    continue;
                }
                words.add(word);
                int slash = word.lastIndexOf('/');
                if (slash >= 0 && slash < word.length() - 1) {
                    words.add(word.substring(slash + 1));
                }
                if (words.size() >= MAX_VALUES * 4) {
                    return List.copyOf(words);
                }
            }
        }
        return List.copyOf(words);
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notEncoded) {
            return text;
        }
    }
}

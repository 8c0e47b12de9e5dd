package dev.vigil.alerting.notify.syslog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of CEF:0 lines the way a SIEM parses them (seven pipe-separated header fields with {@code \|} and
 * {@code \\} escapes, then {@code key=value} pairs with {@code \=}, {@code \\}, {@code \n} escapes), written
 * independently of {@link CefFormatter} to check its escaping from the outside.
 */
record CefEvent(List<String> header, Map<String, String> extension) {

    private static final Pattern KEY = Pattern.compile("(?:^| )([A-Za-z0-9]+)=");

    static CefEvent parse(String line) {
        List<String> header = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int index = 0;
        while (header.size() < 7) {
            char c = line.charAt(index++);
            if (c == '\\') {
                char escaped = line.charAt(index++);
                if (escaped != '\\' && escaped != '|') {
                    throw new IllegalArgumentException("bad header escape \\" + escaped);
                }
                field.append(escaped);
            } else if (c == '|') {
                header.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        return new CefEvent(header, extension(line.substring(index)));
    }

    private static Map<String, String> extension(String text) {
        Map<String, String> pairs = new LinkedHashMap<>();
        Matcher keys = KEY.matcher(text);
        List<int[]> spans = new ArrayList<>();
        List<String> names = new ArrayList<>();
        while (keys.find()) {
            names.add(keys.group(1));
            spans.add(new int[] {keys.start(), keys.end()});
        }
        for (int i = 0; i < names.size(); i++) {
            int end = i + 1 < spans.size() ? spans.get(i + 1)[0] : text.length();
            pairs.put(names.get(i), unescape(text.substring(spans.get(i)[1], end)));
        }
        return pairs;
    }

    private static String unescape(String value) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '=') {
                throw new IllegalArgumentException("unescaped '=' in value " + value);
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char escaped = value.charAt(++i);
            out.append(switch (escaped) {
                case '\\' -> '\\';
                case '=' -> '=';
                case 'n' -> '\n';
                case 'r' -> '\r';
                default -> throw new IllegalArgumentException("bad extension escape \\" + escaped);
            });
        }
        return out.toString();
    }

    String ext(String key) {
        return extension.get(key);
    }

    /** The value of the custom string whose label is {@code label}. */
    String custom(String label) {
        return extension.entrySet().stream()
                .filter(entry -> entry.getKey().matches("cs[1-6]Label") && entry.getValue().equals(label))
                .map(entry -> extension.get(entry.getKey().replace("Label", "")))
                .findFirst().orElse(null);
    }
}

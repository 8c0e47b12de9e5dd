package dev.vigil.model.text;

import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The one wildcard syntax of Vigil's allow-lists and notifier filters: {@code *} matches any run of characters,
 * everything else is literal, and a pattern matches the whole value.
 */
public final class Glob {

    private Glob() {
    }

    public static Pattern compile(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (String part : pattern.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        return Pattern.compile(regex.toString());
    }

    /** True for a non-null value that any of the patterns matches; false for every value when there are none. */
    public static Predicate<String> anyOf(List<String> patterns) {
        List<Pattern> compiled = patterns.stream().map(Glob::compile).toList();
        return value -> value != null && compiled.stream().anyMatch(p -> p.matcher(value).matches());
    }
}

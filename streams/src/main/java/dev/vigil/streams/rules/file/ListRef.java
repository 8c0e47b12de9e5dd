package dev.vigil.streams.rules.file;

import com.fasterxml.jackson.annotation.JsonCreator;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where a rule file expects a list of strings: either the list written out ({@code [pods, deployments]}) or the
 * name of a named list ({@code pod_resources}), resolved once the lists are known (configuration included).
 *
 * @param items the literal items, or null when a list is named
 * @param list  the named list, or null when the items are written out
 */
public record ListRef(List<String> items, String list) {

    public ListRef {
        items = items == null ? null : items.stream().map(v -> v == null ? "" : v).toList();
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static ListRef of(List<String> items) {
        return new ListRef(items == null ? List.of() : items, null);
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static ListRef named(String list) {
        return new ListRef(null, Objects.requireNonNull(list));
    }

    public boolean isNamed() {
        return list != null;
    }

    /** The items: written out, or the named list's (empty when there is no such list; the loader reports that). */
    public List<String> resolve(Map<String, List<String>> lists) {
        return isNamed() ? lists.getOrDefault(list, List.of()) : items;
    }

    @Override
    public String toString() {
        return isNamed() ? list : String.valueOf(items);
    }
}

package dev.vigil.streams.rules.file;

import com.fasterxml.jackson.annotation.JsonCreator;

import java.util.List;

/**
 * A named list as written: its items ({@code name: [a, b]}), or {@code name: {override: true, items: [a, b]}} to
 * replace a list of the same name that an earlier file (e.g. {@code core.yaml}) defines.
 */
public record NamedList(List<String> items, Boolean override) {

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public NamedList {
        items = items == null ? List.of() : items.stream().map(String::valueOf).toList();
        override = Boolean.TRUE.equals(override);
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static NamedList of(List<String> items) {
        return new NamedList(items, false);
    }

    public boolean overrides() {
        return override;
    }
}

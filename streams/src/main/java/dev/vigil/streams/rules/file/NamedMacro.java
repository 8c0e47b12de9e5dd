package dev.vigil.streams.rules.file;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * A macro as written: its CEL text ({@code name: text}), or {@code name: {override: true, expression: text}} to
 * replace a macro of the same name that an earlier file (e.g. {@code core.yaml}) defines.
 */
public record NamedMacro(String expression, Boolean override) {

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public NamedMacro {
        override = Boolean.TRUE.equals(override);
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static NamedMacro of(String expression) {
        return new NamedMacro(expression, false);
    }

    public boolean overrides() {
        return override;
    }
}

package dev.vigil.streams.rules.pss;

import java.util.Collection;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/** A {@link PssCheck} made of its id and a function, so each level lists its checks as methods. */
record Check(String id, BiFunction<PodTemplate, Boolean, Optional<String>> rule) implements PssCheck {

    @Override
    public Optional<String> violation(PodTemplate pod, boolean partial) {
        return rule.apply(pod, partial);
    }

    /** {@code containers "a", "b" <what>}, or empty when no container is named. */
    static Optional<String> containers(Collection<String> names, String what) {
        if (names.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of((names.size() == 1 ? "container " : "containers ") + quoted(names) + " " + what);
    }

    static String quoted(Collection<String> values) {
        return values.stream().map(v -> '"' + v + '"').collect(Collectors.joining(", "));
    }
}

package dev.vigil.streams.rules;

import dev.vigil.streams.rules.file.MatchSpec;

import java.util.List;
import java.util.Set;

/** A rule's {@link MatchSpec} as sets, with the defaults it documents applied. */
record RuleMatcher(Set<String> apiGroups, Set<String> resources, Set<String> subresources, Set<String> verbs,
                   Set<String> stages) {

    static final String ANY = "*";
    private static final Set<String> ANY_SET = Set.of(ANY);
    private static final Set<String> DEFAULT_STAGES = Set.of("ResponseComplete", "ResponseStarted");

    static RuleMatcher of(MatchSpec spec) {
        if (spec == null) {
            return new RuleMatcher(ANY_SET, ANY_SET, Set.of(""), ANY_SET, DEFAULT_STAGES);
        }
        return new RuleMatcher(set(spec.apiGroups(), ANY_SET), set(spec.resources(), ANY_SET),
                set(spec.subresources(), Set.of("")), set(spec.verbs(), ANY_SET), set(spec.stages(), DEFAULT_STAGES));
    }

    private static Set<String> set(List<String> values, Set<String> otherwise) {
        if (values == null || values.isEmpty()) {
            return otherwise;
        }
        return Set.copyOf(values.stream().map(v -> v == null ? "" : v).toList());
    }

    boolean anyResource() {
        return resources.contains(ANY);
    }

    boolean matches(EventKey key) {
        return in(apiGroups, key.apiGroup()) && in(resources, key.resource()) && in(subresources, key.subresource())
                && in(verbs, key.verb()) && (key.stage().isEmpty() || in(stages, key.stage()));
    }

    private static boolean in(Set<String> allowed, String value) {
        return allowed.contains(ANY) || allowed.contains(value);
    }
}

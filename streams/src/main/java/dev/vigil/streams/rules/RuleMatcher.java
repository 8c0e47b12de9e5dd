package dev.vigil.streams.rules;

import dev.vigil.streams.rules.file.ListRef;
import dev.vigil.streams.rules.file.MatchSpec;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** A rule's {@link MatchSpec} as sets, with the defaults it documents applied. */
record RuleMatcher(Set<String> apiGroups, Set<String> resources, Set<String> subresources, Set<String> verbs,
                   Set<String> stages) {

    static final String ANY = "*";
    private static final Set<String> ANY_SET = Set.of(ANY);
    private static final Set<String> DEFAULT_STAGES = Set.of("ResponseComplete", "ResponseStarted");

    /** The match with list names resolved against the loaded lists (configuration included). */
    static RuleMatcher of(MatchSpec spec, Map<String, List<String>> lists) {
        if (spec == null) {
            return new RuleMatcher(ANY_SET, ANY_SET, Set.of(""), ANY_SET, DEFAULT_STAGES);
        }
        return new RuleMatcher(set(spec.apiGroups(), lists, ANY_SET), set(spec.resources(), lists, ANY_SET),
                set(spec.subresources(), lists, Set.of("")), set(spec.verbs(), lists, ANY_SET),
                set(spec.stages(), lists, DEFAULT_STAGES));
    }

    /** A missing or empty literal list means the default; an empty named list matches nothing (not everything). */
    private static Set<String> set(ListRef ref, Map<String, List<String>> lists, Set<String> otherwise) {
        List<String> values = MatchSpec.items(ref, lists);
        if (ref != null && ref.isNamed()) {
            return Set.copyOf(values);
        }
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

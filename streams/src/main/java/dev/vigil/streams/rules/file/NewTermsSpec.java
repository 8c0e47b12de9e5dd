package dev.vigil.streams.rules.file;

import java.util.List;

/**
 * The {@code new_terms} block of a {@code kind: new_terms} rule: per key (the cluster plus the values of
 * {@code key}), the combinations of the values of {@code terms} seen within {@code params.history}; a combination
 * not seen fires, unless the rule is still in its {@code params.learning} period. At most
 * {@code params.max_terms} combinations are kept per key (the least recently seen is forgotten first).
 *
 * @param key   CEL value expressions the baseline is kept per, e.g. {@code user.username}
 * @param terms CEL value expressions whose combination must be new, e.g. {@code objectRef.namespace}
 * @param each  judge each term on its own (a new value of any one fires) rather than their combination
 */
public record NewTermsSpec(List<String> key, List<String> terms, Boolean each) {

    public NewTermsSpec {
        key = key == null ? List.of() : List.copyOf(key);
        terms = terms == null ? List.of() : List.copyOf(terms);
        each = Boolean.TRUE.equals(each);
    }
}

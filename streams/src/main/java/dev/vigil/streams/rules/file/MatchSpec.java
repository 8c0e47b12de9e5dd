package dev.vigil.streams.rules.file;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Which requests a rule applies to; the engine indexes rules by these so an event is only tested against rules
 * that can match it. Each key takes a list or the name of a named list ({@code resources: pod_resources}). A
 * missing list means any, {@code "*"} means any; {@code ""} in {@code apiGroups} is the core group.
 * {@code subresources} missing means the resource itself only ({@code ""}), as in an audit policy;
 * {@code stages} missing means {@code ResponseComplete} and {@code ResponseStarted}. An event without a stage
 * matches every stage list.
 */
public record MatchSpec(ListRef apiGroups, ListRef resources, ListRef subresources, ListRef verbs, ListRef stages) {

    /** The names of lists this match uses. */
    public List<String> listNames() {
        List<String> names = new ArrayList<>();
        Stream.of(apiGroups, resources, subresources, verbs, stages)
                .filter(ref -> ref != null && ref.isNamed()).forEach(ref -> names.add(ref.list()));
        return names;
    }

    /** Items of one key with list names resolved; null when the key is missing. */
    public static List<String> items(ListRef ref, Map<String, List<String>> lists) {
        return ref == null ? null : ref.resolve(lists);
    }
}

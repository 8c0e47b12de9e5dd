package dev.vigil.streams.rules.file;

import java.util.List;

/**
 * Which requests a rule applies to; the engine indexes rules by these so an event is only tested against rules
 * that can match it. A missing list means any, {@code "*"} means any; {@code ""} in {@code apiGroups} is the core
 * group. {@code subresources} missing means the resource itself only ({@code ""}), as in an audit policy;
 * {@code stages} missing means {@code ResponseComplete} and {@code ResponseStarted}. An event without a stage
 * matches every stage list.
 */
public record MatchSpec(List<String> apiGroups, List<String> resources, List<String> subresources,
                        List<String> verbs, List<String> stages) {
}

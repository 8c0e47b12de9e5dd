package dev.vigil.streams.rules.file;

import java.util.List;

/**
 * A named allow-list entry of a rule: an event the rule would fire on is suppressed when every field given here
 * matches it (fields left empty are not consulted). Values may use {@code *} as a wildcard.
 *
 * @param users           user names, e.g. {@code alice@example.com}
 * @param groups          groups, any of the user's groups matching
 * @param serviceAccounts service accounts as {@code namespace:name} (or the full {@code system:serviceaccount:…})
 * @param namespaces      namespaces of the object
 * @param images          container images; matches when every container image of the object's pod matches
 */
public record RuleException(List<String> users, List<String> groups, List<String> serviceAccounts,
                            List<String> namespaces, List<String> images) {

    public RuleException {
        users = users == null ? List.of() : List.copyOf(users);
        groups = groups == null ? List.of() : List.copyOf(groups);
        serviceAccounts = serviceAccounts == null ? List.of() : List.copyOf(serviceAccounts);
        namespaces = namespaces == null ? List.of() : List.copyOf(namespaces);
        images = images == null ? List.of() : List.copyOf(images);
    }

    public boolean isEmpty() {
        return users.isEmpty() && groups.isEmpty() && serviceAccounts.isEmpty() && namespaces.isEmpty()
                && images.isEmpty();
    }

    /** This entry with the values of another added (same-named entries from configuration extend the file's). */
    public RuleException plus(RuleException other) {
        return new RuleException(concat(users, other.users), concat(groups, other.groups),
                concat(serviceAccounts, other.serviceAccounts), concat(namespaces, other.namespaces),
                concat(images, other.images));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return b.isEmpty() ? a : java.util.stream.Stream.concat(a.stream(), b.stream()).distinct().toList();
    }
}

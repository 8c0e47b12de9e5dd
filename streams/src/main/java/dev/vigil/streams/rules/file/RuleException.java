package dev.vigil.streams.rules.file;

import com.fasterxml.jackson.annotation.JsonCreator;

import java.util.List;
import java.util.stream.Stream;

/**
 * A named allow-list entry of a rule: an event the rule would fire on is suppressed when every field given here
 * matches it (fields left empty are not consulted). Values of the fixed fields may use {@code *} as a wildcard.
 * Written either with the fixed fields or as a list of {@link FieldCondition}s on any field (all must hold):
 * <pre>
 * monitoring: {namespaces: [monitoring]}
 * argocd:
 *   - {field: user.username, op: startsWith, values: ['system:serviceaccount:argocd:']}
 *   - {field: objectRef.namespace, op: in, values: [apps]}
 * </pre>
 *
 * @param users           user names, e.g. {@code alice@example.com}
 * @param groups          groups, any of the user's groups matching
 * @param serviceAccounts service accounts as {@code namespace:name} (or the full {@code system:serviceaccount:…})
 * @param namespaces      namespaces of the object
 * @param images          container images; matches when every container image of the object's pod matches
 * @param fields          conditions on any field, with an operator ({@code in}, {@code startsWith}, {@code glob},
 *                        {@code cidr})
 */
public record RuleException(List<String> users, List<String> groups, List<String> serviceAccounts,
                            List<String> namespaces, List<String> images, List<FieldCondition> fields) {

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public RuleException {
        users = users == null ? List.of() : List.copyOf(users);
        groups = groups == null ? List.of() : List.copyOf(groups);
        serviceAccounts = serviceAccounts == null ? List.of() : List.copyOf(serviceAccounts);
        namespaces = namespaces == null ? List.of() : List.copyOf(namespaces);
        images = images == null ? List.of() : List.copyOf(images);
        fields = fields == null ? List.of() : fields.stream().filter(f -> f != null).toList();
    }

    /** The list form: conditions on any field, all of which must hold. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static RuleException of(List<FieldCondition> fields) {
        return new RuleException(null, null, null, null, null, fields);
    }

    public boolean isEmpty() {
        return users.isEmpty() && groups.isEmpty() && serviceAccounts.isEmpty() && namespaces.isEmpty()
                && images.isEmpty() && fields.isEmpty();
    }

    /** This entry with the values of another added (same-named entries from configuration extend the file's). */
    public RuleException plus(RuleException other) {
        return new RuleException(concat(users, other.users), concat(groups, other.groups),
                concat(serviceAccounts, other.serviceAccounts), concat(namespaces, other.namespaces),
                concat(images, other.images), concat(fields, other.fields));
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        return b.isEmpty() ? a : Stream.concat(a.stream(), b.stream()).distinct().toList();
    }
}

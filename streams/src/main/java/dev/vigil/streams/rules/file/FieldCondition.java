package dev.vigil.streams.rules.file;

import java.util.List;

/**
 * One condition of a structured exception: the value of {@code field} (a CEL value expression over the event
 * variables, e.g. {@code user.username}, {@code user.groups}, {@code objectRef.namespace}, {@code sourceIPs},
 * {@code userAgent}) compared with {@code values} by {@code op}. A field that yields a list matches when every
 * element matches ({@code any: true}: when one does); an empty or missing value never matches.
 *
 * @param field  what to compare
 * @param op     {@code in} (equal to one of the values), {@code startsWith}, {@code glob} ({@code *} wildcards)
 *               or {@code cidr} (an IP address inside one of the blocks)
 * @param values the values written out, or the name of a named list (which configuration can extend)
 * @param any    for a list-valued field: one matching element suffices (e.g. {@code user.groups})
 */
public record FieldCondition(String field, String op, ListRef values, Boolean any) {

    public FieldCondition {
        any = Boolean.TRUE.equals(any);
    }

    public static final List<String> OPERATORS = List.of("in", "startsWith", "glob", "cidr");
}

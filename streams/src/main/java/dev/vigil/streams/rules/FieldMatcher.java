package dev.vigil.streams.rules;

import dev.cel.runtime.CelEvaluationException;
import dev.vigil.model.text.Glob;
import dev.vigil.streams.rules.cel.CelValues;
import dev.vigil.streams.rules.cel.Cidrs;
import dev.vigil.streams.rules.cel.CompiledExpression;
import dev.vigil.streams.rules.cel.EventActivation;
import dev.vigil.streams.rules.file.FieldCondition;
import dev.vigil.streams.rules.file.ListRef;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;

/**
 * One {@link FieldCondition}, compiled: the field's CEL expression and the operator. A named list of values is read
 * from the event's activation, so configuration and a test case's {@code lists} apply. An evaluation error means no
 * match: an exception that cannot be judged never hides a hit.
 */
record FieldMatcher(CompiledExpression field, String op, ListRef values, boolean any) {

    boolean matches(EventActivation event) {
        List<String> actual;
        try {
            actual = strings(field.eval(event));
        } catch (CelEvaluationException | RuntimeException e) {
            return false;
        }
        List<String> allowed = allowed(event);
        if (actual.isEmpty() || allowed.isEmpty()) {
            return false;
        }
        BiPredicate<String, List<String>> test = operator(op);
        return any ? actual.stream().anyMatch(v -> test.test(v, allowed))
                : actual.stream().allMatch(v -> test.test(v, allowed));
    }

    private List<String> allowed(EventActivation event) {
        if (!values.isNamed()) {
            return values.items();
        }
        return event.value(values.list()) instanceof List<?> list ? strings(list) : List.of();
    }

    static BiPredicate<String, List<String>> operator(String op) {
        return switch (op) {
            case "in" -> (value, allowed) -> allowed.contains(value);
            case "startsWith" -> (value, allowed) -> allowed.stream().anyMatch(value::startsWith);
            case "glob" -> (value, allowed) -> Glob.anyOf(allowed).test(value);
            case "cidr" -> Cidrs::inAny;
            default -> throw new IllegalArgumentException("unknown operator " + op + ", use one of "
                    + FieldCondition.OPERATORS);
        };
    }

    /** A field's value as strings: a list element-wise, a single value as one, null or empty text as none. */
    private static List<String> strings(Object value) {
        if (value instanceof List<?> list) {
            List<String> out = new ArrayList<>(list.size());
            list.forEach(item -> out.add(CelValues.toText(item)));
            return out;
        }
        String text = CelValues.toText(value);
        return text.isEmpty() ? List.of() : List.of(text);
    }
}

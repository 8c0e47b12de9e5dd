package dev.vigil.streams.rules;

import dev.vigil.model.text.Glob;
import dev.vigil.streams.rules.file.RuleException;
import dev.vigil.streams.rules.cel.EventActivation;
import dev.vigil.streams.rules.cel.RuleVariables;
import dev.vigil.streams.rules.pss.PodTemplate;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One named {@link RuleException}, compiled: all of its non-empty fields and every field condition must match for
 * it to suppress a hit.
 */
record ExceptionMatcher(String name, Predicate<String> users, Predicate<String> groups,
                        Predicate<String> serviceAccounts, Predicate<String> namespaces, Predicate<String> images,
                        List<FieldMatcher> fields, RuleException spec) {

    private static final String SERVICE_ACCOUNT_PREFIX = "system:serviceaccount:";

    static ExceptionMatcher of(String name, RuleException spec) {
        return of(name, spec, List.of());
    }

    static ExceptionMatcher of(String name, RuleException spec, List<FieldMatcher> fields) {
        List<String> accounts = spec.serviceAccounts().stream()
                .map(sa -> sa.startsWith(SERVICE_ACCOUNT_PREFIX) ? sa : SERVICE_ACCOUNT_PREFIX + sa)
                .toList();
        return new ExceptionMatcher(name, Glob.anyOf(spec.users()), Glob.anyOf(spec.groups()), Glob.anyOf(accounts),
                Glob.anyOf(spec.namespaces()), Glob.anyOf(spec.images()), List.copyOf(fields), spec);
    }

    boolean matches(EventActivation event) {
        if (spec.isEmpty()) {
            return false;
        }
        Map<?, ?> user = (Map<?, ?>) event.value(RuleVariables.USER);
        String username = String.valueOf(user.get("username"));
        if (!spec.users().isEmpty() && !users.test(username)) {
            return false;
        }
        if (!spec.serviceAccounts().isEmpty() && !serviceAccounts.test(username)) {
            return false;
        }
        if (!spec.groups().isEmpty() && !(user.get("groups") instanceof List<?> list
                && list.stream().anyMatch(g -> groups.test(String.valueOf(g))))) {
            return false;
        }
        if (!spec.namespaces().isEmpty() && !namespaces.test(namespace(event))) {
            return false;
        }
        for (FieldMatcher field : fields) {
            if (!field.matches(event)) {
                return false;
            }
        }
        if (!spec.images().isEmpty()) {
            List<String> podImages = PodTemplate.of(event.value(RuleVariables.OBJ))
                    .map(PodTemplate::images).orElse(List.of());
            return !podImages.isEmpty() && podImages.stream().allMatch(images);
        }
        return true;
    }

    private static String namespace(EventActivation event) {
        Object namespace = ((Map<?, ?>) event.value(RuleVariables.OBJECT_REF)).get("namespace");
        if (namespace instanceof String text && !text.isEmpty()) {
            return text;
        }
        if (event.value(RuleVariables.OBJ) instanceof Map<?, ?> obj && obj.get("metadata") instanceof Map<?, ?> meta
                && meta.get("namespace") instanceof String text) {
            return text;
        }
        return "";
    }
}

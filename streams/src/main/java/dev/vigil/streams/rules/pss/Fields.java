package dev.vigil.streams.rules.pss;

import dev.cel.common.values.NullValue;

import java.util.List;
import java.util.Map;

/**
 * Null-safe reads from a Kubernetes object held as plain maps and lists (the form CEL hands to functions):
 * a missing or mistyped field reads as absent, never as an exception, because audit objects are untrusted and
 * patches carry only the fields they change.
 */
final class Fields {

    private Fields() {
    }

    static Map<?, ?> map(Object parent, String key) {
        Object value = get(parent, key);
        return value instanceof Map<?, ?> map ? map : Map.of();
    }

    static List<?> list(Object parent, String key) {
        Object value = get(parent, key);
        return value instanceof List<?> list ? list : List.of();
    }

    /** The string at {@code key}, or null when absent or not a string. */
    static String string(Object parent, String key) {
        Object value = get(parent, key);
        return value instanceof String text ? text : null;
    }

    /** The boolean at {@code key}, or null when absent (unset means "default" in a pod spec). */
    static Boolean bool(Object parent, String key) {
        Object value = get(parent, key);
        return value instanceof Boolean flag ? flag : null;
    }

    /** The number at {@code key}, or null when absent. */
    static Number number(Object parent, String key) {
        Object value = get(parent, key);
        return value instanceof Number number ? number : null;
    }

    static boolean isTrue(Object parent, String key) {
        return Boolean.TRUE.equals(bool(parent, key));
    }

    static boolean has(Object parent, String key) {
        Object value = get(parent, key);
        return value != null && !isNull(value);
    }

    static Object get(Object parent, String key) {
        if (parent instanceof Map<?, ?> map) {
            Object value = map.get(key);
            return value == null || isNull(value) ? null : value;
        }
        return null;
    }

    /** CEL represents JSON null as its own NullValue; plain Java callers use null. */
    private static boolean isNull(Object value) {
        return value instanceof NullValue;
    }
}

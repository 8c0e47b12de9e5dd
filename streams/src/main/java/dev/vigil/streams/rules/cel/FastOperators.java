package dev.vigil.streams.rules.cel;

import dev.cel.common.values.NullValue;
import dev.vigil.streams.rules.cel.FastExpression.Node;
import dev.vigil.streams.rules.cel.FastExpression.TypeName;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.vigil.streams.rules.cel.FastExpression.UNKNOWN;

/**
 * The operators and functions {@link FastExpression} evaluates itself, each exactly as CEL does for the argument
 * types it accepts and {@link FastExpression#UNKNOWN} for any other (CEL then decides, error or not). Strict
 * functions see their arguments evaluated first; an unknown argument makes the call unknown.
 */
final class FastOperators {

    private FastOperators() {
    }

    /** CEL's {@code &&}: false wins over an error on either side. */
    static Node and(Node left, Node right) {
        return c -> {
            Object l = left.eval(c);
            if (l == Boolean.FALSE) {
                return false;
            }
            Object r = right.eval(c);
            if (r == Boolean.FALSE) {
                return false;
            }
            return l == Boolean.TRUE && r == Boolean.TRUE ? (Object) true : UNKNOWN;
        };
    }

    /** CEL's {@code ||}: true wins over an error on either side. */
    static Node or(Node left, Node right) {
        return c -> {
            Object l = left.eval(c);
            if (l == Boolean.TRUE) {
                return true;
            }
            Object r = right.eval(c);
            if (r == Boolean.TRUE) {
                return true;
            }
            return l == Boolean.FALSE && r == Boolean.FALSE ? (Object) false : UNKNOWN;
        };
    }

    static Node conditional(Node condition, Node then, Node otherwise) {
        return c -> {
            Object test = condition.eval(c);
            if (test == Boolean.TRUE) {
                return then.eval(c);
            }
            return test == Boolean.FALSE ? otherwise.eval(c) : UNKNOWN;
        };
    }

    /** The loop condition of the comprehension macros: an error or unknown counts as true. */
    static Node notStrictlyFalse(Node value) {
        return c -> value.eval(c) != Boolean.FALSE;
    }

    static Node matches(Node text, Node regex, CachedMatches matches) {
        return c -> {
            if (text.eval(c) instanceof String t && regex.eval(c) instanceof String r) {
                try {
                    return matches.matches(t, r);
                } catch (Exception invalid) {
                    return UNKNOWN;
                }
            }
            return UNKNOWN;
        };
    }

    /** A strict function by name (receiver first), or null when not covered (the whole call is then unknown). */
    static Node strict(String function, Node[] args) {
        Fn fn = function(function, args.length);
        if (fn == null) {
            return null;
        }
        return switch (args.length) {
            case 1 -> c -> {
                Object a = args[0].eval(c);
                return a == UNKNOWN ? UNKNOWN : fn.apply(a, null, null);
            };
            case 2 -> c -> {
                Object a = args[0].eval(c);
                if (a == UNKNOWN) {
                    return UNKNOWN;
                }
                Object b = args[1].eval(c);
                return b == UNKNOWN ? UNKNOWN : fn.apply(a, b, null);
            };
            default -> c -> {
                Object a = args[0].eval(c);
                if (a == UNKNOWN) {
                    return UNKNOWN;
                }
                Object b = args[1].eval(c);
                if (b == UNKNOWN) {
                    return UNKNOWN;
                }
                Object d = args[2].eval(c);
                return d == UNKNOWN ? UNKNOWN : fn.apply(a, b, d);
            };
        };
    }

    @FunctionalInterface
    private interface Fn {
        Object apply(Object a, Object b, Object c);
    }

    private static Fn function(String name, int arity) {
        return switch (name + "/" + arity) {
            case "!_/1" -> (a, b, c) -> a instanceof Boolean value ? (Object) !value : UNKNOWN;
            case "_==_/2" -> FastOperators::equal;
            case "_!=_/2" -> (a, b, c) -> {
                Object equal = equal(a, b, null);
                return equal instanceof Boolean value ? (Object) !value : UNKNOWN;
            };
            case "_<_/2" -> (a, b, c) -> compare(a, b) instanceof Integer r ? (Object) (r < 0) : UNKNOWN;
            case "_<=_/2" -> (a, b, c) -> compare(a, b) instanceof Integer r ? (Object) (r <= 0) : UNKNOWN;
            case "_>_/2" -> (a, b, c) -> compare(a, b) instanceof Integer r ? (Object) (r > 0) : UNKNOWN;
            case "_>=_/2" -> (a, b, c) -> compare(a, b) instanceof Integer r ? (Object) (r >= 0) : UNKNOWN;
            case "_+_/2" -> FastOperators::add;
            case "_-_/2" -> (a, b, c) -> {
                if (a instanceof Long x && b instanceof Long y) {
                    try {
                        return Math.subtractExact(x, y);
                    } catch (ArithmeticException overflow) {
                        return UNKNOWN;
                    }
                }
                return UNKNOWN;
            };
            case "@in/2" -> FastOperators::in;
            case "_[_]/2" -> FastOperators::index;
            case "_?._/2", "_[?_]/2" -> FastOperators::optionalIndex;
            case "orValue/2" -> (a, b, c) -> a instanceof Optional<?> optional ? optional.isPresent()
                    ? optional.get() : b : UNKNOWN;
            case "hasValue/1" -> (a, b, c) -> a instanceof Optional<?> optional ? (Object) optional.isPresent()
                    : UNKNOWN;
            case "size/1" -> (a, b, c) -> size(a);
            case "startsWith/2" -> (a, b, c) -> a instanceof String s && b instanceof String p ? (Object) s.startsWith(p)
                    : UNKNOWN;
            case "endsWith/2" -> (a, b, c) -> a instanceof String s && b instanceof String p ? (Object) s.endsWith(p)
                    : UNKNOWN;
            case "contains/2" -> (a, b, c) -> a instanceof String s && b instanceof String p ? (Object) s.contains(p)
                    : UNKNOWN;
            case "lowerAscii/1" -> (a, b, c) -> a instanceof String s ? lowerAscii(s) : UNKNOWN;
            case "replace/3" -> (a, b, c) -> a instanceof String s && b instanceof String from && !from.isEmpty()
                    && c instanceof String to ? s.replace(from, to) : UNKNOWN;
            case "string/1" -> (a, b, c) -> a instanceof String || a instanceof Long || a instanceof Boolean
                    ? a.toString() : UNKNOWN;
            case "type/1" -> (a, b, c) -> typeOf(a);
            case "flatten/1" -> (a, b, c) -> flatten(a);
            case "join/1" -> (a, b, c) -> join(a, "");
            case "join/2" -> (a, b, c) -> b instanceof String separator ? join(a, separator) : UNKNOWN;
            case "split/2" -> (a, b, c) -> a instanceof String s && b instanceof String separator
                    && !separator.isEmpty() ? split(s, separator) : UNKNOWN;
            default -> null;
        };
    }

    /** Equality where Java's and CEL's agree: strings, ints, bools, null, type names; anything else unknown. */
    private static Object equal(Object a, Object b, Object unused) {
        if (a instanceof String && b instanceof String || a instanceof Long && b instanceof Long
                || a instanceof Boolean && b instanceof Boolean || a instanceof TypeName && b instanceof TypeName) {
            return a.equals(b);
        }
        if (a instanceof NullValue && b instanceof NullValue) {
            return true;
        }
        return UNKNOWN;
    }

    private static Object compare(Object a, Object b) {
        if (a instanceof Long x && b instanceof Long y) {
            return Long.compare(x, y);
        }
        return UNKNOWN;
    }

    private static Object add(Object a, Object b, Object unused) {
        if (a instanceof Long x && b instanceof Long y) {
            try {
                return Math.addExact(x, y);
            } catch (ArithmeticException overflow) {
                return UNKNOWN;
            }
        }
        if (a instanceof String x && b instanceof String y) {
            return x.concat(y);
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            List<Object> both = new ArrayList<>(x.size() + y.size());
            both.addAll(x);
            both.addAll(y);
            return both;
        }
        return UNKNOWN;
    }

    /** {@code x in list}: decided when a match is found or every element is comparable; {@code key in map}. */
    private static Object in(Object needle, Object haystack, Object unused) {
        if (haystack instanceof Map<?, ?> map) {
            return needle instanceof String ? (Object) map.containsKey(needle) : UNKNOWN;
        }
        if (!(haystack instanceof List<?> list) || !(needle instanceof String || needle instanceof Long)) {
            return UNKNOWN;
        }
        boolean comparable = true;
        for (Object item : list) {
            if (item != null && item.getClass() == needle.getClass()) {
                if (item.equals(needle)) {
                    return true;
                }
            } else {
                comparable = false;
            }
        }
        return comparable ? (Object) false : UNKNOWN;
    }

    private static Object index(Object container, Object key, Object unused) {
        if (container instanceof List<?> list && key instanceof Long i) {
            return i >= 0 && i < list.size() ? list.get(i.intValue()) : UNKNOWN;
        }
        if (container instanceof Map<?, ?> map && key instanceof String) {
            return map.containsKey(key) ? map.get(key) : UNKNOWN;
        }
        return UNKNOWN;
    }

    /** {@code x.?f} and {@code x[?k]}: an optional of the entry, empty when absent; chains through optionals. */
    private static Object optionalIndex(Object container, Object key, Object unused) {
        Object target = container;
        if (container instanceof Optional<?> optional) {
            if (optional.isEmpty()) {
                return Optional.empty();
            }
            target = optional.get();
        }
        if (target instanceof Map<?, ?> map && key instanceof String) {
            return map.containsKey(key) ? Optional.of(map.get(key)) : Optional.empty();
        }
        if (target instanceof List<?> list && key instanceof Long i) {
            return i >= 0 && i < list.size() ? Optional.of(list.get(i.intValue())) : Optional.empty();
        }
        return UNKNOWN;
    }

    private static Object size(Object value) {
        if (value instanceof String text) {
            return (long) text.codePointCount(0, text.length());
        }
        if (value instanceof List<?> list) {
            return (long) list.size();
        }
        if (value instanceof Map<?, ?> map) {
            return (long) map.size();
        }
        return UNKNOWN;
    }

    private static String lowerAscii(String text) {
        char[] chars = null;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch >= 'A' && ch <= 'Z') {
                if (chars == null) {
                    chars = text.toCharArray();
                }
                chars[i] = (char) (ch + ('a' - 'A'));
            }
        }
        return chars == null ? text : new String(chars);
    }

    private static Object typeOf(Object value) {
        if (value instanceof String) {
            return new TypeName("string");
        }
        if (value instanceof Long) {
            return new TypeName("int");
        }
        if (value instanceof Boolean) {
            return new TypeName("bool");
        }
        if (value instanceof Double) {
            return new TypeName("double");
        }
        if (value instanceof List<?>) {
            return new TypeName("list");
        }
        if (value instanceof Map<?, ?>) {
            return new TypeName("map");
        }
        return value instanceof NullValue ? new TypeName("null_type") : UNKNOWN;
    }

    /** One level, and only a list of lists (what the rules flatten); anything else is left to CEL. */
    private static Object flatten(Object value) {
        if (!(value instanceof List<?> lists)) {
            return UNKNOWN;
        }
        List<Object> flat = new ArrayList<>();
        for (Object item : lists) {
            if (!(item instanceof List<?> list)) {
                return UNKNOWN;
            }
            flat.addAll(list);
        }
        return flat;
    }

    private static Object join(Object value, String separator) {
        if (!(value instanceof List<?> list)) {
            return UNKNOWN;
        }
        StringBuilder joined = new StringBuilder();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof String text)) {
                return UNKNOWN;
            }
            if (i > 0) {
                joined.append(separator);
            }
            joined.append(text);
        }
        return joined.toString();
    }

    /** Every piece between separators, empty ones included (CEL's split, unlike Java's, keeps trailing ones). */
    private static Object split(String text, String separator) {
        List<Object> parts = new ArrayList<>();
        int from = 0;
        int at;
        while ((at = text.indexOf(separator, from)) >= 0) {
            parts.add(text.substring(from, at));
            from = at + separator.length();
        }
        parts.add(text.substring(from));
        return parts;
    }
}

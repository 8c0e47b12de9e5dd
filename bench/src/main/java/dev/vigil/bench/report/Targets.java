package dev.vigil.bench.report;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Marks a target such as {@code >= 0.5} or {@code < 1000 ms} with ✓ or ✗ for the measured number. */
final class Targets {

    private static final Pattern BOUND = Pattern.compile("^\\s*(>=|<=|>|<)\\s*([0-9][0-9 ,.]*)(.*)$");

    private Targets() {
    }

    static String judge(String target, double measured) {
        if (target == null || target.isBlank() || Double.isNaN(measured) || target.endsWith("✓")
                || target.endsWith("✗")) {
            return target == null ? "" : target;
        }
        Matcher bound = BOUND.matcher(target);
        if (!bound.matches()) {
            return target;
        }
        double limit;
        try {
            limit = Double.parseDouble(bound.group(2).replace(" ", "").replace(",", "").trim());
        } catch (NumberFormatException e) {
            return target;
        }
        boolean met = switch (bound.group(1)) {
            case ">=" -> measured >= limit;
            case "<=" -> measured <= limit;
            case ">" -> measured > limit;
            default -> measured < limit;
        };
        return target.trim() + (met ? " ✓" : " ✗").toLowerCase(Locale.ROOT);
    }
}

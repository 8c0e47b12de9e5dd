package dev.vigil.streams.rules;

/**
 * Something wrong in a rule file, pinned down for its author.
 *
 * @param file     the rule file (path or {@code classpath:…})
 * @param ruleId   the rule, or empty for file-level problems (YAML syntax, lists, macros)
 * @param where    the part of the rule and position, e.g. {@code condition 1:17}, {@code message placeholder 2 1:5}
 * @param message  what is wrong
 */
public record RuleProblem(String file, String ruleId, String where, String message) {

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(file);
        if (ruleId != null && !ruleId.isEmpty()) {
            text.append(": rule ").append(ruleId);
        }
        if (where != null && !where.isEmpty()) {
            text.append(": ").append(where);
        }
        return text.append(": ").append(message).toString();
    }
}

package dev.vigil.streams.rules.file;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One step of a sequence rule.
 *
 * @param name      short name of the step, used in the alert's details (e.g. {@code grant}, {@code use})
 * @param match     which requests the step applies to, as a rule's {@code match}
 * @param condition CEL condition of the step
 * @param key       CEL value expression of the join key: a string or a list of strings (e.g. every subject a
 *                  binding names, or a user's name and groups); the steps join when a value is shared
 * @param message   message template of this step; the alert's message is the first step's, then the second's
 * @param details   evidence details of this step: name → CEL value expression
 */
public record StepSpec(String name, MatchSpec match, String condition, String key, String message,
                       Map<String, String> details) {

    public StepSpec {
        details = details == null ? Map.of() : new LinkedHashMap<>(details);
    }
}

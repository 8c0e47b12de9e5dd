package dev.vigil.streams.rules;

import tools.jackson.databind.JsonNode;

/**
 * One embedded test of a rule: an event and what the rule must do with it.
 *
 * @param name     the case's name (given, or {@code fire[2]} / {@code ref file#line})
 * @param event    the audit event (or, for watch rules, the watch event)
 * @param fire     whether the rule must fire
 * @param severity expected severity word, or null
 * @param message  text the message must contain, or null
 * @param details  fields the details must contain (subset match), or null
 * @param at       for watch rules: the evaluation time the case is judged at, or null
 * @param lists    named lists this case replaces (e.g. a site's {@code trusted_registries}), or null; lets a rule
 *                 that is inactive until configured be tested as configured
 */
public record RuleTestCase(String name, JsonNode event, boolean fire, String severity, String message,
                           JsonNode details, String at, JsonNode lists) {

    public RuleTestCase(String name, JsonNode event, boolean fire, String severity, String message, JsonNode details,
                        String at) {
        this(name, event, fire, severity, message, details, at, null);
    }
}

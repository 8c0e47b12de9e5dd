package dev.vigil.console.rules;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.vigil.model.rule.RuleMeta;
import dev.vigil.model.rule.RuleTuning;

import java.util.List;

/**
 * One loaded rule as {@code GET /v1/rules} shows it: the rule's metadata with severity as its contract word, the
 * dedup window in ISO-8601 ({@code PT10M}), and how to tune it (null when the catalogue does not know).
 */
record RuleView(String id, String name, String description, String version, String ruleset, String severity,
                List<String> bsi, List<String> mitre, List<String> category,
                @JsonProperty("dedup_window") String dedupWindow, Tuning tuning) {

    static RuleView of(RuleMeta rule, RuleTuning tuning) {
        return new RuleView(rule.id(), rule.name(), rule.description(), rule.version(), rule.ruleset(),
                rule.severity() == null ? null : rule.severity().word(), rule.bsi(), rule.mitre(), rule.category(),
                rule.dedupWindow() == null ? null : rule.dedupWindow().toString(),
                tuning == null ? null : Tuning.of(rule.id(), tuning));
    }

    /**
     * The properties that tune the rule: the lists it reads, its exception entries and shared exception sets, its
     * parameters, and the lists it waits for ({@code inactive}: it does not run yet).
     */
    record Tuning(List<Property> lists, List<String> exceptions, @JsonProperty("exception_sets") List<Property> exceptionSets,
                  java.util.Map<String, String> params, @JsonProperty("inactive_until") List<Property> inactiveUntil,
                  boolean inactive, @JsonProperty("exceptions_property") String exceptionsProperty,
                  @JsonProperty("disable_property") String disableProperty) {

        static Tuning of(String id, RuleTuning tuning) {
            return new Tuning(lists(tuning.lists()), tuning.exceptions(), tuning.exceptionSets().stream()
                    .map(set -> new Property(set, "vigil.rules.exceptions." + set.replace('_', '-') + ".<entry>.*"))
                    .toList(), tuning.params(), lists(tuning.inactiveUntil()), tuning.inactive(),
                    "vigil.rules.exceptions." + id + ".<entry>.*", "vigil.rules.disabled=" + id);
        }

        private static List<Property> lists(List<String> names) {
            return names.stream().map(name -> new Property(name, RuleTuning.listProperty(name))).toList();
        }
    }

    /** A name from the rule files and the configuration property that extends it. */
    record Property(String name, String property) {
    }
}

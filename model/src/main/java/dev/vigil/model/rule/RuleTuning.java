package dev.vigil.model.rule;

import java.util.List;
import java.util.Map;

/**
 * How a site tunes one rule without editing it: the named lists it reads (extend with
 * {@code vigil.rules.lists.<list>}), its own exception entries and the shared exception sets it uses (extend with
 * {@code vigil.rules.exceptions.<rule or set>.<entry>.*}), its parameters, and the lists of which one must have
 * entries before it runs ({@code inactiveUntil}; {@code inactive} says whether that is the case now).
 */
public record RuleTuning(List<String> lists, List<String> exceptions, List<String> exceptionSets,
                         Map<String, String> params, List<String> inactiveUntil, boolean inactive) {

    public RuleTuning {
        lists = lists == null ? List.of() : List.copyOf(lists);
        exceptions = exceptions == null ? List.of() : List.copyOf(exceptions);
        exceptionSets = exceptionSets == null ? List.of() : List.copyOf(exceptionSets);
        params = params == null ? Map.of() : Map.copyOf(params);
        inactiveUntil = inactiveUntil == null ? List.of() : List.copyOf(inactiveUntil);
    }

    /** The configuration property that extends a list of the rule files, e.g. {@code vigil.rules.lists.cluster-cidrs}. */
    public static String listProperty(String list) {
        return "vigil.rules.lists." + list.replace('_', '-');
    }
}

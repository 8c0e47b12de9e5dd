package dev.vigil.streams.rules;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * The effective settings of a rule judged on watch state (the posture rules), from its rule file and
 * {@code vigil.rules.*}: its {@code params} after {@code vigil.rules.params.<rule-id>.*}, and the namespaces its
 * exception entries (and {@code vigil.rules.exceptions.<rule-id>.*}) exempt.
 */
public record WatchRulePolicy(String id, Map<String, String> params, Set<String> exemptNamespaces) {

    public WatchRulePolicy {
        params = Map.copyOf(params);
        exemptNamespaces = Set.copyOf(exemptNamespaces);
    }

    /** A duration parameter ({@code 10m}, {@code 0s}, ISO-8601), or {@code fallback} when the rule has none. */
    public Duration duration(String name, Duration fallback) {
        String value = params.get(name);
        return value == null ? fallback : Durations.parse(value);
    }

    /** A boolean parameter, or {@code fallback} when the rule has none. */
    public boolean flag(String name, boolean fallback) {
        String value = params.get(name);
        return value == null ? fallback : Boolean.parseBoolean(value.trim());
    }
}

package dev.vigil.streams.pods;

import dev.vigil.streams.rules.DetectionEngine;
import dev.vigil.streams.rules.LongLivedPodPolicy;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How long-lived pods are found: the {@code long-lived-pod} rule's policy (limit and exemptions, owned by the rule
 * file and {@code vigil.rules.long-lived-pod.*}) and how often the pod store is checked.
 *
 * @param punctuationInterval how often (wall clock) every tracked pod is checked against the limit
 */
public record PodSettings(LongLivedPodPolicy policy, Duration punctuationInterval) {

    public PodSettings {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(punctuationInterval, "punctuationInterval");
        if (punctuationInterval.isNegative() || punctuationInterval.isZero()) {
            throw new IllegalArgumentException("punctuationInterval must be positive: " + punctuationInterval);
        }
    }

    /** The policy the rule engine loaded, or the default (24 h, no exemptions) for other engines. */
    public static PodSettings of(DetectionEngine engine, Duration punctuationInterval) {
        LongLivedPodPolicy policy = engine.longLivedPodPolicy().orElseGet(PodSettings::defaultPolicy);
        return new PodSettings(policy, punctuationInterval);
    }

    public static PodSettings defaults() {
        return new PodSettings(defaultPolicy(), Duration.ofMinutes(1));
    }

    public static LongLivedPodPolicy defaultPolicy() {
        return new LongLivedPodPolicy(LongLivedPodPolicy.DEFAULT_LIMIT, Set.of(), Map.of());
    }

    public Duration limit() {
        return policy.limit();
    }
}

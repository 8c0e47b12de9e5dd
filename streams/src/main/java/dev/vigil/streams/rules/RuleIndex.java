package dev.vigil.streams.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the rules that can match an event without testing them all: rules are bucketed by resource (plus one
 * bucket for rules on any resource), and the rules for each distinct (apiGroup, resource, subresource, verb,
 * stage) are computed once and cached. Real clusters have a few thousand such keys; the cache stops growing at
 * {@link #MAX_CACHED} so odd input cannot exhaust memory.
 */
final class RuleIndex {

    static final int MAX_CACHED = 20_000;

    private final Map<String, List<CompiledRule>> byResource;
    private final List<CompiledRule> anyResource;
    private final Map<EventKey, List<CompiledRule>> cache = new ConcurrentHashMap<>();

    RuleIndex(List<CompiledRule> rules) {
        Map<String, List<CompiledRule>> buckets = new HashMap<>();
        List<CompiledRule> wildcard = new ArrayList<>();
        for (CompiledRule rule : rules) {
            if (rule.matcher().anyResource()) {
                wildcard.add(rule);
            } else {
                for (String resource : rule.matcher().resources()) {
                    buckets.computeIfAbsent(resource, r -> new ArrayList<>()).add(rule);
                }
            }
        }
        buckets.replaceAll((resource, list) -> List.copyOf(list));
        this.byResource = Map.copyOf(buckets);
        this.anyResource = List.copyOf(wildcard);
    }

    List<CompiledRule> candidates(EventKey key) {
        List<CompiledRule> cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        List<CompiledRule> found = compute(key);
        if (cache.size() < MAX_CACHED) {
            cache.put(key, found);
        }
        return found;
    }

    private List<CompiledRule> compute(EventKey key) {
        List<CompiledRule> found = new ArrayList<>();
        for (CompiledRule rule : byResource.getOrDefault(key.resource(), List.of())) {
            if (rule.matcher().matches(key)) {
                found.add(rule);
            }
        }
        for (CompiledRule rule : anyResource) {
            if (rule.matcher().matches(key)) {
                found.add(rule);
            }
        }
        return List.copyOf(found);
    }
}

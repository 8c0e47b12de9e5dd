package dev.vigil.console.query;

import dev.vigil.model.audit.Timestamps;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An audit id is chosen by the sender: within one cluster, two different requests can share one (hand-written or
 * reused fixtures, a replay of another cluster's log under this cluster's name). When the evidence found for one of an
 * alert's audit ids holds more than one request — told apart by user and receive time — only the request of the
 * alert's own principal is its evidence; failing that, the one received closest to the alert's first event. Stages of
 * one request (same user, same receive time) always stay together.
 */
final class SharedAuditIds {

    private SharedAuditIds() {
    }

    static List<JsonNode> ownRequests(JsonNode alert, List<JsonNode> evidence) {
        Map<String, Map<String, List<JsonNode>>> byId = new LinkedHashMap<>();
        for (JsonNode document : evidence) {
            JsonNode audit = document.path("kubernetes").path("audit");
            byId.computeIfAbsent(audit.path("auditID").asString(""), id -> new LinkedHashMap<>())
                    .computeIfAbsent(requestKey(audit), key -> new ArrayList<>()).add(document);
        }
        String principal = alert.path("user").path("name").asString(null);
        Instant firstSeen = instant(alert.path("vigil").path("first_seen"));
        List<JsonNode> kept = new ArrayList<>();
        for (Map<String, List<JsonNode>> requests : byId.values()) {
            if (requests.size() == 1) {
                kept.addAll(requests.values().iterator().next());
                continue;
            }
            List<List<JsonNode>> own = requests.values().stream()
                    .filter(stages -> principal != null && principal.equals(username(stages.get(0))))
                    .toList();
            if (own.size() == 1) {
                kept.addAll(own.get(0));
            } else {
                requests.values().stream().filter(stages -> own.isEmpty() || own.contains(stages))
                        .min(Comparator.comparing(stages -> distance(received(stages.get(0)), firstSeen)))
                        .ifPresent(kept::addAll);
            }
        }
        // back in the search's order (oldest first)
        return evidence.stream().filter(document -> kept.stream().anyMatch(k -> k == document)).toList();
    }

    private static String requestKey(JsonNode audit) {
        return audit.path("user").path("username").asString("") + "\u0000"
                + audit.path("requestReceivedTimestamp").asString("");
    }

    private static String username(JsonNode document) {
        return document.path("kubernetes").path("audit").path("user").path("username").asString(null);
    }

    private static Instant received(JsonNode document) {
        return instant(document.path("kubernetes").path("audit").path("requestReceivedTimestamp"));
    }

    private static Instant instant(JsonNode value) {
        return value.isString() ? Timestamps.parse(value.stringValue()).orElse(null) : null;
    }

    private static Duration distance(Instant a, Instant b) {
        if (a == null || b == null) {
            return Duration.ofDays(365_000);
        }
        return Duration.between(a, b).abs();
    }
}

package dev.vigil.console.compliance;

import dev.vigil.alerting.index.IndexFamily;
import dev.vigil.console.query.AlertSearch;
import dev.vigil.model.alert.Severity;
import dev.vigil.model.rule.RuleMeta;
import org.opensearch.client.json.JsonData;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.aggregations.Aggregate;
import org.opensearch.client.opensearch._types.aggregations.FiltersBucket;
import org.opensearch.client.opensearch._types.aggregations.StringTermsBucket;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import org.opensearch.client.opensearch.core.SearchResponse;
import tools.jackson.databind.JsonNode;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code GET /v1/compliance}: per BSI requirement of {@link BsiCatalog}, the loaded rules that name it, the alerts
 * naming it ({@code vigil.bsi}) in the last 24 hours, 7 days and the status window (7 days unless chosen), the
 * relevant evidence documents seen in the window, whether the data sources its rules need beyond the audit log
 * delivered anything, and the status. Two searches per report: one aggregation over alerts, one over evidence.
 * Alert counts are by {@code @timestamp}, as {@code GET /v1/alerts?since=} filters, so the linked lists agree —
 * except for posture findings ({@code vigil.status}): only open ones count, and an open one counts in every window
 * however long ago it was opened (its cause is there now); a resolved one never counts.
 */
public final class ComplianceService {

    /** The window the status is judged in: the last 7 days, also the longer of the two alert counts. */
    public static final Duration WINDOW = Duration.ofDays(7);
    static final Duration RECENT = Duration.ofHours(24);
    static final Duration MIN_WINDOW = Duration.ofHours(1);
    static final Duration MAX_WINDOW = Duration.ofDays(90);
    /** A posture finding's lifecycle field: {@code open} or {@code resolved}; absent on other alerts. */
    static final String STATUS = "vigil.status";

    /** A loaded rule that names the requirement. */
    public record RuleSummary(String id, String name, Severity severity) {
    }

    /** One row of the report. */
    public record RequirementReport(String id, String title, String titleEn, String level,
                                    BsiRequirement.Observability observable, String observedFrom,
                                    List<RuleSummary> rules, long alerts24h, long alerts7d, long alertsInWindow,
                                    long relevantEvents, List<String> requires, List<String> missingSources,
                                    ComplianceStatus status) {
    }

    /** The whole report; {@code cluster} null means all clusters. */
    public record ComplianceReport(String cluster, Instant generatedAt, String window, Instant since,
                                   List<RequirementReport> requirements) {
    }

    private record AlertCounts(long last24h, long last7d, long inWindow) {
        AlertCounts plus(AlertCounts other) {
            return new AlertCounts(last24h + other.last24h, last7d + other.last7d, inWindow + other.inWindow);
        }
    }

    private final OpenSearchClient client;
    private final BsiCatalog catalog;
    private final Supplier<List<RuleMeta>> rules;
    private final WatchActivity watch;
    private final Clock clock;

    public ComplianceService(OpenSearchClient client, BsiCatalog catalog, Supplier<List<RuleMeta>> rules, Clock clock) {
        this(client, catalog, rules, WatchActivity.none(), clock);
    }

    public ComplianceService(OpenSearchClient client, BsiCatalog catalog, Supplier<List<RuleMeta>> rules,
                             WatchActivity watch, Clock clock) {
        this.client = client;
        this.catalog = catalog;
        this.rules = rules;
        this.watch = watch;
        this.clock = clock;
    }

    public ComplianceReport report(String cluster) {
        return report(cluster, WINDOW);
    }

    /**
     * The report over the last {@code window}.
     *
     * @throws java.util.NoSuchElementException when {@code cluster} is named and Vigil never saw it
     */
    public ComplianceReport report(String cluster, Duration window) {
        if (window.compareTo(MIN_WINDOW) < 0 || window.compareTo(MAX_WINDOW) > 0) {
            throw new IllegalArgumentException("window must be between 1h and 90d, not " + window);
        }
        Instant now = clock.instant();
        Instant since = now.minus(window);
        if (cluster != null && !known(cluster) && !watch.seen(cluster, since)) {
            throw new java.util.NoSuchElementException(cluster);
        }
        Map<String, AlertCounts> alerts = alertCounts(cluster, now, since);
        Map<String, Long> relevant = relevantEvents(cluster, since);
        Boolean watchSeen = null;
        List<RuleMeta> loaded = rules.get();
        List<RequirementReport> rows = new ArrayList<>();
        for (BsiRequirement requirement : catalog.requirements()) {
            List<RuleSummary> ruleSummaries = loaded.stream()
                    .filter(rule -> rule.bsi().stream().map(ComplianceService::normalise)
                            .anyMatch(requirement.id()::equals))
                    .map(rule -> new RuleSummary(rule.id(), rule.name(), rule.severity()))
                    .toList();
            AlertCounts counts = alerts.getOrDefault(requirement.id(), new AlertCounts(0, 0, 0));
            long events = relevant.getOrDefault(requirement.id(), 0L);
            List<String> missing = new ArrayList<>();
            if (requirement.needsWatch() && requirement.observableAtAll()) {
                watchSeen = watchSeen != null ? watchSeen : watch.seen(cluster, since);
                if (!watchSeen) {
                    missing.add(BsiRequirement.WATCH);
                }
            }
            rows.add(new RequirementReport(requirement.id(), requirement.title(), requirement.titleEn(),
                    requirement.level(), requirement.observable(), requirement.observedFrom(), ruleSummaries,
                    counts.last24h(), counts.last7d(), counts.inWindow(), events, requirement.requires(), missing,
                    ComplianceStatus.of(requirement, ruleSummaries.size(), counts.inWindow(), events,
                            missing.isEmpty())));
        }
        return new ComplianceReport(cluster, now, windowText(window), since, rows);
    }

    /** {@code 7d}, {@code 24h}, {@code 90m}: how the window was asked for. */
    static String windowText(Duration window) {
        if (window.toHours() % 24 == 0) {
            return window.toDays() + "d";
        }
        return window.toMinutes() % 60 == 0 ? window.toHours() + "h" : window.toMinutes() + "m";
    }

    /** Whether any alert or evidence document, of any time, names the cluster. */
    private boolean known(String cluster) {
        SearchResponse<JsonNode> response = AlertSearch.call(() -> client.search(search -> search
                .index(IndexFamily.ALERTS.pattern(), IndexFamily.EVIDENCE.pattern())
                .ignoreUnavailable(true)
                .allowNoIndices(true)
                .size(0)
                .terminateAfter(1L)
                .trackTotalHits(total -> total.enabled(true))
                .query(AlertSearch.terms("orchestrator.cluster.name", List.of(cluster))), JsonNode.class));
        return response.hits().total() != null && response.hits().total().value() > 0;
    }

    /** {@code A3} and {@code APP.4.4.A3} name the same requirement. */
    static String normalise(String bsiId) {
        String id = bsiId.trim();
        return id.matches("A\\d+") ? "APP.4.4." + id : id;
    }

    private Map<String, AlertCounts> alertCounts(String cluster, Instant now, Instant windowStart) {
        Instant week = now.minus(WINDOW);
        Instant earliest = windowStart.isBefore(week) ? windowStart : week;
        SearchResponse<JsonNode> response = AlertSearch.call(() -> client.search(search -> search
                .index(IndexFamily.ALERTS.pattern())
                .ignoreUnavailable(true)
                .allowNoIndices(true)
                .size(0)
                .query(openAlerts(cluster, earliest))
                .aggregations("bsi", aggregation -> aggregation
                        .terms(terms -> terms.field("vigil.bsi").size(200))
                        .aggregations("recent", recent -> recent.filter(sinceOrOpen(now.minus(RECENT))))
                        .aggregations("week", recent -> recent.filter(sinceOrOpen(week)))
                        .aggregations("window", recent -> recent.filter(sinceOrOpen(windowStart)))),
                JsonNode.class));
        Map<String, AlertCounts> counts = new HashMap<>();
        Aggregate bsi = response.aggregations().get("bsi");
        if (bsi == null) {
            return counts;
        }
        for (StringTermsBucket bucket : bsi.sterms().buckets().array()) {
            counts.merge(normalise(bucket.key()), new AlertCounts(bucket.aggregations().get("recent").filter().docCount(),
                    bucket.aggregations().get("week").filter().docCount(),
                    bucket.aggregations().get("window").filter().docCount()), AlertCounts::plus);
        }
        return counts;
    }

    private Map<String, Long> relevantEvents(String cluster, Instant since) {
        Map<String, Query> filters = new LinkedHashMap<>();
        for (BsiRequirement requirement : catalog.requirements()) {
            if (requirement.observableAtAll() && requirement.hasRelevantEvents()) {
                filters.put(requirement.id(), relevance(requirement.relevantEvents()));
            }
        }
        SearchResponse<JsonNode> response = AlertSearch.call(() -> client.search(search -> search
                .index(IndexFamily.EVIDENCE.pattern())
                .ignoreUnavailable(true)
                .allowNoIndices(true)
                .size(0)
                .query(window(cluster, since))
                .aggregations("relevant", aggregation -> aggregation
                        .filters(keyed -> keyed.filters(buckets -> buckets.keyed(filters)))),
                JsonNode.class));
        Map<String, Long> counts = new HashMap<>();
        Aggregate relevant = response.aggregations().get("relevant");
        if (relevant == null) {
            return counts;
        }
        for (Map.Entry<String, FiltersBucket> bucket : relevant.filters().buckets().keyed().entrySet()) {
            counts.put(bucket.getKey(), bucket.getValue().docCount());
        }
        return counts;
    }

    static Query relevance(BsiRequirement.RelevantEvents events) {
        if (events.anyEvent()) {
            return Query.of(q -> q.matchAll(all -> all));
        }
        List<Query> filters = new ArrayList<>();
        filters.add(AlertSearch.terms("kubernetes.audit.objectRef.resource", events.resources()));
        if (!events.verbs().isEmpty()) {
            filters.add(AlertSearch.terms("kubernetes.audit.verb", events.verbs()));
        }
        return Query.of(q -> q.bool(bool -> bool.filter(filters)));
    }

    private static Query window(String cluster, Instant since) {
        List<Query> filters = new ArrayList<>();
        filters.add(since(since));
        if (cluster != null) {
            filters.add(AlertSearch.terms("orchestrator.cluster.name", List.of(cluster)));
        }
        return Query.of(q -> q.bool(bool -> bool.filter(filters)));
    }

    /** Alerts since {@code since} and open posture findings of any age, without resolved findings. */
    static Query openAlerts(String cluster, Instant since) {
        List<Query> filters = new ArrayList<>();
        filters.add(sinceOrOpen(since));
        if (cluster != null) {
            filters.add(AlertSearch.terms("orchestrator.cluster.name", List.of(cluster)));
        }
        return Query.of(q -> q.bool(bool -> bool.filter(filters)
                .mustNot(AlertSearch.terms(STATUS, List.of("resolved")))));
    }

    /** {@code @timestamp} since then, or a posture finding open now. */
    private static Query sinceOrOpen(Instant since) {
        return Query.of(q -> q.bool(bool -> bool.minimumShouldMatch("1")
                .should(since(since))
                .should(AlertSearch.terms(STATUS, List.of("open")))));
    }

    private static Query since(Instant since) {
        return Query.of(q -> q.range(range -> range.field("@timestamp").gte(JsonData.of(since.toString()))));
    }
}

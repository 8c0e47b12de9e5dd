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
 * naming it ({@code vigil.bsi}) in the last 24 hours and 7 days, the relevant evidence documents seen in the status
 * window (7 days), and the status. Two searches per report: one aggregation over alerts, one over evidence.
 */
public final class ComplianceService {

    /** The window the status is judged in: the last 7 days, also the longer of the two alert counts. */
    public static final Duration WINDOW = Duration.ofDays(7);
    static final Duration RECENT = Duration.ofHours(24);

    /** A loaded rule that names the requirement. */
    public record RuleSummary(String id, String name, Severity severity) {
    }

    /** One row of the report. */
    public record RequirementReport(String id, String title, String titleEn, String level,
                                    BsiRequirement.Observability observable, String observedFrom,
                                    List<RuleSummary> rules, long alerts24h, long alerts7d, long relevantEvents,
                                    ComplianceStatus status) {
    }

    /** The whole report; {@code cluster} null means all clusters. */
    public record ComplianceReport(String cluster, Instant generatedAt, String window,
                                   List<RequirementReport> requirements) {
    }

    private record AlertCounts(long last24h, long last7d) {
    }

    private final OpenSearchClient client;
    private final BsiCatalog catalog;
    private final Supplier<List<RuleMeta>> rules;
    private final Clock clock;

    public ComplianceService(OpenSearchClient client, BsiCatalog catalog, Supplier<List<RuleMeta>> rules, Clock clock) {
        this.client = client;
        this.catalog = catalog;
        this.rules = rules;
        this.clock = clock;
    }

    public ComplianceReport report(String cluster) {
        Instant now = clock.instant();
        Map<String, AlertCounts> alerts = alertCounts(cluster, now);
        Map<String, Long> relevant = relevantEvents(cluster, now);
        List<RuleMeta> loaded = rules.get();
        List<RequirementReport> rows = new ArrayList<>();
        for (BsiRequirement requirement : catalog.requirements()) {
            List<RuleSummary> ruleSummaries = loaded.stream()
                    .filter(rule -> rule.bsi().stream().map(ComplianceService::normalise)
                            .anyMatch(requirement.id()::equals))
                    .map(rule -> new RuleSummary(rule.id(), rule.name(), rule.severity()))
                    .toList();
            AlertCounts counts = alerts.getOrDefault(requirement.id(), new AlertCounts(0, 0));
            long events = relevant.getOrDefault(requirement.id(), 0L);
            rows.add(new RequirementReport(requirement.id(), requirement.title(), requirement.titleEn(),
                    requirement.level(), requirement.observable(), requirement.observedFrom(), ruleSummaries,
                    counts.last24h(), counts.last7d(), events,
                    ComplianceStatus.of(requirement, ruleSummaries.size(), counts.last7d(), events)));
        }
        return new ComplianceReport(cluster, now, WINDOW.toDays() + "d", rows);
    }

    /** {@code A3} and {@code APP.4.4.A3} name the same requirement. */
    static String normalise(String bsiId) {
        String id = bsiId.trim();
        return id.matches("A\\d+") ? "APP.4.4." + id : id;
    }

    private Map<String, AlertCounts> alertCounts(String cluster, Instant now) {
        SearchResponse<JsonNode> response = AlertSearch.call(() -> client.search(search -> search
                .index(IndexFamily.ALERTS.pattern())
                .ignoreUnavailable(true)
                .allowNoIndices(true)
                .size(0)
                .query(window(cluster, now.minus(WINDOW)))
                .aggregations("bsi", aggregation -> aggregation
                        .terms(terms -> terms.field("vigil.bsi").size(200))
                        .aggregations("recent", recent -> recent.filter(since(now.minus(RECENT))))),
                JsonNode.class));
        Map<String, AlertCounts> counts = new HashMap<>();
        Aggregate bsi = response.aggregations().get("bsi");
        if (bsi == null) {
            return counts;
        }
        for (StringTermsBucket bucket : bsi.sterms().buckets().array()) {
            long recent = bucket.aggregations().get("recent").filter().docCount();
            counts.merge(normalise(bucket.key()), new AlertCounts(recent, bucket.docCount()),
                    (a, b) -> new AlertCounts(a.last24h() + b.last24h(), a.last7d() + b.last7d()));
        }
        return counts;
    }

    private Map<String, Long> relevantEvents(String cluster, Instant now) {
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
                .query(window(cluster, now.minus(WINDOW)))
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

    private static Query since(Instant since) {
        return Query.of(q -> q.range(range -> range.field("@timestamp").gte(JsonData.of(since.toString()))));
    }
}

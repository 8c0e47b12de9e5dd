package dev.vigil.console.overview;

import dev.vigil.alerting.index.IndexFamily;
import dev.vigil.console.query.AlertSearch;
import dev.vigil.console.triage.TriageStore;
import dev.vigil.model.alert.Severity;
import org.opensearch.client.json.JsonData;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.Time;
import org.opensearch.client.opensearch._types.aggregations.Aggregate;
import org.opensearch.client.opensearch._types.aggregations.Aggregation;
import org.opensearch.client.opensearch._types.aggregations.DateHistogramBucket;
import org.opensearch.client.opensearch._types.aggregations.FieldDateMath;
import org.opensearch.client.opensearch._types.aggregations.StringTermsAggregate;
import org.opensearch.client.opensearch._types.aggregations.StringTermsBucket;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import org.opensearch.client.opensearch.core.SearchResponse;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes the overview with one aggregation search over the alert indices (and one over {@code vigil-triage}): the
 * same {@code @timestamp} range and cluster filter as {@code GET /v1/alerts}, so its counts and the list agree.
 */
final class OverviewService {

    static final int TOP = 10;
    private static final String TIME = "@timestamp";
    private static final String CLUSTER = "orchestrator.cluster.name";
    private static final Map<String, String> TOP_FIELDS = Map.of("rules", "rule.id", "principals", "user.name",
            "namespaces", "orchestrator.namespace", "clusters", CLUSTER);

    private final OpenSearchClient client;

    OverviewService(OpenSearchClient client) {
        this.client = client;
    }

    Overview overview(OverviewQuery query) {
        Map<String, Aggregation> aggregations = new LinkedHashMap<>();
        aggregations.put("severities", severities());
        aggregations.put("over_time", Aggregation.of(a -> a
                .dateHistogram(histogram -> histogram.field(TIME)
                        .fixedInterval(Time.of(t -> t.time(query.interval().toSeconds() + "s")))
                        // bars start at `since`, not at multiples of the interval since 1970
                        .offset(Time.of(t -> t.time(Math.floorMod(query.since().toEpochMilli(),
                                query.interval().toMillis()) + "ms")))
                        .minDocCount(0)
                        .extendedBounds(bounds -> bounds
                                .min(FieldDateMath.of(m -> m.value((double) query.since().toEpochMilli())))
                                .max(FieldDateMath.of(m -> m.value((double) query.until().toEpochMilli())))))
                .aggregations("severities", severities())));
        TOP_FIELDS.forEach((name, field) -> aggregations.put(name, Aggregation.of(a -> a
                .terms(terms -> terms.field(field).size(TOP)))));
        SearchResponse<JsonNode> response = AlertSearch.call(() -> client.search(search -> search
                .index(IndexFamily.ALERTS.pattern()).ignoreUnavailable(true).allowNoIndices(true)
                .size(0)
                .trackTotalHits(total -> total.enabled(true))
                .query(alerts(query))
                .aggregations(aggregations), JsonNode.class));
        long total = response.hits().total() == null ? 0 : response.hits().total().value();
        Map<String, Aggregate> results = response.aggregations();
        return new Overview(query.since(), query.until(), query.cluster(), word(query.interval()), total,
                severityCounts(results.get("severities")), triage(query, total),
                buckets(query, results.get("over_time")),
                new Overview.Top(top(results.get("rules")), top(results.get("principals")),
                        top(results.get("namespaces")), top(results.get("clusters"))));
    }

    /** The filter of {@code GET /v1/alerts?since=&until=&cluster=}. */
    private static Query alerts(OverviewQuery query) {
        List<Query> filters = new ArrayList<>();
        filters.add(Query.of(q -> q.range(range -> range.field(TIME)
                .gte(JsonData.of(query.since().toString())).lte(JsonData.of(query.until().toString())))));
        if (query.cluster() != null) {
            filters.add(AlertSearch.terms(CLUSTER, List.of(query.cluster())));
        }
        return Query.of(q -> q.bool(bool -> bool.filter(filters)));
    }

    private static Aggregation severities() {
        return Aggregation.of(a -> a.terms(terms -> terms.field("vigil.severity").size(Severity.values().length)));
    }

    private static List<Overview.Bucket> buckets(OverviewQuery query, Aggregate histogram) {
        List<Overview.Bucket> buckets = new ArrayList<>();
        if (histogram == null) {
            return buckets;
        }
        long step = query.interval().toMillis();
        for (DateHistogramBucket bucket : histogram.dateHistogram().buckets().array()) {
            Instant start = Instant.ofEpochMilli(bucket.key());
            Map<String, Long> severities = severityCounts(bucket.aggregations().get("severities"));
            if (!start.isBefore(query.until()) && !buckets.isEmpty()) {
                // alerts at exactly `until` (inclusive, as in the list) belong to the last bar, not to a bar of their own
                Overview.Bucket last = buckets.remove(buckets.size() - 1);
                Map<String, Long> merged = new LinkedHashMap<>(last.severities());
                severities.forEach((severity, count) -> merged.merge(severity, count, Long::sum));
                buckets.add(new Overview.Bucket(last.since(), last.until(), last.total() + bucket.docCount(), merged));
                continue;
            }
            Instant end = Instant.ofEpochMilli(bucket.key() + step - 1);
            buckets.add(new Overview.Bucket(start.isBefore(query.since()) ? query.since() : start,
                    end.isAfter(query.until()) ? query.until() : end, bucket.docCount(), severities));
        }
        if (!buckets.isEmpty()) { // the last bar ends where the window ends
            Overview.Bucket last = buckets.remove(buckets.size() - 1);
            buckets.add(new Overview.Bucket(last.since(), query.until(), last.total(), last.severities()));
        }
        return buckets;
    }

    /** Every severity, most severe first, 0 when it has no alert. */
    private static Map<String, Long> severityCounts(Aggregate terms) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Severity severity : Severity.values()) {
            counts.put(severity.word(), 0L);
        }
        if (terms != null) {
            for (StringTermsBucket bucket : terms.sterms().buckets().array()) {
                counts.put(bucket.key(), bucket.docCount());
            }
        }
        return counts;
    }

    private static Overview.TopList top(Aggregate aggregate) {
        if (aggregate == null) {
            return new Overview.TopList(List.of(), 0);
        }
        StringTermsAggregate terms = aggregate.sterms();
        return new Overview.TopList(terms.buckets().array().stream()
                .map(bucket -> new Overview.Entry(bucket.key(), bucket.docCount())).toList(),
                terms.sumOtherDocCount() == null ? 0 : terms.sumOtherDocCount());
    }

    /**
     * Alerts of the window per triage status, from the triage index (verdicts carry their alert's time and cluster,
     * the fields {@code GET /v1/alerts?status=} filters by): open is what has no other verdict.
     */
    private Map<String, Long> triage(OverviewQuery query, long total) {
        List<Query> filters = new ArrayList<>();
        filters.add(Query.of(q -> q.range(range -> range.field("alert_timestamp")
                .gte(JsonData.of(query.since().toString())).lte(JsonData.of(query.until().toString())))));
        if (query.cluster() != null) {
            filters.add(AlertSearch.terms("cluster", List.of(query.cluster())));
        }
        SearchResponse<JsonNode> response = AlertSearch.call(() -> client.search(search -> search
                .index(TriageStore.INDEX).ignoreUnavailable(true).allowNoIndices(true).size(0)
                .query(q -> q.bool(bool -> bool.filter(filters)))
                .aggregations("status", a -> a.terms(terms -> terms.field("status").size(10))), JsonNode.class));
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("open", 0L);
        counts.put("acknowledged", 0L);
        counts.put("closed", 0L);
        Aggregate status = response.aggregations() == null ? null : response.aggregations().get("status");
        long decided = 0;
        if (status != null) {
            for (StringTermsBucket bucket : status.sterms().buckets().array()) {
                if (!bucket.key().equals("open")) {
                    counts.put(bucket.key(), bucket.docCount());
                    decided += bucket.docCount();
                }
            }
        }
        counts.put("open", Math.max(0, total - decided));
        return counts;
    }

    /** {@code 30m}, {@code 1h}, {@code 1d}: how the console labels the bar width. */
    static String word(Duration interval) {
        long seconds = interval.toSeconds();
        if (seconds % 86_400 == 0) {
            return seconds / 86_400 + "d";
        }
        if (seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        return seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
    }
}

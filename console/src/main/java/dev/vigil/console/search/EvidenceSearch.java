package dev.vigil.console.search;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.vigil.alerting.index.IndexFamily;
import dev.vigil.console.query.AlertSearch;
import org.opensearch.client.json.JsonData;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.SortOrder;
import org.opensearch.client.opensearch._types.aggregations.DateHistogramBucket;
import org.opensearch.client.opensearch._types.mapping.FieldType;
import org.opensearch.client.opensearch._types.query_dsl.Operator;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import org.opensearch.client.opensearch.core.SearchRequest;
import org.opensearch.client.opensearch.core.SearchResponse;
import org.opensearch.client.opensearch.core.search.Hit;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Forensic search over the evidence indices ({@code vigil-audit-*}): one page with a timeline, or every match. */
final class EvidenceSearch {

    /**
     * What {@code q} searches: the sentence, the principal (also as words), the impersonated user, groups, the object
     * (resource, name, namespace), cluster, verb, source IP, user agent, request URI, audit id and the response
     * message. All words must match (AND); {@code "…"} a phrase, {@code -word} excludes, {@code *} ends a prefix,
     * {@code |} is OR, {@code ( )} groups (OpenSearch's simple query string). Keyword fields match whole values only.
     */
    static final List<String> TEXT_FIELDS = List.of("message", "user.name", "user.name.text", "user.target.name",
            "user.group.name", "orchestrator.resource.type", "orchestrator.resource.name", "orchestrator.namespace",
            "orchestrator.cluster.name", "kubernetes.audit.verb", "source.ip", "user_agent.original.text",
            "kubernetes.audit.requestURI", "kubernetes.audit.auditID", "kubernetes.audit.responseStatus.message");
    private static final String TIME = "@timestamp";
    /** Ties of the event time are broken by the document id, so that search_after neither skips nor repeats one. */
    private static final String TIEBREAKER = "event.id";
    private static final int EXPORT_BATCH = 1000;

    /** One page: the total of matches, the timeline of all of them, the results and the cursor of the next page. */
    record SearchPage(long total, Instant from, Instant to, String order, String bucket, List<Bucket> buckets,
                      List<EvidenceSummary> results, String next, @JsonProperty("export_max") int exportMax) {
    }

    /** A timeline bar: matches from {@code time} (start of the minute or hour) on. */
    record Bucket(Instant time, long count) {
    }

    private final OpenSearchClient client;

    EvidenceSearch(OpenSearchClient client) {
        this.client = client;
    }

    SearchPage page(EvidenceQuery query, int exportMax) {
        String interval = query.bucketSize().toMinutes() == 1 ? "1m" : "1h";
        SearchResponse<JsonNode> response = AlertSearch.call(() -> client.search(search -> {
            sorted(search, query)
                    .size(query.size() + 1) // one more than shown: whether a next page exists
                    .trackTotalHits(total -> total.enabled(true))
                    .aggregations("timeline", aggregation -> aggregation.dateHistogram(histogram -> histogram
                            .field(TIME).fixedInterval(time -> time.time(interval)).minDocCount(1)));
            if (query.cursor() != null) {
                search.searchAfter(List.of(FieldValue.of(query.cursor().time()), FieldValue.of(query.cursor().id())));
            }
            return search;
        }, JsonNode.class));
        long total = response.hits().total() == null ? response.hits().hits().size() : response.hits().total().value();
        List<Hit<JsonNode>> hits = response.hits().hits();
        List<Hit<JsonNode>> shown = hits.subList(0, Math.min(hits.size(), query.size()));
        String next = hits.size() > query.size() && !shown.isEmpty() ? cursorAfter(shown.get(shown.size() - 1),
                query.descending()).encode() : null;
        List<Bucket> buckets = new ArrayList<>();
        for (DateHistogramBucket bucket : response.aggregations().get("timeline").dateHistogram().buckets().array()) {
            buckets.add(new Bucket(Instant.ofEpochMilli(bucket.key()), bucket.docCount()));
        }
        if (query.descending()) {
            java.util.Collections.reverse(buckets);
        }
        return new SearchPage(total, query.from(), query.to(), query.descending() ? "desc" : "asc",
                interval.equals("1m") ? "minute" : "hour", buckets,
                shown.stream().filter(hit -> hit.source() != null)
                        .map(hit -> EvidenceSummary.of(hit.id(), hit.source())).toList(), next, exportMax);
    }

    /** The number of matches, counted exactly. */
    long count(EvidenceQuery query) {
        return AlertSearch.call(() -> client.count(count -> count.index(IndexFamily.EVIDENCE.pattern())
                .ignoreUnavailable(true).allowNoIndices(true).query(query(query)))).count();
    }

    /** Hands every match, in the query's order, to {@code each} until {@code max} were handed; answers how many. */
    long each(EvidenceQuery query, long max, Consumer<EvidenceSummary> each) {
        long handed = 0;
        SearchCursor after = null;
        while (handed < max) {
            int batch = (int) Math.min(EXPORT_BATCH, max - handed);
            SearchCursor from = after;
            SearchResponse<JsonNode> response = AlertSearch.call(() -> client.search(search -> {
                sorted(search, query).size(batch).trackTotalHits(total -> total.enabled(false));
                if (from != null) {
                    search.searchAfter(List.of(FieldValue.of(from.time()), FieldValue.of(from.id())));
                }
                return search;
            }, JsonNode.class));
            List<Hit<JsonNode>> hits = response.hits().hits();
            for (Hit<JsonNode> hit : hits) {
                if (hit.source() != null) {
                    each.accept(EvidenceSummary.of(hit.id(), hit.source()));
                }
                handed++;
            }
            if (hits.size() < batch) {
                break;
            }
            after = cursorAfter(hits.get(hits.size() - 1), query.descending());
        }
        return handed;
    }

    private static SearchRequest.Builder sorted(SearchRequest.Builder search, EvidenceQuery query) {
        SortOrder order = query.descending() ? SortOrder.Desc : SortOrder.Asc;
        return search.index(IndexFamily.EVIDENCE.pattern())
                .ignoreUnavailable(true)
                .allowNoIndices(true)
                .query(query(query))
                .sort(sort -> sort.field(field -> field.field(TIME).order(order).unmappedType(FieldType.Date)))
                .sort(sort -> sort.field(field -> field.field(TIEBREAKER).order(order).unmappedType(FieldType.Keyword)));
    }

    private static SearchCursor cursorAfter(Hit<JsonNode> hit, boolean descending) {
        List<FieldValue> sort = hit.sort();
        long time = sort.get(0).isLong() ? sort.get(0).longValue() : (long) sort.get(0).doubleValue();
        return new SearchCursor(descending, time, sort.get(1).isString() ? sort.get(1).stringValue() : hit.id());
    }

    static Query query(EvidenceQuery query) {
        List<Query> filters = new ArrayList<>();
        filters.add(Query.of(q -> q.range(range -> range.field(TIME)
                .gte(JsonData.of(query.from().toString())).lte(JsonData.of(query.to().toString())))));
        for (Map.Entry<String, String> filter : query.filters().entrySet()) {
            filters.add(AlertSearch.terms(EvidenceQuery.FILTERS.get(filter.getKey()), List.of(filter.getValue())));
        }
        List<Query> must = new ArrayList<>();
        if (query.text() != null) {
            must.add(Query.of(q -> q.simpleQueryString(text -> text.query(query.text()).fields(TEXT_FIELDS)
                    .defaultOperator(Operator.And).lenient(true))));
        }
        return Query.of(q -> q.bool(bool -> bool.filter(filters).must(must)));
    }
}

package dev.vigil.console.query;

import dev.vigil.alerting.index.IndexFamily;
import dev.vigil.model.alert.Severity;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.aggregations.Aggregate;
import org.opensearch.client.opensearch._types.aggregations.Aggregation;
import org.opensearch.client.opensearch._types.aggregations.StringTermsBucket;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import org.opensearch.client.opensearch.core.SearchResponse;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The values of the alert list's filter fields ({@code GET /v1/alerts/facets}) over every alert the other filters
 * match, not only a loaded page: one search of terms aggregations. Each field's values ignore that field's own filter,
 * so a dropdown with a namespace chosen still offers the other namespaces (as faceted search does).
 */
public final class AlertFacets {

    /** One value of a field and how many matching alerts have it. */
    public record Term(String value, long count) {
    }

    /** How many alerts all filters match, and the values per field ({@code rules}, {@code severities}, {@code clusters}, {@code namespaces}), most frequent first. */
    public record Facets(long total, Map<String, List<Term>> fields) {
    }

    private static final String MATCHING = "matching";
    /** Values shown per field; more than any dropdown is usable with. */
    static final int MAX_VALUES = 500;

    private final OpenSearchClient client;

    AlertFacets(OpenSearchClient client) {
        this.client = client;
    }

    Facets facets(AlertQuery query, Query extraFilter) {
        Map<String, Facet> facets = new LinkedHashMap<>();
        facets.put("rules", new Facet("rule.id", q -> copy(q, List.of(), q.severities(), q.cluster(), q.namespace())));
        facets.put("severities", new Facet("vigil.severity",
                q -> copy(q, q.rules(), List.of(), q.cluster(), q.namespace())));
        facets.put("clusters", new Facet("orchestrator.cluster.name",
                q -> copy(q, q.rules(), q.severities(), null, q.namespace())));
        facets.put("namespaces", new Facet("orchestrator.namespace",
                q -> copy(q, q.rules(), q.severities(), q.cluster(), null)));
        Map<String, Aggregation> aggregations = new LinkedHashMap<>();
        aggregations.put(MATCHING, Aggregation.of(a -> a.filter(AlertSearch.query(query))));
        facets.forEach((name, facet) -> aggregations.put(name, Aggregation.of(a -> a
                .filter(AlertSearch.query(facet.without().apply(query)))
                .aggregations("values", values -> values.terms(terms -> terms.field(facet.field()).size(MAX_VALUES))))));
        // the widest query (none of the faceted filters); each aggregation narrows it by the filters of the others
        Query widest = AlertSearch.query(copy(query, List.of(), List.of(), null, null));
        Query filtered = extraFilter == null ? widest
                : Query.of(q -> q.bool(bool -> bool.must(widest).filter(extraFilter)));
        SearchResponse<JsonNode> response = AlertSearch.call(() -> client.search(search -> search
                .index(IndexFamily.ALERTS.pattern()).ignoreUnavailable(true).allowNoIndices(true)
                .size(0)
                .query(filtered)
                .aggregations(aggregations), JsonNode.class));
        Map<String, List<Term>> fields = new LinkedHashMap<>();
        Map<String, Aggregate> results = response.aggregations();
        for (String name : facets.keySet()) {
            Aggregate result = results.get(name);
            fields.put(name, result == null ? List.of() : terms(result.filter().aggregations().get("values")));
        }
        Aggregate matching = results.get(MATCHING);
        long total = matching == null ? 0 : matching.filter().docCount();
        return new Facets(total, fields);
    }

    private record Facet(String field, UnaryOperator<AlertQuery> without) {
    }

    private static List<Term> terms(Aggregate aggregate) {
        List<Term> terms = new ArrayList<>();
        if (aggregate == null || !aggregate.isSterms()) {
            return terms;
        }
        for (StringTermsBucket bucket : aggregate.sterms().buckets().array()) {
            terms.add(new Term(bucket.key(), bucket.docCount()));
        }
        return terms;
    }

    private static AlertQuery copy(AlertQuery query, List<String> rules, List<Severity> severities, String cluster,
                                   String namespace) {
        return new AlertQuery(query.since(), query.until(), rules, severities, query.bsi(), cluster, namespace,
                query.text(), 0, 0, query.sort(), query.descending(), null, query.principal());
    }
}

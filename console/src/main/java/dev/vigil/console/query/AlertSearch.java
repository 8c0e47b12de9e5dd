package dev.vigil.console.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.vigil.alerting.index.IndexFamily;
import dev.vigil.model.alert.Severity;
import org.opensearch.client.json.JsonData;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.mapping.FieldType;
import org.opensearch.client.opensearch._types.SortOrder;
import org.opensearch.client.opensearch._types.query_dsl.Operator;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import org.opensearch.client.opensearch.core.SearchResponse;
import org.opensearch.client.opensearch.core.search.Hit;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads alerts and their evidence from OpenSearch for the query API. Hits come back as Jackson 3 trees (the client's
 * mapper is Vigil's), exactly the stored documents.
 */
public final class AlertSearch {

    /**
     * One page of alerts in the query's order, with the total number of matches and, when more follow, the
     * {@code next} cursor (null on the last page); {@code sort} and {@code order} say which order it is.
     */
    public record AlertPage(long total, int from, int size, List<JsonNode> alerts, String next, String sort,
                            String order) {
    }

    /**
     * An alert with the evidence documents of its {@code vigil.evidence.audit_ids} in its own cluster, oldest first;
     * when the evidence could not be read (OpenSearch away or answering from only some shards) no evidence and
     * {@code evidence_error} saying why, so that the alert itself is still shown.
     */
    public record AlertDetail(JsonNode alert, List<JsonNode> evidence,
                              @JsonProperty("evidence_error") @JsonInclude(JsonInclude.Include.NON_NULL)
                              String evidenceError) {

        AlertDetail(JsonNode alert, List<JsonNode> evidence) {
            this(alert, evidence, null);
        }
    }

    /**
     * What {@code q} searches: the message, the rule, the principal, the object (resource type and name), namespace,
     * cluster and the source IP. Words must all match (AND); {@code "…"} a phrase, {@code -word} excludes, {@code *}
     * ends a prefix, {@code |} is OR (OpenSearch's simple query string). An IP only matches a whole address.
     */
    static final List<String> TEXT_FIELDS = List.of("message", "rule.name.text", "rule.description", "rule.id",
            "user.name", "user.name.text", "orchestrator.resource.type", "orchestrator.resource.name",
            "orchestrator.namespace", "orchestrator.cluster.name", "source.ip");
    /** Ties of the sort field are broken by the id, so that search_after neither skips nor repeats an alert. */
    private static final String TIEBREAKER = "event.id";
    private static final String CLUSTER_FIELD = "orchestrator.cluster.name";
    /** Audit ids kept per alert ({@code VigilAlertInfo.MAX_AUDIT_IDS}) times the stages one request can have. */
    private static final int MAX_EVIDENCE = 100;

    private final OpenSearchClient client;

    public AlertSearch(OpenSearchClient client) {
        this.client = client;
    }

    public AlertPage search(AlertQuery query) {
        return search(query, null);
    }

    /** The page with one more filter (e.g. the triage status filter, which the triage package computes); may be null. */
    public AlertPage search(AlertQuery query, Query extraFilter) {
        Query filtered = extraFilter == null ? query(query)
                : Query.of(q -> q.bool(bool -> bool.must(query(query)).filter(extraFilter)));
        SortOrder order = query.descending() ? SortOrder.Desc : SortOrder.Asc;
        SearchResponse<JsonNode> response = call(() -> client.search(search -> {
            search.index(IndexFamily.ALERTS.pattern())
                    .ignoreUnavailable(true)
                    .allowNoIndices(true)
                    .query(filtered)
                    .sort(sort -> sort.field(field -> field.field(query.sort().field()).order(order)
                            .missing(FieldValue.of("_last")).unmappedType(FieldType.Date)))
                    .sort(sort -> sort.field(field -> field.field(TIEBREAKER).order(order)))
                    .from(query.from())
                    .size(query.size() + 1) // one more than shown: whether a next page exists
                    .trackTotalHits(total -> total.enabled(true));
            if (query.cursor() != null) {
                search.searchAfter(query.cursor().after().stream().map(AlertSearch::fieldValue).toList());
            }
            return search;
        }, JsonNode.class));
        long total = response.hits().total() == null ? response.hits().hits().size() : response.hits().total().value();
        List<Hit<JsonNode>> hits = response.hits().hits();
        List<Hit<JsonNode>> shown = hits.subList(0, Math.min(hits.size(), query.size()));
        String next = hits.size() > query.size() && !shown.isEmpty()
                ? new AlertCursor(query.sort(), query.descending(), shown.get(shown.size() - 1).sort().stream()
                .map(AlertSearch::sortValue).toList()).encode()
                : null;
        return new AlertPage(total, query.from(), query.size(),
                shown.stream().map(Hit::source).filter(Objects::nonNull).toList(), next, query.sort().word(),
                query.descending() ? "desc" : "asc");
    }

    private static FieldValue fieldValue(Object value) {
        if (value == null) {
            return FieldValue.NULL;
        }
        return value instanceof Long number ? FieldValue.of(number) : FieldValue.of(value.toString());
    }

    private static Object sortValue(FieldValue value) {
        if (value.isLong()) {
            return value.longValue();
        }
        if (value.isDouble()) {
            return (long) value.doubleValue();
        }
        return value.isString() ? value.stringValue() : null;
    }

    public Optional<AlertDetail> find(String id) {
        SearchResponse<JsonNode> alerts = call(() -> client.search(search -> search
                .index(IndexFamily.ALERTS.pattern())
                .ignoreUnavailable(true)
                .allowNoIndices(true)
                .query(q -> q.ids(ids -> ids.values(id)))
                .size(1), JsonNode.class));
        List<JsonNode> found = sources(alerts);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        JsonNode alert = found.get(0);
        List<FieldValue> auditIds = new ArrayList<>();
        for (JsonNode auditId : alert.path("vigil").path("evidence").path("audit_ids")) {
            if (auditId.isString()) {
                auditIds.add(FieldValue.of(auditId.stringValue()));
            }
        }
        if (auditIds.isEmpty()) {
            return Optional.of(new AlertDetail(alert, List.of()));
        }
        Query evidenceOfAlert = Query.of(q -> q.bool(bool -> bool
                .filter(f -> f.terms(terms -> terms.field("kubernetes.audit.auditID")
                        .terms(values -> values.value(auditIds))))
                .filter(sameCluster(alert))));
        SearchResponse<JsonNode> evidence;
        try {
            evidence = call(() -> client.search(search -> search
                    .index(IndexFamily.EVIDENCE.pattern())
                    .ignoreUnavailable(true)
                    .allowNoIndices(true)
                    .query(evidenceOfAlert)
                    .sort(sort -> sort.field(field -> field.field("@timestamp").order(SortOrder.Asc)))
                    .size(MAX_EVIDENCE), JsonNode.class));
        } catch (OpenSearchQueryException e) {
            return Optional.of(new AlertDetail(alert, List.of(), e.getMessage()));
        }
        return Optional.of(new AlertDetail(alert, SharedAuditIds.ownRequests(alert, sources(evidence))));
    }

    /**
     * Evidence of the alert's own cluster only: an audit id is whatever the sender wrote, so another cluster may have
     * used the same one. An alert without a cluster matches evidence without one.
     */
    static Query sameCluster(JsonNode alert) {
        JsonNode cluster = alert.path("orchestrator").path("cluster").path("name");
        if (cluster.isString() && !cluster.stringValue().isEmpty()) {
            return terms(CLUSTER_FIELD, List.of(cluster.stringValue()));
        }
        return Query.of(q -> q.bool(bool -> bool.mustNot(not -> not.exists(exists -> exists.field(CLUSTER_FIELD)))));
    }

    static Query query(AlertQuery query) {
        List<Query> filters = new ArrayList<>();
        if (query.since() != null || query.until() != null) {
            filters.add(Query.of(q -> q.range(range -> {
                range.field("@timestamp");
                if (query.since() != null) {
                    range.gte(JsonData.of(query.since().toString()));
                }
                if (query.until() != null) {
                    range.lte(JsonData.of(query.until().toString()));
                }
                return range;
            })));
        }
        if (!query.rules().isEmpty()) {
            filters.add(terms("rule.id", query.rules()));
        }
        if (!query.severities().isEmpty()) {
            filters.add(terms("vigil.severity", query.severities().stream().map(Severity::word).toList()));
        }
        if (!query.bsi().isEmpty()) {
            filters.add(terms("vigil.bsi", query.bsi()));
        }
        if (query.cluster() != null) {
            filters.add(terms(CLUSTER_FIELD, List.of(query.cluster())));
        }
        if (query.namespace() != null) {
            filters.add(terms("orchestrator.namespace", List.of(query.namespace())));
        }
        if (query.principal() != null) {
            filters.add(terms("user.name", List.of(query.principal())));
        }
        List<Query> must = new ArrayList<>();
        if (query.text() != null) {
            must.add(Query.of(q -> q.simpleQueryString(text -> text.query(query.text()).fields(TEXT_FIELDS)
                    .defaultOperator(Operator.And).lenient(true))));
        }
        return Query.of(q -> q.bool(bool -> bool.filter(filters).must(must)));
    }

    /** A terms filter on one keyword field. */
    public static Query terms(String field, List<String> values) {
        List<FieldValue> fieldValues = values.stream().map(FieldValue::of).toList();
        return Query.of(q -> q.terms(terms -> terms.field(field).terms(list -> list.value(fieldValues))));
    }

    private static List<JsonNode> sources(SearchResponse<JsonNode> response) {
        return response.hits().hits().stream().map(Hit::source).filter(Objects::nonNull).toList();
    }

    /**
     * A search call; transport failures and answers from only some of the shards ({@link ShardFailures}) become
     * {@link OpenSearchQueryException} (503 for the API).
     */
    public interface Call<T> {
        T run() throws IOException;
    }

    public static <T> T call(Call<T> call) {
        try {
            return ShardFailures.requireComplete(call.run());
        } catch (IOException e) {
            throw new OpenSearchQueryException("OpenSearch did not answer: " + e.getMessage(), e);
        } catch (org.opensearch.client.opensearch._types.OpenSearchException e) {
            throw new OpenSearchQueryException("OpenSearch refused the search: " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new OpenSearchQueryException("OpenSearch did not answer: " + e.getMessage(), e);
        }
    }
}

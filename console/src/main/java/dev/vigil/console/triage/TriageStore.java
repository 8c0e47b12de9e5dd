package dev.vigil.console.triage;

import dev.vigil.alerting.opensearch.OpenSearchRest;
import dev.vigil.console.query.AlertSearch;
import dev.vigil.console.query.OpenSearchQueryException;
import dev.vigil.model.audit.Timestamps;
import dev.vigil.model.json.VigilJson;
import org.opensearch.client.json.JsonData;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.Refresh;
import org.opensearch.client.opensearch._types.SortOrder;
import org.opensearch.client.opensearch._types.aggregations.StringTermsBucket;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import org.opensearch.client.opensearch.core.BulkResponse;
import org.opensearch.client.opensearch.core.SearchResponse;
import org.opensearch.client.opensearch.core.search.Hit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code vigil-triage} index: one document per triaged alert, id = the alert's id. Triage lives apart from the
 * alert document because the indexer writes alerts whole, with {@code vigil.count} as external version, and the
 * embedded OpenSearch has no scripting that could merge two writers' fields: in an index of its own, no stream
 * update can ever overwrite an analyst's verdict, and the indexer stays a plain idempotent write. The alert's rule,
 * cluster and event time are copied in so that status filters and false-positive counts need no join.
 */
public final class TriageStore {

    public static final String INDEX = "vigil-triage";
    /** More triaged alerts than this in one status filter's window ask for a narrower window. */
    static final int MAX_FILTER_IDS = 65_536;
    private static final int PAGE = 10_000;
    private static final String MAPPING = """
            {"settings": {"index": {"number_of_shards": 1, "auto_expand_replicas": "0-1"}},
             "mappings": {"dynamic": "strict", "properties": {
               "alert_id": {"type": "keyword"}, "rule_id": {"type": "keyword"}, "cluster": {"type": "keyword"},
               "alert_timestamp": {"type": "date"}, "status": {"type": "keyword"}, "reason": {"type": "keyword"},
               "assignee": {"type": "keyword"}, "notes": {"type": "text"}, "updated_by": {"type": "keyword"},
               "updated_at": {"type": "date"}, "alert_count": {"type": "long"}}}}
            """;
    /** Fields added to the mapping since the index was first created; an older index gets them on first write. */
    private static final String ADDED_FIELDS = """
            {"properties": {"alert_count": {"type": "long"}}}
            """;

    /** One verdict with the alert facts it is filtered and counted by. */
    record Entry(String alertId, String ruleId, String cluster, Instant alertTimestamp, Triage triage) {
    }

    private final OpenSearchClient client;
    private final OpenSearchRest rest;
    private volatile boolean indexReady;

    public TriageStore(OpenSearchClient client) {
        this.client = client;
        this.rest = new OpenSearchRest(client);
    }

    /** The verdicts of these alerts; alerts nobody triaged are missing from the map. */
    public Map<String, Triage> find(Collection<String> alertIds) {
        Map<String, Triage> found = new HashMap<>();
        if (alertIds.isEmpty()) {
            return found;
        }
        List<String> ids = List.copyOf(alertIds);
        SearchResponse<JsonNode> response = AlertSearch.call(() -> client.search(search -> search
                .index(INDEX).ignoreUnavailable(true).allowNoIndices(true)
                .query(q -> q.ids(values -> values.values(ids)))
                .size(ids.size()), JsonNode.class));
        for (Hit<JsonNode> hit : response.hits().hits()) {
            if (hit.source() != null) {
                found.put(hit.id(), triage(hit.source()));
            }
        }
        return found;
    }

    /** Writes verdicts, searchable when this returns. */
    void write(List<Entry> entries) {
        ensureIndex();
        BulkResponse response = AlertSearch.call(() -> client.bulk(bulk -> {
            bulk.refresh(Refresh.WaitFor);
            for (Entry entry : entries) {
                bulk.operations(op -> op.<JsonNode>index(index -> index.index(INDEX).id(entry.alertId())
                        .document(document(entry))));
            }
            return bulk;
        }));
        if (response.errors()) {
            String reason = response.items().stream().filter(item -> item.error() != null).findFirst()
                    .map(item -> item.error().type() + ": " + item.error().reason()).orElse("unknown");
            throw new OpenSearchQueryException("OpenSearch did not store the triage: " + reason, null);
        }
    }

    /**
     * Ids of alerts whose verdict has one of these statuses, among alerts of the given event-time window (either
     * end may be null). Used as an ids filter on the alert search.
     */
    public List<String> alertIds(List<String> statuses, Instant since, Instant until) {
        List<Query> filters = new ArrayList<>();
        filters.add(AlertSearch.terms("status", statuses));
        if (since != null || until != null) {
            filters.add(Query.of(q -> q.range(range -> {
                range.field("alert_timestamp");
                if (since != null) {
                    range.gte(JsonData.of(since.toString()));
                }
                if (until != null) {
                    range.lte(JsonData.of(until.toString()));
                }
                return range;
            })));
        }
        List<String> ids = new ArrayList<>();
        List<FieldValue> after = null;
        while (true) {
            List<FieldValue> searchAfter = after;
            SearchResponse<JsonNode> response = AlertSearch.call(() -> client.search(search -> {
                search.index(INDEX).ignoreUnavailable(true).allowNoIndices(true)
                        .query(q -> q.bool(bool -> bool.filter(filters)))
                        .source(source -> source.fetch(false))
                        .sort(sort -> sort.field(field -> field.field("alert_id").order(SortOrder.Asc)))
                        .size(PAGE);
                if (searchAfter != null) {
                    search.searchAfter(searchAfter);
                }
                return search;
            }, JsonNode.class));
            List<Hit<JsonNode>> hits = response.hits().hits();
            hits.forEach(hit -> ids.add(hit.id()));
            if (ids.size() > MAX_FILTER_IDS) {
                throw new IllegalArgumentException("more than " + MAX_FILTER_IDS + " triaged alerts match status "
                        + statuses + "; narrow the window with since and until");
            }
            if (hits.size() < PAGE) {
                return ids;
            }
            after = List.of(FieldValue.of(hits.get(hits.size() - 1).id()));
        }
    }

    /** Per rule id: alerts with event time at or after {@code since} that analysts closed as false positives. */
    public Map<String, Long> falsePositivesByRule(Instant since) {
        SearchResponse<JsonNode> response = AlertSearch.call(() -> client.search(search -> search
                .index(INDEX).ignoreUnavailable(true).allowNoIndices(true).size(0)
                .query(q -> q.bool(bool -> bool
                        .filter(AlertSearch.terms("status", List.of(Triage.CLOSED)))
                        .filter(AlertSearch.terms("reason", List.of(Triage.FALSE_POSITIVE)))
                        .filter(f -> f.range(range -> range.field("alert_timestamp")
                                .gte(JsonData.of(since.toString()))))))
                .aggregations("rules", aggregation -> aggregation.terms(terms -> terms.field("rule_id").size(1000))),
                JsonNode.class));
        Map<String, Long> counts = new HashMap<>();
        var rules = response.aggregations().get("rules");
        if (rules != null) {
            for (StringTermsBucket bucket : rules.sterms().buckets().array()) {
                counts.put(bucket.key(), bucket.docCount());
            }
        }
        return counts;
    }

    private void ensureIndex() {
        if (indexReady) {
            return;
        }
        OpenSearchRest.JsonResponse exists = rest.get("/" + INDEX + "/_mapping");
        if (!exists.ok()) {
            OpenSearchRest.JsonResponse created = rest.put("/" + INDEX, VigilJson.mapper().readTree(MAPPING));
            if (!created.ok() && !String.valueOf(created.error()).contains("resource_already_exists")) {
                throw new OpenSearchQueryException("cannot create index " + INDEX + ": " + created.error(), null);
            }
        } else {
            // the mapping is strict: an index of an older version refuses a verdict with a field it does not know
            OpenSearchRest.JsonResponse updated = rest.put("/" + INDEX + "/_mapping",
                    VigilJson.mapper().readTree(ADDED_FIELDS));
            if (!updated.ok()) {
                throw new OpenSearchQueryException("cannot add fields to index " + INDEX + ": " + updated.error(), null);
            }
        }
        indexReady = true;
    }

    private static ObjectNode document(Entry entry) {
        ObjectNode document = VigilJson.mapper().createObjectNode();
        document.put("alert_id", entry.alertId());
        document.put("rule_id", entry.ruleId());
        document.put("cluster", entry.cluster());
        document.put("alert_timestamp", entry.alertTimestamp() == null ? null : entry.alertTimestamp().toString());
        Triage triage = entry.triage();
        document.put("status", triage.status());
        document.put("reason", triage.reason());
        document.put("assignee", triage.assignee());
        document.put("notes", triage.notes());
        document.put("updated_by", triage.updatedBy());
        document.put("updated_at", triage.updatedAt().toString());
        if (triage.alertCount() != null) {
            document.put("alert_count", triage.alertCount().longValue());
        }
        return document;
    }

    static Triage triage(JsonNode source) {
        String updatedAt = text(source, "updated_at");
        JsonNode alertCount = source.path("alert_count");
        return new Triage(text(source, "status"), text(source, "reason"), text(source, "assignee"),
                text(source, "notes"), text(source, "updated_by"),
                updatedAt == null ? null : Timestamps.parse(updatedAt).orElse(null),
                alertCount.isIntegralNumber() ? alertCount.asLong() : null);
    }

    private static String text(JsonNode source, String field) {
        JsonNode value = source.path(field);
        return value.isString() ? value.stringValue() : null;
    }
}

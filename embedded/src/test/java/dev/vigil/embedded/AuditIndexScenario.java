package dev.vigil.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.apache.hc.core5.http.HttpHost;
import org.opensearch.client.json.JsonData;
import org.opensearch.client.json.jackson.JacksonJsonpMapper;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.Refresh;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import org.opensearch.client.opensearch.core.BulkResponse;
import org.opensearch.client.opensearch.core.bulk.BulkOperation;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;

/**
 * The index scenario every OpenSearch variant must pass (embedded node, container): an index with explicit keyword,
 * date, ip and flat_object mappings, a bulk of {@value #DOCS} audit-like documents, exact term and range counts.
 */
final class AuditIndexScenario {

    static final int DOCS = 1_000;
    static final List<String> VERBS = List.of("get", "list", "create", "delete");
    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    /** One audit-like document; {@code annotations} is a flat_object like audit annotations are. */
    record AuditDoc(String auditId, String timestamp, String verb, String user, String sourceIp,
                    Map<String, String> annotations) {

        static AuditDoc number(int i) {
            return new AuditDoc("audit-" + i, START.plus(i, ChronoUnit.MINUTES).toString(), VERBS.get(i % VERBS.size()),
                    "user-" + i % 10, "10.0." + i % 4 + "." + (i / 4 % 250 + 1),
                    Map.of("decision", i % 5 == 0 ? "forbid" : "allow", "reason", "rbac rule " + i % 3));
        }
    }

    private AuditIndexScenario() {
    }

    static OpenSearchClient client(String url) {
        try {
            return new OpenSearchClient(ApacheHttpClient5TransportBuilder.builder(HttpHost.create(url))
                    .setMapper(new JacksonJsonpMapper())
                    .build());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(url, e);
        }
    }

    static void close(OpenSearchClient client) {
        try {
            client._transport().close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void createIndex(OpenSearchClient client, String index) throws IOException {
        client.indices().create(create -> create.index(index)
                .settings(settings -> settings.numberOfShards(2).numberOfReplicas(0))
                .mappings(mappings -> mappings
                        .properties("auditId", property -> property.keyword(keyword -> keyword))
                        .properties("timestamp", property -> property.date(date -> date))
                        .properties("verb", property -> property.keyword(keyword -> keyword))
                        .properties("user", property -> property.keyword(keyword -> keyword))
                        .properties("sourceIp", property -> property.ip(ip -> ip))
                        .properties("annotations", property -> property.flatObject(flat -> flat))));
    }

    static BulkResponse bulkIndex(OpenSearchClient client, String index) throws IOException {
        List<BulkOperation> operations = IntStream.range(0, DOCS).mapToObj(AuditDoc::number)
                .map(doc -> BulkOperation.of(operation -> operation.index(write -> write.index(index)
                        .id(doc.auditId()).document(doc))))
                .toList();
        return client.bulk(bulk -> bulk.operations(operations).refresh(Refresh.True));
    }

    static long count(OpenSearchClient client, String index, Query query) throws IOException {
        return client.count(count -> count.index(index).query(query)).count();
    }

    static Query term(String field, String value) {
        return Query.of(query -> query.term(term -> term.field(field).value(FieldValue.of(value))));
    }

    /** Asserts the exact counts that {@link #bulkIndex} implies, through keyword, date, ip and flat_object fields. */
    static void assertExactCounts(OpenSearchClient client, String index) throws IOException {
        assertThat(count(client, index, Query.of(query -> query.matchAll(all -> all)))).isEqualTo(DOCS);
        assertThat(count(client, index, term("verb", "create"))).isEqualTo(DOCS / VERBS.size());
        assertThat(count(client, index, term("user", "user-7"))).isEqualTo(DOCS / 10);
        assertThat(count(client, index, term("auditId", "audit-999"))).isEqualTo(1);
        assertThat(count(client, index, Query.of(query -> query.range(range -> range.field("timestamp")
                .gte(JsonData.of(START.toString()))
                .lt(JsonData.of(START.plus(100, ChronoUnit.MINUTES).toString()))))))
                .isEqualTo(100);
        assertThat(count(client, index, term("sourceIp", "10.0.2.0/24"))).isEqualTo(DOCS / 4);
        assertThat(count(client, index, term("annotations.decision", "forbid"))).isEqualTo(DOCS / 5);
        assertThat(count(client, index, term("annotations", "forbid"))).isEqualTo(DOCS / 5);
    }

    /** Runs the whole scenario on a fresh index: create, bulk (every item accepted), exact counts, delete-by-query. */
    static void run(OpenSearchClient client, String index) throws IOException {
        createIndex(client, index);
        BulkResponse bulk = bulkIndex(client, index);
        assertThat(bulk.errors()).isFalse();
        assertThat(bulk.items()).hasSize(DOCS).allSatisfy(item -> assertThat(item.error()).isNull());

        assertExactCounts(client, index);

        long deleted = client.deleteByQuery(delete -> delete.index(index).query(term("verb", "delete")).refresh(Refresh.True))
                .deleted();
        assertThat(deleted).isEqualTo(DOCS / VERBS.size());
        assertThat(count(client, index, term("verb", "delete"))).isZero();
        assertThat(count(client, index, Query.of(query -> query.matchAll(all -> all)))).isEqualTo(DOCS - deleted);
    }
}

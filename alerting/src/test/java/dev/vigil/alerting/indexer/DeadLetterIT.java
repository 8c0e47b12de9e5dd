package dev.vigil.alerting.indexer;

import dev.vigil.alerting.index.IndexFamily;
import dev.vigil.alerting.testing.KafkaTestSupport;
import dev.vigil.alerting.testing.TestDocuments;
import dev.vigil.embedded.CapturedLogs;
import dev.vigil.embedded.TopicReader;
import dev.vigil.embedded.EmbeddedKafka;
import dev.vigil.embedded.EmbeddedOpenSearch;
import dev.vigil.embedded.WithEmbeddedKafka;
import dev.vigil.embedded.WithEmbeddedOpenSearch;
import dev.vigil.model.audit.AuditEvent;
import dev.vigil.model.audit.AuditEventParser;
import dev.vigil.model.dlq.DeadLetter;
import dev.vigil.model.evidence.Evidence;
import dev.vigil.model.json.VigilJson;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static dev.vigil.alerting.testing.OpenSearchProbe.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Documents OpenSearch refuses go to the DLQ, the rest of their bulk is indexed, and no body reaches the log. */
@WithEmbeddedKafka
@WithEmbeddedOpenSearch
class DeadLetterIT {

    private static final Duration POLL = Duration.ofMillis(500);

    private IndexerFixture fixture;

    @BeforeEach
    void setUp(EmbeddedKafka broker, EmbeddedOpenSearch openSearch) {
        fixture = new IndexerFixture(broker, openSearch);
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void aMappingConflictGoesToTheDlqWhileTheRestOfItsBulkIsIndexedAndNothingOfItIsLogged() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String marker = "body-marker-" + fixture.id;
        List<Evidence> batch = new ArrayList<>(TestDocuments.manyEvidence(TestDocuments.thirdPartyEvents(), 20,
                fixture.cluster, now));
        Evidence good = batch.get(7);
        // a foreign producer's shape: @timestamp in RFC 1123 form, which the date field does not take
        ObjectNode conflicting = (ObjectNode) VigilJson.tree(new Evidence(good.timestamp(), good.message() + " " + marker,
                good.event(), good.user(), good.source(), good.userAgent(), good.orchestrator(), good.kubernetes(),
                good.vigil()));
        String rfc1123 = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                good.timestamp().atOffset(java.time.ZoneOffset.UTC));
        conflicting.put("@timestamp", rfc1123);
        String conflictingId = good.documentId();
        batch.add(redactedSecretCreation(now));
        List<JsonNode> records = new ArrayList<>(batch.stream().map(VigilJson::tree).toList());
        records.set(7, conflicting);

        try (CapturedLogs logs = CapturedLogs.attach()) {
            KafkaTestSupport.produce(fixture.kafka, fixture.topics.evidence(), records,
                    document -> document.at("/kubernetes/audit/auditID").asString(), VigilJson::writeBytes);
            fixture.startEvidenceIndexer();

            await().atMost(Duration.ofSeconds(60)).pollInterval(POLL).until(() ->
                    fixture.probe.count(IndexFamily.EVIDENCE.pattern(), fixture.cluster) == 20
                            && KafkaTestSupport.caughtUp(fixture.kafka, fixture.properties.evidenceGroupId(),
                            fixture.topics.evidence()));

            List<ConsumerRecord<String, byte[]>> dlq = TopicReader.readAtLeast(fixture.kafka.bootstrapServers(),
                    fixture.topics.dlq(), 1, Duration.ofSeconds(30));
            assertThat(dlq).hasSize(1);
            DeadLetter letter = VigilJson.mapper().readValue(dlq.get(0).value(), DeadLetter.class);
            assertThat(dlq.get(0).key()).isEqualTo(letter.source());
            assertThat(letter.source()).matches("alerting:" + fixture.topics.evidence().replace(".", "\\.") + "/\\d@\\d+");
            assertThat(letter.reason()).contains("OpenSearch rejected the evidence document " + conflictingId,
                    "400 mapper_parsing_exception", "[@timestamp]", "also with its free-form fields unindexed");
            assertThat(letter.cluster()).isEqualTo(fixture.cluster);
            assertThat(VigilJson.mapper().readTree(letter.payload())).isEqualTo(conflicting);
            assertThat(fixture.probe.search(IndexFamily.EVIDENCE.pattern(),
                    json("{\"ids\": {\"values\": [\"" + conflictingId + "\"]}}"), 1)).isEmpty();

            assertThat(logs.lines()).anyMatch(line -> line.contains("rejected document " + conflictingId)
                    && line.contains("mapper_parsing_exception"));
            assertThat(logs.lines()).anyMatch(line -> line.contains("sent to " + fixture.topics.dlq()));
            assertThat(logs.lines()).noneMatch(line -> line.contains(marker) || line.contains(rfc1123));
        }
    }

    @Test
    void evidenceWithAValueTooLongToIndexStaysSearchableByEverythingElse() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        // a Grafana dashboard shipped as a ConfigMap: one data value far beyond Lucene's 32 766-byte term limit
        String panel = "{\"type\":\"timeseries\",\"targets\":[{\"expr\":\"sum(rate(apiserver_request_total[5m]))\"}]}";
        String dashboard = "{\"title\":\"Kubernetes / API server\",\"panels\":["
                + String.join(",", java.util.Collections.nCopies(600, panel)) + "]}";
        AuditEvent update = AuditEventParser.parse("""
                {"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"RequestResponse",
                 "auditID":"0c7d1a2e-93c4-4b7e-8f1e-%s","stage":"ResponseComplete",
                 "requestURI":"/api/v1/namespaces/monitoring/configmaps/grafana-dashboard-apiserver",
                 "verb":"update","user":{"username":"system:serviceaccount:monitoring:helm-controller",
                 "groups":["system:serviceaccounts","system:authenticated"]},
                 "sourceIPs":["10.244.1.17"],"userAgent":"helm-controller/v1.1.0",
                 "objectRef":{"resource":"configmaps","namespace":"monitoring","name":"grafana-dashboard-apiserver",
                   "apiVersion":"v1"},
                 "responseStatus":{"metadata":{},"code":200},
                 "requestObject":{"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"grafana-dashboard-apiserver",
                   "namespace":"monitoring","labels":{"grafana_dashboard":"1"}},"data":{"apiserver.json":%s}},
                 "requestReceivedTimestamp":"%s","stageTimestamp":"%s"}
                """.formatted(fixture.id + "0001", VigilJson.write(dashboard), now.minusMillis(9), now)).value();
        assertThat(update.requestObject().at("/data/apiserver.json").asString().length()).isGreaterThan(40_000);
        Evidence evidence = TestDocuments.evidence(update, fixture.cluster, now.plusMillis(25));
        KafkaTestSupport.produce(fixture.kafka, fixture.topics.evidence(), List.of(evidence),
                document -> document.kubernetes().audit().auditID(), VigilJson::writeBytes);
        fixture.startEvidenceIndexer();

        await().atMost(Duration.ofSeconds(60)).pollInterval(POLL).until(() ->
                fixture.probe.count(IndexFamily.EVIDENCE.pattern(), fixture.cluster) == 1);

        List<JsonNode> found = fixture.probe.search(IndexFamily.EVIDENCE.pattern(), json("""
                {"bool": {"filter": [{"term": {"orchestrator.cluster.name": "%s"}},
                  {"term": {"kubernetes.audit.objectRef.name": "grafana-dashboard-apiserver"}},
                  {"term": {"vigil.unindexed_fields": "kubernetes.audit.requestObject"}}]}}""".formatted(fixture.cluster)), 1);
        assertThat(found).hasSize(1);
        assertThat(found.get(0).at("/vigil/unindexed/kubernetes/audit/requestObject"))
                .isEqualTo(TestDocuments.asRead(update.requestObject()));
        assertThat(found.get(0).at("/kubernetes/audit/user/username").asString())
                .isEqualTo("system:serviceaccount:monitoring:helm-controller");
        assertThat(fixture.documents(fixture.topics.evidence(), "dead_lettered")).isZero();
    }

    @Test
    void aRedactedSecretIsStoredRedactedAndItsValueIsNotSearchable() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Evidence secret = redactedSecretCreation(now);
        KafkaTestSupport.produce(fixture.kafka, fixture.topics.evidence(), List.of(secret),
                document -> document.kubernetes().audit().auditID(), VigilJson::writeBytes);
        fixture.startEvidenceIndexer();

        await().atMost(Duration.ofSeconds(60)).pollInterval(POLL).until(() ->
                fixture.probe.count(IndexFamily.EVIDENCE.pattern(), fixture.cluster) == 1);

        JsonNode stored = fixture.probe.search(IndexFamily.EVIDENCE.pattern(),
                json("{\"ids\": {\"values\": [\"" + secret.documentId() + "\"]}}"), 1).get(0);
        assertThat(stored.at("/kubernetes/audit/requestObject/data/password").asString()).isEqualTo("[REDACTED]");
        assertThat(stored.at("/kubernetes/audit/requestObject/stringData/token").asString()).isEqualTo("[REDACTED]");
        assertThat(stored.at("/vigil/redacted").toString())
                .isEqualTo("[\"requestObject.data.password\",\"requestObject.stringData.token\"]");
        assertThat(fixture.probe.search(IndexFamily.EVIDENCE.pattern(), json("""
                {"term": {"kubernetes.audit.requestObject.data.password": "[REDACTED]"}}"""), 10))
                .extracting(document -> document.at("/orchestrator/cluster/name").asString()).contains(fixture.cluster);
        // the values the API server saw never left streams; nothing in any Vigil index holds them
        for (String value : List.of("czNjcjN0LXBhc3N3b3Jk", "s3cr3t-password", "ghp_4Zt1Hc0ExampleToken")) {
            assertThat(fixture.probe.search("vigil-*", json("""
                    {"query_string": {"query": "\\"%s\\"", "lenient": true}}""".formatted(value)), 10)).isEmpty();
        }
    }

    /** A Secret created with kubectl, as streams emits it: data and stringData values replaced by [REDACTED]. */
    private Evidence redactedSecretCreation(Instant time) {
        AuditEvent event = AuditEventParser.parse("""
                {"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"RequestResponse",
                 "auditID":"5b0b4d5e-4a4c-4c1e-9d67-%s","stage":"ResponseComplete",
                 "requestURI":"/api/v1/namespaces/payments/secrets?fieldManager=kubectl-client-side-apply",
                 "verb":"create","user":{"username":"alice@example.com","groups":["developers","system:authenticated"]},
                 "sourceIPs":["192.0.2.15"],"userAgent":"kubectl/v1.31.2 (linux/amd64) kubernetes/5864a46",
                 "objectRef":{"resource":"secrets","namespace":"payments","name":"db-credentials","apiVersion":"v1"},
                 "responseStatus":{"metadata":{},"code":201},
                 "requestObject":{"kind":"Secret","apiVersion":"v1","metadata":{"name":"db-credentials",
                   "namespace":"payments","creationTimestamp":null},"type":"Opaque",
                   "data":{"password":"[REDACTED]"},"stringData":{"token":"[REDACTED]"}},
                 "requestReceivedTimestamp":"%s","stageTimestamp":"%s",
                 "annotations":{"authorization.k8s.io/decision":"allow",
                   "authorization.k8s.io/reason":"RBAC: allowed by RoleBinding \\"payments-admins/payments\\""}}
                """.formatted(fixture.id + "0000", time.minusMillis(4), time)).value();
        Evidence evidence = TestDocuments.evidence(event, fixture.cluster, time.plusMillis(30));
        return new Evidence(evidence.timestamp(), evidence.message(), evidence.event(), evidence.user(),
                evidence.source(), evidence.userAgent(), evidence.orchestrator(), evidence.kubernetes(),
                new Evidence.VigilEvidenceInfo(time.plusMillis(30),
                        List.of("requestObject.data.password", "requestObject.stringData.token")));
    }
}

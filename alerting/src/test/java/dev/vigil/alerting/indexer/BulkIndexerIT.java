package dev.vigil.alerting.indexer;

import dev.vigil.alerting.index.IndexFamily;
import dev.vigil.alerting.testing.KafkaTestSupport;
import dev.vigil.alerting.testing.TestDocuments;
import dev.vigil.embedded.EmbeddedKafka;
import dev.vigil.embedded.EmbeddedOpenSearch;
import dev.vigil.embedded.WithEmbeddedKafka;
import dev.vigil.embedded.WithEmbeddedOpenSearch;
import dev.vigil.model.alert.Alert;
import dev.vigil.model.alert.Severity;
import dev.vigil.model.audit.AuditEvent;
import dev.vigil.model.evidence.Evidence;
import dev.vigil.model.json.VigilJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static dev.vigil.alerting.testing.OpenSearchProbe.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The indexer between the real embedded broker and node: everything searchable once, also after a replay. */
@WithEmbeddedKafka
@WithEmbeddedOpenSearch
class BulkIndexerIT {

    private static final int EVIDENCE = 10_000;
    private static final int ALERTS = 30;

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
    void indexesEveryEvidenceDocumentAndAlertOnceAndAReplayChangesNothing() {
        Instant newest = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<Evidence> evidence = TestDocuments.manyEvidence(TestDocuments.thirdPartyEvents(), EVIDENCE,
                fixture.cluster, newest);
        List<Alert> alertUpdates = alertsWithUpdates(newest);
        produce(evidence, alertUpdates);

        fixture.startEvidenceIndexer();
        fixture.startAlertIndexer();

        await().atMost(Duration.ofSeconds(90)).pollInterval(POLL).until(() ->
                fixture.probe.count(IndexFamily.EVIDENCE.pattern(), fixture.cluster) == EVIDENCE);
        await().atMost(Duration.ofSeconds(30)).pollInterval(POLL)
                .until(() -> caughtUp() && alertsAtCount(3) == ALERTS);
        assertThat(fixture.probe.count(IndexFamily.ALERTS.pattern(), fixture.cluster)).isEqualTo(ALERTS);

        produce(evidence, alertUpdates); // the very same records once more: a consumer-group reset or a re-delivery
        await().atMost(Duration.ofSeconds(90)).pollInterval(POLL).until(() ->
                fixture.documents(fixture.topics.evidence(), "indexed") >= 2 * EVIDENCE && caughtUp());

        assertThat(fixture.probe.count(IndexFamily.EVIDENCE.pattern(), fixture.cluster)).isEqualTo(EVIDENCE);
        assertThat(fixture.probe.count(IndexFamily.ALERTS.pattern(), fixture.cluster)).isEqualTo(ALERTS);
        assertThat(alertsAtCount(3)).isEqualTo(ALERTS); // the replayed count 1 and 2 versions did not win
        assertThat(fixture.documents(fixture.topics.alerts(), "superseded")).isGreaterThanOrEqualTo(2 * ALERTS);
        assertThat(fixture.documents(fixture.topics.evidence(), "dead_lettered")).isZero();

        Evidence sample = evidence.get(4_321);
        List<JsonNode> stored = fixture.probe.search(IndexFamily.EVIDENCE.pattern(),
                json("{\"ids\": {\"values\": [\"" + sample.documentId() + "\"]}}"), 10);
        assertThat(stored).containsExactly(TestDocuments.asRead(sample));
    }

    @Test
    void anotherClustersEventWithTheSameAuditIdDoesNotOverwriteTheFirstClustersEvidence() {
        Instant time = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String auditId = "shared-" + fixture.id;
        List<AuditEvent> events = TestDocuments.thirdPartyEvents();
        AuditEvent genuine = TestDocuments.copy(events.stream().filter(event -> "create".equals(event.verb())
                        && event.username() != null && event.requestURI() != null)
                .findFirst().orElseThrow(), auditId, time);
        AuditEvent forged = TestDocuments.copy(events.stream().filter(event -> "delete".equals(event.verb())
                && !Objects.equals(genuine.requestURI(), event.requestURI())
                && !Objects.equals(genuine.username(), event.username())
                && genuine.stage().equals(event.stage())).findFirst().orElseThrow(), auditId, time.plusSeconds(1));
        String attacker = fixture.cluster + "-b";
        Evidence local = TestDocuments.evidence(genuine, fixture.cluster, time);
        Evidence other = TestDocuments.evidence(forged, attacker, time.plusSeconds(1));
        KafkaTestSupport.produce(fixture.kafka, fixture.topics.evidence(), List.of(local, other),
                document -> document.kubernetes().audit().auditID(), VigilJson::writeBytes);

        fixture.startEvidenceIndexer();
        await().atMost(Duration.ofSeconds(60)).pollInterval(POLL).until(() -> KafkaTestSupport.caughtUp(fixture.kafka,
                fixture.properties.evidenceGroupId(), fixture.topics.evidence()));

        List<JsonNode> stored = fixture.probe.search(IndexFamily.EVIDENCE.pattern(),
                json("{\"term\": {\"kubernetes.audit.auditID\": \"" + auditId + "\"}}"), 10);
        assertThat(stored).hasSize(2);
        assertThat(local.documentId()).isNotEqualTo(other.documentId());
        List<JsonNode> first = fixture.probe.search(IndexFamily.EVIDENCE.pattern(),
                json("{\"ids\": {\"values\": [\"" + local.documentId() + "\"]}}"), 10);
        assertThat(first).containsExactly(TestDocuments.asRead(local));
        assertThat(first.get(0).at("/kubernetes/audit/user/username").asString()).isEqualTo(genuine.username());
        assertThat(first.get(0).at("/kubernetes/audit/requestURI").asString()).isEqualTo(genuine.requestURI());
        assertThat(fixture.probe.count(IndexFamily.EVIDENCE.pattern(), attacker)).isEqualTo(1);
        assertThat(fixture.documents(fixture.topics.evidence(), "dead_lettered")).isZero();
    }

    @Test
    void anAlertIsSearchableAsSoonAsItsOffsetIsCommittedWithoutWaitingForAPeriodicRefresh() {
        // A day of its own whose index never refreshes by itself: only the indexer's refresh can make the alert visible.
        Instant time = Instant.parse("2099-03-0" + (1 + Math.floorMod(fixture.id.hashCode(), 9)) + "T12:00:00Z");
        String index = IndexFamily.ALERTS.indexFor(time);
        fixture.probe.rest().put("/" + index, json("{\"settings\": {\"index.refresh_interval\": \"-1\"}}"));
        try {
            Alert alert = TestDocuments.alert("anonymous-admin-action:" + fixture.cluster + ":x", "anonymous-admin-action",
                    Severity.CRITICAL, "APP.4.4.A3", fixture.cluster, "kube-system", time, "audit-refresh");
            KafkaTestSupport.produce(fixture.kafka, fixture.topics.alerts(), List.of(alert), Alert::id,
                    VigilJson::writeBytes);

            fixture.startAlertIndexer();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() ->
                    KafkaTestSupport.caughtUp(fixture.kafka, fixture.properties.alertsGroupId(), fixture.topics.alerts()));

            // no _refresh here: the search sees what the indexer's own bulk made visible
            var answer = fixture.probe.rest().post("/" + index + "/_search",
                    json("{\"query\": {\"ids\": {\"values\": [\"" + alert.id() + "\"]}}}"));
            assertThat(answer.ok()).as(answer.error()).isTrue();
            assertThat(answer.body().path("hits").path("hits")).hasSize(1);
        } finally {
            fixture.probe.rest().delete("/" + index);
        }
    }

    @Test
    void aLateOpenOfAPostureFindingNeverOverwritesItsResolution() {
        Instant time = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(60);
        Alert base = TestDocuments.alert("posture-" + fixture.cluster, "namespace-without-default-deny",
                Severity.MEDIUM, "APP.4.4.A7", fixture.cluster, "shop", time, "none");
        Alert open = base.withVigil(base.vigil().opened(time));
        Alert resolved = open.withVigil(open.vigil().resolved(time.plusSeconds(30)));
        // resolved, then the open once more (a re-delivery or a replay arriving late)
        KafkaTestSupport.produce(fixture.kafka, fixture.topics.alerts(), List.of(open, resolved, open), Alert::id,
                VigilJson::writeBytes);

        fixture.startAlertIndexer();
        await().atMost(Duration.ofSeconds(30)).pollInterval(POLL).until(() ->
                KafkaTestSupport.caughtUp(fixture.kafka, fixture.properties.alertsGroupId(), fixture.topics.alerts()));

        List<JsonNode> stored = fixture.probe.search(IndexFamily.ALERTS.pattern(),
                json("{\"ids\": {\"values\": [\"" + open.id() + "\"]}}"), 10);
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0).at("/vigil/status").asString()).isEqualTo("resolved");
        assertThat(stored.get(0).at("/vigil/resolved_at").asString()).isEqualTo(time.plusSeconds(30).toString());
        assertThat(fixture.probe.search(IndexFamily.ALERTS.pattern(), json("""
                {"bool": {"filter": [{"term": {"orchestrator.cluster.name": "%s"}},
                                     {"term": {"vigil.status": "resolved"}}]}}
                """.formatted(fixture.cluster)), 10)).as("vigil.status is indexed").hasSize(1);
    }

    /** Each alert as streams emits it: the first hit, then two dedup updates of the same alert id. */
    private List<Alert> alertsWithUpdates(Instant newest) {
        List<Alert> updates = new ArrayList<>();
        List<Alert> firsts = new ArrayList<>();
        for (int i = 0; i < ALERTS; i++) {
            firsts.add(TestDocuments.alert("privileged-pod:" + fixture.cluster + "/ns-" + i + ":" + (29_160_000 + i),
                    "privileged-pod", Severity.HIGH, "APP.4.4.A4", fixture.cluster, "ns-" + i,
                    newest.minusSeconds(600 + i), "audit-" + i + "-a"));
        }
        updates.addAll(firsts);
        firsts.forEach(alert -> updates.add(alert.repeated(alert.timestamp().plusSeconds(20), "b")));
        firsts.forEach(alert -> updates.add(alert.repeated(alert.timestamp().plusSeconds(20), "b")
                .repeated(alert.timestamp().plusSeconds(40), "c")));
        return updates;
    }

    private void produce(List<Evidence> evidence, List<Alert> alerts) {
        KafkaTestSupport.produce(fixture.kafka, fixture.topics.evidence(), evidence,
                document -> document.kubernetes().audit().auditID(), VigilJson::writeBytes);
        KafkaTestSupport.produce(fixture.kafka, fixture.topics.alerts(), alerts, Alert::id, VigilJson::writeBytes);
    }

    private long alertsAtCount(long count) {
        return fixture.probe.search(IndexFamily.ALERTS.pattern(), json("""
                {"bool": {"filter": [{"term": {"orchestrator.cluster.name": "%s"}}, {"term": {"vigil.count": %d}}]}}
                """.formatted(fixture.cluster, count)), 100).size();
    }

    private boolean caughtUp() {
        return KafkaTestSupport.caughtUp(fixture.kafka, fixture.properties.evidenceGroupId(), fixture.topics.evidence())
                && KafkaTestSupport.caughtUp(fixture.kafka, fixture.properties.alertsGroupId(), fixture.topics.alerts());
    }
}

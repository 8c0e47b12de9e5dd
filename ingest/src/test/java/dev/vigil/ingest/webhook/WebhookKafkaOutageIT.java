package dev.vigil.ingest.webhook;

import dev.vigil.embedded.EmbeddedKafka;
import dev.vigil.embedded.EmbeddedKafkaExtension;
import dev.vigil.ingest.TestEvents;
import dev.vigil.ingest.TopicRecords;
import dev.vigil.model.audit.AuditEvent;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Kafka goes away while the API server sends a batch: the webhook must answer 503 with Retry-After well within the
 * API server's 30 s, and the batch the API server sends again once Kafka is back must land — once per identity.
 */
class WebhookKafkaOutageIT extends WebhookTestSupport {

    @Test
    void aStoppedBrokerGives503AndTheResentBatchLandsOnce() {
        EmbeddedKafka kafka = EmbeddedKafkaExtension.kafka();
        String batch = TestEvents.compact(TestEvents.eventList("outage", 50));
        List<String> ids = IntStream.range(0, 50).mapToObj(i -> TestEvents.auditId("outage", i)).toList();
        // Kafka is reachable first, so the producer knows the topic's partitions before the outage.
        assertThat(post("/v1/audit/fleet-2", "token-fleet", TestEvents.compact(TestEvents.eventList("before", 1)))
                .statusCode()).isEqualTo(200);

        kafka.stop();
        HttpResponse<String> unavailable;
        long started = System.nanoTime();
        try {
            unavailable = post("/v1/audit/fleet-2", "token-fleet", batch);
        } finally {
            kafka.start();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(unavailable.statusCode()).isEqualTo(503);
        assertThat(unavailable.headers().firstValue("Retry-After")).hasValue("7");
        assertThat(json(unavailable).get("detail").asString()).contains("Kafka");
        assertThat(took).isLessThan(Duration.ofSeconds(25));

        // The API server retries the same batch until it gets a 2xx.
        AtomicReference<HttpResponse<String>> retried = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            retried.set(post("/v1/audit/fleet-2", "token-fleet", batch));
            return retried.get().statusCode() == 200;
        });
        assertThat(json(retried.get()).get("accepted").asInt()).isEqualTo(50);

        List<TopicRecords.Entry> records = auditRecords(Set.copyOf(ids));
        Set<String> identities = records.stream()
                .map(r -> AuditEvent.stageId(r.value().get("auditID").asString(), r.value().get("stage").asString()))
                .collect(Collectors.toSet());
        assertThat(identities).hasSize(50);
        assertThat(records).hasSizeGreaterThanOrEqualTo(50)
                .allSatisfy(record -> assertThat(record.cluster()).isEqualTo("fleet-2"));
    }
}

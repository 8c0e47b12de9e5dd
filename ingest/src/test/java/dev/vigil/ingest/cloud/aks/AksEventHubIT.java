package dev.vigil.ingest.cloud.aks;

import dev.vigil.embedded.EmbeddedKafka;
import dev.vigil.embedded.EmbeddedKafkaExtension;
import dev.vigil.embedded.KafkaSettings;
import dev.vigil.embedded.WithEmbeddedKafka;
import dev.vigil.ingest.IngestTestApplication;
import dev.vigil.ingest.TopicRecords;
import dev.vigil.ingest.cloud.CloudSamples;
import dev.vigil.model.json.VigilJson;
import dev.vigil.model.kafka.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The AKS source against an Event Hubs stand-in: a second real broker whose client listener speaks SASL PLAIN with
 * user {@code $ConnectionString} and the connection string as password, as the Event Hubs Kafka endpoint does
 * (without TLS here: the embedded broker's SASL listener is SASL_PLAINTEXT; against Azure it is SASL_SSL). Vigil's
 * own topics are on the shared embedded broker.
 */
@WithEmbeddedKafka
@SpringBootTest(classes = IngestTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
                "vigil.roles=ingest"})
class AksEventHubIT {

    static final String HUB = "aks-audit";
    static final String GROUP = "vigil";
    static final String CONNECTION_STRING = "Endpoint=sb://vigil-test.servicebus.windows.net/;"
            + "SharedAccessKeyName=vigil-listen;SharedAccessKey=bm90LWEtcmVhbC1rZXk=;EntityPath=" + HUB;
    private static final Topics TOPICS = Topics.defaults();
    private static final EmbeddedKafka EVENT_HUBS = new EmbeddedKafka(KafkaSettings.builder()
            .saslPlainUser("$ConnectionString", CONNECTION_STRING).build()).start();

    static {
        EVENT_HUBS.createTopics(Map.of(HUB, 2));
    }

    @Autowired
    MeterRegistry registry;

    @DynamicPropertySource
    static void eventHubs(DynamicPropertyRegistry registry) {
        // A list binds from one property source only: every entry of it here, beside the broker's address.
        registry.add("vigil.sources.aks[0].name", () -> "aks-prod");
        registry.add("vigil.sources.aks[0].bootstrap-servers", EVENT_HUBS::saslBootstrapServers);
        registry.add("vigil.sources.aks[0].topic", () -> HUB);
        registry.add("vigil.sources.aks[0].connection-string", () -> CONNECTION_STRING);
        registry.add("vigil.sources.aks[0].consumer-group", () -> GROUP);
        registry.add("vigil.sources.aks[0].clusters", () -> "aks-prod-1");
        registry.add("vigil.sources.aks[0].security", () -> "SASL_PLAINTEXT");
    }

    @AfterAll
    static void stopEventHubs() {
        EVENT_HUBS.close();
    }

    @Test
    void recordsOfADiagnosticSettingBecomeEventsAndBadOnesDeadLettersBeforeTheOffsetsAreCommitted() {
        String auditID = UUID.randomUUID().toString();
        ObjectNode body = (ObjectNode) CloudSamples.json(CloudSamples.AKS_PRIVILEGED_POD);
        ArrayNode records = (ArrayNode) body.get("records");
        ObjectNode good = (ObjectNode) records.get(0);
        ObjectNode event = (ObjectNode) VigilJson.mapper().readTree(good.at("/properties/log").asString());
        event.put("auditID", auditID);
        ((ObjectNode) good.get("properties")).put("log", event.toString());
        ObjectNode broken = (ObjectNode) good.deepCopy();
        ((ObjectNode) broken.get("properties")).put("log", "{\"auditID\":\"" + auditID + "-broken\",");
        ObjectNode foreign = (ObjectNode) good.deepCopy();
        foreign.put("resourceId", good.get("resourceId").asString().replace("AKS-PROD-1", "AKS-OTHER"));
        ((ObjectNode) foreign.get("properties")).put("log", event.put("auditID", auditID + "-foreign").toString());
        records.add(broken);
        records.add(foreign);

        send(body.toString());
        send("not json " + auditID);

        await().atMost(Duration.ofSeconds(30)).until(() -> deadLetters(auditID).size() == 3);
        List<TopicRecords.Entry> accepted = TopicRecords.read(bootstrap(), TOPICS.audit()).stream()
                .filter(entry -> entry.key().startsWith(auditID)).toList();
        assertThat(accepted).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo(auditID);
            assertThat(record.cluster()).isEqualTo("aks-prod-1");
            assertThat(record.value().get("cluster").asString()).isEqualTo("aks-prod-1");
            assertThat(record.value().has("receivedAt")).isTrue();
            assertThat(record.value().at("/requestObject/spec/hostPID").asBoolean()).isTrue();
        });
        List<TopicRecords.Entry> letters = deadLetters(auditID);
        assertThat(letters).extracting(letter -> letter.value().get("reason").asString())
                .anySatisfy(reason -> assertThat(reason).startsWith("properties.log is not JSON"))
                .anySatisfy(reason -> assertThat(reason).contains("may not deliver cluster 'aks-other'"))
                .anySatisfy(reason -> assertThat(reason).startsWith("the Event Hubs message is not JSON"));
        assertThat(letters).anySatisfy(letter ->
                assertThat(letter.value().get("payload").asString()).isEqualTo("not json " + auditID));
        // Committed once everything was acknowledged: the group's offsets reach the end of the hub.
        await().atMost(Duration.ofSeconds(30)).until(() -> committed() == 2);
        assertThat(registry.get("vigil.ingest.cloud.events").tags("source", "aks:aks-prod", "cluster", "aks-prod-1",
                "outcome", "accepted").counter().count()).isGreaterThanOrEqualTo(1);
    }

    private static void send(String value) {
        Map<String, Object> config = Map.of(
                CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, EVENT_HUBS.saslBootstrapServers(),
                CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT",
                SaslConfigs.SASL_MECHANISM, "PLAIN",
                SaslConfigs.SASL_JAAS_CONFIG, EventHubsConsumerConfig.jaas(CONNECTION_STRING));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(HUB, value.getBytes(StandardCharsets.UTF_8))).get();
        } catch (Exception e) {
            throw new IllegalStateException("the Event Hubs stand-in did not take the message", e);
        }
    }

    /** Offsets the group committed on the hub, summed over its partitions. */
    private static long committed() throws Exception {
        try (Admin admin = Admin.create(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
                EVENT_HUBS.bootstrapServers()))) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(GROUP)
                    .partitionsToOffsetAndMetadata().get();
            return offsets.values().stream().mapToLong(o -> o == null ? 0 : o.offset()).sum();
        }
    }

    private static String bootstrap() {
        return EmbeddedKafkaExtension.kafka().bootstrapServers();
    }

    private static List<TopicRecords.Entry> deadLetters(String marker) {
        return TopicRecords.read(bootstrap(), TOPICS.dlq()).stream()
                .filter(entry -> entry.text().contains(marker))
                .toList();
    }
}

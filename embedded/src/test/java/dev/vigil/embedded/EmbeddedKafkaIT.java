package dev.vigil.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@WithEmbeddedKafka
class EmbeddedKafkaIT {

    private static final int RECORDS = 10_000;

    @Test
    void consumesBackEveryProducedRecord(EmbeddedKafka kafka) {
        String topic = "it.roundtrip";
        kafka.createTopics(Map.of(topic, 3));

        KafkaRecords.produce(kafka.bootstrapServers(), topic, RECORDS, i -> "key-" + i, i -> "value-" + i);
        List<ConsumerRecord<String, String>> records = KafkaRecords.consume(kafka.bootstrapServers(), topic, RECORDS);

        assertThat(records).hasSize(RECORDS);
        assertThat(records).extracting(ConsumerRecord::key).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(IntStream.range(0, RECORDS).mapToObj(i -> "key-" + i).toList());
        assertThat(records).allSatisfy(record ->
                assertThat(record.value()).isEqualTo(record.key().replace("key-", "value-")));
        assertThat(records).extracting(ConsumerRecord::partition).containsOnly(0, 1, 2);
    }

    @Test
    void createTopicsKeepsExistingTopicsAsTheyAre() throws Exception {
        EmbeddedKafka kafka = EmbeddedKafkaExtension.kafka();
        kafka.createTopics(Map.of("it.idempotent", 2));

        kafka.createTopics(Map.of("it.idempotent", 4, "it.idempotent.other", 1));
        kafka.createTopics("it.idempotent.defaults");

        try (Admin admin = Admin.create(kafka.clientProperties())) {
            Map<String, Integer> partitions = admin.describeTopics(
                            Set.of("it.idempotent", "it.idempotent.other", "it.idempotent.defaults"))
                    .allTopicNames().get().values().stream()
                    .collect(Collectors.toMap(TopicDescription::name, description -> description.partitions().size()));
            assertThat(partitions).containsExactlyInAnyOrderEntriesOf(
                    Map.of("it.idempotent", 2, "it.idempotent.other", 1, "it.idempotent.defaults", 1));
        }
    }

    @Test
    void sharesOneBrokerAcrossTheTestRun(EmbeddedKafka kafka) {
        assertThat(kafka).isSameAs(EmbeddedKafkaExtension.kafka());
        assertThat(kafka.isRunning()).isTrue();
        assertThat(kafka.bootstrapServers()).isEqualTo("127.0.0.1:" + kafka.port());
        assertThat(kafka.clusterId()).isNotBlank();
    }
}

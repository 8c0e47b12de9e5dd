package dev.vigil.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/** The embedded broker's round trip against the official image, for machines with Docker. */
@Testcontainers(disabledWithoutDocker = true)
class KafkaContainerIT {

    private static final int RECORDS = 10_000;

    @Container
    static final KafkaContainer KAFKA = new KafkaContainer(
            DockerImageName.parse(System.getProperty("vigil.it.kafka-image", "apache/kafka:4.3.2")));

    @Test
    void consumesBackEveryProducedRecord() {
        String topic = "it.container.roundtrip";
        KafkaTopics.create(KAFKA.getBootstrapServers(), Map.of(topic, 3), Duration.ofSeconds(30));

        KafkaRecords.produce(KAFKA.getBootstrapServers(), topic, RECORDS, i -> "key-" + i, i -> "value-" + i);
        List<ConsumerRecord<String, String>> records = KafkaRecords.consume(KAFKA.getBootstrapServers(), topic, RECORDS);

        assertThat(records).extracting(ConsumerRecord::key).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(IntStream.range(0, RECORDS).mapToObj(i -> "key-" + i).toList());
    }
}

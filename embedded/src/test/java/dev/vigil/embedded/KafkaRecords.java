package dev.vigil.embedded;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Produces and consumes string records the way every Kafka integration test here needs, on any broker; reading is {@link TopicReader}'s. */
final class KafkaRecords {

    static final Duration TIMEOUT = Duration.ofSeconds(60);

    private KafkaRecords() {
    }

    /** Sends {@code count} records with acks=all and idempotence, and returns once all are acknowledged. */
    static void produce(String bootstrapServers, String topic, int count, IntFunction<String> key, IntFunction<String> value) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                // a stalled broker fails the test quickly instead of retrying for the default two minutes
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(topic, key.apply(i), value.apply(i)));
            }
            producer.flush();
        }
    }

    /** Reads {@code topic} from the beginning until at least {@code expected} records arrived. */
    static List<ConsumerRecord<String, String>> consume(String bootstrapServers, String topic, int expected) {
        return consumeUntil(bootstrapServers, topic, new StringDeserializer(), records -> records.size() >= expected);
    }

    /** Reads {@code topic} from the beginning until the records read so far satisfy {@code done}. */
    static <V> List<ConsumerRecord<String, V>> consumeUntil(String bootstrapServers, String topic,
                                                           Deserializer<V> valueDeserializer,
                                                           Predicate<List<ConsumerRecord<String, V>>> done) {
        return TopicReader.readUntil(bootstrapServers, topic, valueDeserializer, done, TIMEOUT);
    }
}
